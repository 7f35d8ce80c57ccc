"""The look of the portal in a real browser: every role's dashboard, the audit trail and the public
protocol pass axe-core (no serious or critical violation) on a 390 px phone and a 1366 px laptop,
and directie's menu fits one line on the laptop, its dropdowns working by keyboard."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import PHONE, ROLES, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}
SIZES = [("phone", PHONE), ("laptop", LAPTOP)]


def _open(browse, viewport: dict) -> Page:
    return browse(viewport, mobile=viewport is PHONE)


def _assert_unique_ids(page: Page, name: str) -> None:
    """Every id on the page names one element (a label's `for` then points at its own field)."""
    duplicates = page.evaluate("""() => {
        const seen = {};
        document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
        return Object.keys(seen).filter(id => seen[id] > 1);
    }""")
    assert not duplicates, f"ids used more than once on {name}: {duplicates}"


def _menu_rows(page: Page) -> dict:
    """The tops of the menu's entries and the height of the open menu bar, as laid out now."""
    return page.evaluate("""() => {
        const entries = [...document.querySelectorAll('#portal-nav > ul > li')];
        return {tops: entries.map(e => Math.round(e.getBoundingClientRect().top)),
                entry: Math.max(...entries.map(e => e.getBoundingClientRect().height)),
                bar: document.querySelector('nav.navbar').getBoundingClientRect().height};
    }""")


def test_every_roles_dashboard_passes_axe_on_a_phone_and_a_laptop(browse, login, check):
    for role in ROLES:
        for size, viewport in SIZES:
            page = login(_open(browse, viewport), role)
            expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
            check(page, f"dashboard of {role} on a {size}")
            _assert_unique_ids(page, f"dashboard of {role}")
            browse.close(page)


def test_directie_reads_the_audit_trail_as_sentences_on_a_phone_and_a_laptop(browse, login, check):
    for size, viewport in SIZES:
        page = login(_open(browse, viewport), "directie")
        page.goto("/audit/")
        expect(page.get_by_role("heading", name="Audittrail", level=1)).to_be_visible()
        expect(page.get_by_role("columnheader", name="Wat er gebeurde")).to_be_visible()
        expect(page.get_by_role("cell", name="heeft incident").first).to_be_visible()
        check(page, f"audit trail on a {size}")
        _assert_unique_ids(page, "the audit trail")
        screenshot(page, f"audit-trail-{size}")
        browse.close(page)


def test_a_visitor_reads_the_public_protocol_and_the_schools_name_leads_back_to_it(browse, cast, check):
    for size, viewport in SIZES:
        page = _open(browse, viewport)
        page.goto("/")
        brand = page.get_by_role("link", name="Basisschool Prinses Juliana")
        expect(brand).to_be_visible()
        brand.click()
        expect(page).to_have_url(f"{page.url.split('/protocol')[0]}/protocol/")
        check(page, f"public protocol on a {size}")
        _assert_unique_ids(page, "the public protocol")
        browse.close(page)


def test_directies_menu_fits_one_line_on_a_laptop_and_its_dropdowns_work_by_keyboard(browse, login, check):
    page = login(_open(browse, LAPTOP), "directie")
    page.wait_for_load_state("load")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(page.get_by_role("button", name="Menu openen")).to_be_hidden()
    rows = _menu_rows(page)
    assert max(rows["tops"]) - min(rows["tops"]) <= 2, rows
    assert rows["bar"] < 2 * rows["entry"], rows
    # The consent pages are one entry; a keyboard opens it, walks it and closes it again.
    toggle = nav.get_by_role("button", name="Toestemming")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(nav.get_by_role("link", name="Groepskaart")).to_be_visible()
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused in ("Toestemming", "Groepskaart", "Toestemming overzicht", "Foto plaatsen?"), focused
    check(page, "directie's consent menu, open")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    screenshot(page, "menu-directie-laptop")
    browse.close(page)


def test_a_refused_form_opens_with_an_error_summary_that_takes_the_focus_and_links_to_the_field(browse, cast, check):
    page = _open(browse, PHONE)
    page.goto("/accounts/password_reset/")
    # The browser's own check of the address is skipped, so that the portal's answer shows.
    page.evaluate("() => document.querySelectorAll('main form').forEach(f => f.noValidate = true)")
    page.get_by_label("E-mailadres").fill("geen adres")
    page.get_by_role("button", name="Stuur mij een link").click()
    summary = page.get_by_role("alert").filter(has_text="Dit is nog niet goed")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="E-mailadres").click()
    expect(page.get_by_label("E-mailadres")).to_be_focused()
    check(page, "a refused form on a phone")
    browse.close(page)


def _contrast(rgb: str, against=(255, 255, 255)) -> float:
    def luminance(channels):
        values = []
        for c in channels:
            c = c / 255
            values.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]

    channels = [int(float(v)) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lighter, darker = sorted([luminance(channels), luminance(against)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_unchecked_radio_buttons_and_checkboxes_stand_out_at_3_to_1(browse, cast):
    page = _open(browse, LAPTOP)
    page.goto("/")
    # Controls as Bootstrap's form-check renders them, measured with the portal's stylesheet.
    borders = page.evaluate("""() => ['checkbox', 'radio'].map(type => {
        const input = document.createElement('input');
        input.type = type;
        input.className = 'form-check-input';
        document.querySelector('main').appendChild(input);
        return getComputedStyle(input).borderTopColor;
    })""")
    for border in borders:
        assert _contrast(border) >= 3, border
    browse.close(page)
