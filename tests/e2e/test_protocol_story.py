"""Directie drafts a new protocol version, changes a rule and adopts it; bestuur approves; directie
publishes; the public /protocol/ page then shows the new text."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import open_menu, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECTION = "Het gebruik van eigen telefoons op school"
OLD_RULE = "De telefoon mag ook in de bureaulade van de leerkracht."
NEW_RULE = "De telefoon mag ook in de telefoonkluis van de klas."


def test_directie_drafts_and_adopts_bestuur_approves_directie_publishes_and_the_public_page_shows_it(
    browse, login, check
):
    # Directie starts a new, substantive version from the protocol in force.
    directie = login(browse(), "directie")
    open_menu(directie, "Protocol")
    check(directie, "protocol in force (directie)")
    directie.get_by_role("link", name="Alle versies").first.click()
    check(directie, "version list")
    directie.get_by_label("Inhoudelijk").check()
    directie.get_by_role("button", name="Concept beginnen").click()
    expect(directie.get_by_role("heading", name="Versie 2.0 bewerken")).to_be_visible()
    check(directie, "draft overview")

    # ... changes one rule, previews it, saves it ...
    # The link reads "Bewerken" on screen and "Bewerken : <title>" to a screen reader.
    directie.get_by_role("link", name=re.compile(rf"^Bewerken\s*:\s*{re.escape(SECTION)}$")).click()
    text = directie.get_by_label("Tekst")
    expect(text).to_contain_text(OLD_RULE)
    text.fill(text.input_value().replace(OLD_RULE, NEW_RULE))
    directie.get_by_role("button", name="Voorbeeld").click()
    expect(directie.locator(".policy-preview")).to_contain_text(NEW_RULE)
    check(directie, "section editor with preview")
    directie.get_by_role("button", name="Opslaan").click()
    expect(directie.get_by_role("status").filter(has_text="is opgeslagen")).to_be_visible()

    # ... says what changed and why, and adopts it.
    directie.get_by_label("Wat is er veranderd en waarom").fill(
        "Telefoons mogen in de nieuwe telefoonkluis van de klas in plaats van in de bureaulade."
    )
    directie.get_by_role("button", name="Opslaan").click()
    expect(directie.get_by_role("status").filter(has_text="gegevens van de versie zijn opgeslagen")).to_be_visible()
    directie.get_by_role("link", name="Terug naar versie 2.0").click()
    directie.get_by_label("Toelichting", exact=True).fill("Besproken in het teamoverleg.")
    directie.get_by_role("button", name="Vaststellen door directie").click()
    expect(directie.locator(".policy-status")).to_contain_text("Vastgesteld")
    check(directie, "adopted version (directie)")

    # Bestuur finds the version waiting on the dashboard and approves it.
    bestuur = login(browse(), "bestuur")
    bestuur.get_by_role("link", name="Versie 2.0 bekijken").click()
    expect(bestuur.get_by_text(NEW_RULE)).to_be_visible()
    check(bestuur, "adopted version (bestuur)")
    bestuur.get_by_role("button", name="Goedkeuren door bestuur").click()
    expect(bestuur.locator(".policy-status")).to_contain_text("Goedgekeurd")
    check(bestuur, "approved version (bestuur)")

    # Directie publishes it, in force from today.
    directie.reload()
    directie.get_by_role("button", name="Publiceren").click()
    expect(directie.locator(".policy-status")).to_contain_text("Gepubliceerd")
    check(directie, "published version")

    # Anyone, without logging in, reads the new rule at /protocol/ ...
    public = browse()
    public.goto("/protocol/")
    expect(public.get_by_text(NEW_RULE)).to_be_visible()
    expect(public.get_by_text(OLD_RULE)).to_have_count(0)
    check(public, "public protocol")
    screenshot(public, "protocol-public", full_page=False)

    # ... and sees what changed: exactly that rule, in that one section.
    public.get_by_role("link", name="Wat is er veranderd?").click()
    expect(public.get_by_role("heading", name="1 hoofdstuk gewijzigd")).to_be_visible()
    changed = public.locator("section.policy-diff-section")
    expect(changed).to_have_count(1)
    expect(changed.get_by_role("heading")).to_contain_text(SECTION)
    # Word by word: "in de bureaulade van de leerkracht" became "in de telefoonkluis van de klas".
    expect(changed.locator("ins")).to_have_text(["telefoonkluis", "klas."])
    expect(changed.locator("del")).to_have_text(["bureaulade", "leerkracht."])
    check(public, "compare view")
    screenshot(public, "protocol-compare", docs=True)
