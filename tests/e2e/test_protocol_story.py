"""Directie drafts a new protocol version, changes a rule and adopts it, asking the MR; directie
records the MR's consent; bestuur approves; directie publishes it per a later date. A visitor
downloads the signed PDF in force from /protocol/ without logging in, and pyHanko validates it
against the board's certificate. When the date comes, a medewerker on a phone (390 px) reads,
rule by rule, exactly what changed, and confirms."""

import datetime
import re

import pypdf
import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect
from pyhanko.sign.validation import SignatureCoverageLevel

from tests.e2e.helpers import PHONE, board_certificate, open_menu, screenshot, validate_signature

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECTION = "Het gebruik van eigen telefoons op school"
OLD_RULE = "De telefoon mag ook in de bureaulade van de leerkracht."
NEW_RULE = "De telefoon mag ook in de telefoonkluis van de klas."
MINUTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _the_date_comes():
    """The day the scheduled version takes over: only the dates move, no job runs."""
    from policy.models import ProtocolVersion

    today = datetime.date.today()
    ProtocolVersion.objects.filter(major=2, minor=0).update(effective_from=today)
    ProtocolVersion.objects.filter(major=1, minor=0).update(superseded_on=today)


def test_directie_adopts_the_mr_consents_bestuur_approves_directie_publishes_per_a_date(
    browse, login, check, board_key, tmp_path
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

    # ... says what changed and why, asks the MR, and adopts it.
    directie.get_by_label("Wat is er veranderd en waarom").fill(
        "Telefoons mogen in de nieuwe telefoonkluis van de klas in plaats van in de bureaulade."
    )
    directie.get_by_label("Advies of instemming van de medezeggenschapsraad vragen").check()
    directie.get_by_role("button", name="Opslaan").click()
    expect(directie.get_by_role("status").filter(has_text="gegevens van de versie zijn opgeslagen")).to_be_visible()
    directie.get_by_role("link", name="Terug naar versie 2.0").click()
    directie.get_by_label("Toelichting", exact=True).fill("Besproken in het teamoverleg.")
    directie.get_by_role("button", name="Vaststellen door directie").click()
    expect(directie.locator(".policy-status")).to_contain_text("Vastgesteld")
    check(directie, "adopted version (directie)")

    # Bestuur finds the version waiting; it waits for the MR first.
    bestuur = login(browse(), "bestuur")
    bestuur.get_by_role("link", name="Versie 2.0 bekijken").click()
    expect(bestuur.get_by_text(NEW_RULE)).to_be_visible()
    expect(bestuur.get_by_text("Wacht op het advies of de instemming van de MR")).to_be_visible()
    check(bestuur, "adopted version waiting for the MR (bestuur)")

    # Directie records the MR's consent, with the minutes.
    directie.reload()
    directie.get_by_label("Datum van de MR-vergadering").fill(datetime.date.today().isoformat())
    directie.get_by_label("instemming verleend").check()
    directie.get_by_label("Notulen (PDF of afbeelding)").set_input_files(
        files=[{"name": "notulen-mr.pdf", "mimeType": "application/pdf", "buffer": MINUTES}])
    directie.get_by_role("button", name="Besluit van de MR vastleggen").click()
    expect(directie.get_by_role("status").filter(has_text="medezeggenschapsraad is vastgelegd")).to_be_visible()

    # Bestuur approves.
    bestuur.reload()
    bestuur.get_by_role("button", name="Goedkeuren door bestuur").click()
    expect(bestuur.locator(".policy-status")).to_contain_text("Goedgekeurd")
    check(bestuur, "approved version (bestuur)")

    # Directie publishes it per a date next week.
    start = datetime.date.today() + datetime.timedelta(days=7)
    directie.reload()
    directie.get_by_label("Geldig vanaf").fill(start.isoformat())
    directie.get_by_label("Te herzien").fill(start.replace(year=start.year + 2).isoformat())
    directie.get_by_role("button", name="Publiceren").click()
    expect(directie.locator(".policy-status")).to_contain_text("gaat in op")
    check(directie, "version published per a date")

    # A visitor, without logging in, downloads the signed PDF in force from /protocol/.
    public = browse()
    public.goto("/protocol/")
    expect(public.get_by_text(OLD_RULE)).to_be_visible()
    check(public, "public protocol")
    with public.expect_download() as download_info:
        public.get_by_role("link", name="Versie 1.0").click()
    download = download_info.value
    signed = tmp_path / download.suggested_filename
    download.save_as(signed)
    status = validate_signature(signed, board_certificate(board_key, django_settings.SIGNING_PKCS12_PASSPHRASE))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE

    # The date comes. A medewerker, on a phone, is asked to read what changed and confirm.
    _the_date_comes()
    medewerker = login(browse(PHONE, mobile=True), "medewerker")
    medewerker.goto("/protocol/lezen/")
    changed = medewerker.locator("section.policy-diff-section")
    expect(changed).to_have_count(1)
    expect(changed.get_by_role("heading")).to_contain_text(SECTION)
    rule = changed.locator("li.policy-rule-changed")
    expect(rule).to_have_count(1)
    expect(rule.locator(".badge")).to_have_text("gewijzigd")
    # Word by word, spaces kept: "in de bureaulade van de leerkracht" became "in de telefoonkluis van de klas".
    expect(rule.locator("del")).to_have_text(["verwijderd: bureaulade", "verwijderd: leerkracht."])
    expect(rule.locator("ins")).to_have_text(["nieuw: telefoonkluis", "nieuw: klas."])
    # What a screen reader hears: the labels are text.
    expect(rule).to_contain_text("Wordt: De telefoon mag ook in de nieuw: telefoonkluis van de nieuw: klas.")
    assert medewerker.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check(medewerker, "what changed, on a phone")
    screenshot(medewerker, "protocol-compare", full_page=False, docs=True)
    medewerker.get_by_role("button", name="Ik heb versie 2.0 gelezen").click()
    expect(medewerker.get_by_role("status").filter(has_text="versie 2.0 gelezen")).to_be_visible()

    # Anyone now reads the new rule at /protocol/, and the school website's stable address serves
    # the signed PDF of version 2.0 with its dates.
    public.goto("/protocol/")
    expect(public.get_by_text(NEW_RULE)).to_be_visible()
    expect(public.get_by_text(OLD_RULE)).to_have_count(0)
    screenshot(public, "protocol-public", full_page=False)
    response = public.request.get("/protocol/actueel.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    current = tmp_path / "actueel.pdf"
    current.write_bytes(response.body())
    status = validate_signature(current, board_certificate(board_key, django_settings.SIGNING_PKCS12_PASSPHRASE))
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    cover = pypdf.PdfReader(current).pages[0].extract_text()
    for words in ["Versie 2.0", "Geldig vanaf", "Beleid te herzien", "Gepubliceerd"]:
        assert words in cover
