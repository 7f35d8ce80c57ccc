"""A parent withdraws website consent for one child on a phone; the teacher's class sheet then says no."""

import pytest
from playwright.sync_api import Page, expect

from .conftest import open_menu, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHILD = "Sanne Janssen"  # the demo parent's child in groep 5
WEBSITE = "Schoolwebsite"


def sheet_cell(page: Page, pupil: str, purpose: str):
    """The class sheet's cell for `pupil` under the column headed `purpose`, found by the table's headers."""
    table = page.get_by_role("table")
    headers = table.get_by_role("columnheader").all_inner_texts()
    column = [h.strip() for h in headers].index(purpose)
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=pupil, exact=True))
    # The first column is the pupil's row header; the purposes' cells follow it.
    return row.get_by_role("cell").nth(column - 1)


def test_parent_withdraws_website_consent_on_a_phone_and_the_class_sheet_says_no(
    browse, phone, login, check, cast
):
    # The teacher first sees the child allowed on the website.
    teacher = login(browse(), "leerkracht")
    open_menu(teacher, "Groepskaart")
    check(teacher, "class sheet list")
    teacher.get_by_role("link", name="groep 5").click()
    expect(sheet_cell(teacher, CHILD, WEBSITE)).to_contain_text("ja")

    # The parent, on a phone, withdraws that one yes.
    login(phone, "ouder")
    open_menu(phone, "Toestemming")
    expect(phone.get_by_role("heading", name="Toestemming beeldmateriaal", level=1)).to_be_visible()
    check(phone, "consent overview (phone)")
    phone.get_by_role("listitem").filter(has_text=CHILD).get_by_role("link", name="Keuzes bekijken of wijzigen").click()
    website = phone.get_by_role("radiogroup", name=WEBSITE)
    expect(website.get_by_label("Ja, dat mag")).to_be_checked()
    check(phone, "consent form (phone)")
    screenshot(phone, "consent-parent-form-phone", docs=True)
    website.get_by_label("Nee, liever niet").check()
    phone.get_by_role("button", name="Keuzes opslaan").click()
    expect(phone.get_by_role("status")).to_be_visible()
    check(phone, "consent receipt (phone)")

    # The teacher's class sheet now shows the child as not allowed on the website.
    teacher.reload()
    expect(sheet_cell(teacher, CHILD, WEBSITE)).to_contain_text("nee")
    check(teacher, "class sheet")
    screenshot(teacher, "class-sheet", docs=True)
    teacher.emulate_media(media="print")
    screenshot(teacher, "class-sheet-print")
    teacher.emulate_media(media="screen")

    # With the keyboard only: who may NOT be shown on the website? The child is on that list.
    teacher.get_by_label("Wie mag NIET op ...").focus()
    teacher.keyboard.type("Schoolw")
    expect(teacher.get_by_label("Wie mag NIET op ...")).to_have_value("website")
    teacher.keyboard.press("Tab")
    expect(teacher.get_by_role("button", name="Tonen")).to_be_focused()
    teacher.keyboard.press("Enter")
    expect(teacher.get_by_role("table")).to_contain_text("alleen wie NIET mag op: Schoolwebsite")
    expect(teacher.get_by_role("rowheader", name=CHILD, exact=True)).to_be_visible()
    check(teacher, "class sheet filtered")
