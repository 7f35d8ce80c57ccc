"""A parent withdraws website consent for one child on a phone; the teacher's class sheet then says no.
A parent who reads English consents on her phone with every word in English; a teacher on a trip
sees in one tap the names of the children who may not be on Parro."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.helpers import open_menu, screenshot

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

    # With the keyboard only: who may NOT be shown on the website? Choosing it applies the filter
    # at once (static/js/class_sheet.js); the child is on that list.
    teacher.get_by_label("Wie mag NIET op ...").focus()
    teacher.keyboard.press("S")
    expect(teacher).to_have_url(re.compile(r"niet=website"))
    expect(teacher.get_by_label("Wie mag NIET op ...")).to_have_value("website")
    expect(teacher.get_by_role("table")).to_contain_text("alleen wie NIET mag op: Schoolwebsite")
    expect(teacher.get_by_role("rowheader", name=CHILD, exact=True)).to_be_visible()
    check(teacher, "class sheet filtered")


# Dutch words that must not be on the English form or receipt (the child's name aside).
DUTCH = ["foto", "Gaat over", "Ja, dat mag", "Nee, liever niet", "Meer uitleg", "openbaar", "besloten", "Schoolwebsite",
         "Geluidsopnamen", "Nog niet beantwoord", "uw kind", "Keuzes", "Alles ja", "Volgende", "geldt", "mag ", "kanaal"]


def assert_english(page: Page, where: str) -> None:
    text = page.locator("main").inner_text()
    found = [word for word in DUTCH if word in text]
    assert not found, f"Dutch on the English {where}: {found}"


def test_a_parent_who_reads_english_consents_on_her_phone_with_every_word_in_english(
    browse, phone, login, check, cast, base_url
):
    from consent.models import ConsentRecord

    login(phone, "ouder")
    phone.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])
    phone.goto(reverse("consent:index"))
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    phone.get_by_role("listitem").filter(has_text=CHILD).get_by_role("link", name="View or change choices").click()
    website = phone.get_by_role("radiogroup", name="School website")
    expect(website).to_be_visible()
    expect(phone.get_by_text("Covers: photo, film · public: everyone can see it").first).to_be_visible()
    expect(phone.get_by_text("Covers: sound · public: everyone can hear it")).to_be_visible()
    assert_english(phone, "form")
    check(phone, "consent form in English (phone)")
    # The explanation is folded; one tap opens it.
    question = phone.get_by_role("group", name="School website")
    question.get_by_text("More explanation").click()
    expect(question.get_by_text("Anyone can look at the website")).to_be_visible()
    # "Yes to all" ticks every choice in the page; each can still be changed before saving.
    phone.get_by_role("button", name="Yes to all").click()
    expect(phone.get_by_role("radiogroup", name="Parro (closed group environment)").get_by_label("Yes, that's fine")).to_be_checked()
    website.get_by_label("No, I'd rather not").check()
    assert ConsentRecord.objects.filter(language="en").count() == 0
    screenshot(phone, "consent-parent-form-english-phone")
    phone.get_by_role("button", name="Save choices").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Confirmation of your choice")
    main = phone.locator("main")
    expect(main).to_contain_text("will not be recognisable on: School website.")
    expect(main).to_contain_text("may be recognisably seen or heard on: Parro (closed group environment).")
    assert_english(phone, "receipt")
    check(phone, "consent receipt in English (phone)")
    # The ledger says the decider read English, for every answer of this save.
    saved = ConsentRecord.objects.filter(pupil__first_name="Sanne", decider_role="ouder").latest("recorded_at", "id")
    languages = set(ConsentRecord.objects.filter(submission=saved.submission).values_list("language", flat=True))
    assert languages == {"en"}


def test_a_teacher_on_a_trip_sees_in_one_tap_who_may_not_be_on_parro(browse, phone, login, check, cast):
    login(phone, "leerkracht")
    phone.goto(reverse("dashboard"))
    check(phone, "teacher dashboard (phone)")
    phone.get_by_role("link", name=re.compile(r"^Wie mag NIET op Parro")).first.click()
    expect(phone.get_by_role("heading", name="Wie mag NIET op Parro (besloten groepsomgeving)", level=1)).to_be_visible()
    expect(phone.get_by_role("table")).to_have_count(0)
    names = phone.locator(".consent-not-allowed li")
    expect(phone.get_by_text(re.compile(r"mogen? niet herkenbaar in beeld"))).to_be_visible()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the phone list is wider than the phone: {width}px"
    check(phone, "who may not be on Parro (phone)")
    screenshot(phone, "consent-not-on-parro-phone", docs=True)
    # A plain list of names: each is one line with the child's name.
    for text in names.all_inner_texts():
        assert text.strip()
