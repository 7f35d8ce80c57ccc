"""On a 390 px phone: the teacher checks a Parro photo of five children of groep 5 (one may not be
shown) and registers it with that child made unrecognisable; the parent withdraws Parro for
Sanne, who is recognisable on it; the teacher's dashboard shows the takedown and she marks it
done; the parent sees the publication and its takedown on Sanne's page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import PHONE, open_menu, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHILD = "Sanne Janssen"
TITLE = "Schoolreis Ouwehands, album op Parro"


def _groep5_on_parro():
    """Four children of groep 5 besides Sanne: three who may be on Parro, one who may not."""
    from consent.models import Purpose
    from consent.publications.check import verdicts
    from julianaschool.models import Pupil

    parro = Purpose.objects.get(slug="parro")
    pupils = list(Pupil.objects.active().filter(enrollments__group__name="5").exclude(first_name="Sanne")
                  .order_by("pk"))
    found = verdicts(purpose=parro, pupils=pupils)
    allowed = [v.person.full_name for v in found if v.allowed][:3]
    refused = next(v.person.full_name for v in found if not v.allowed)
    return parro.name, allowed, refused


def test_teacher_checks_and_registers_parent_withdraws_teacher_takes_it_down(browse, login, check, cast):
    parro, allowed, refused = _groep5_on_parro()

    # The teacher, on her phone on the school trip.
    teacher = login(browse(PHONE, mobile=True), "leerkracht")
    open_menu(teacher, "Foto plaatsen?")
    expect(teacher.get_by_role("heading", name="Foto plaatsen?", level=1)).to_be_visible()
    teacher.get_by_label(parro).check()
    for name in [CHILD, *allowed, refused]:
        teacher.get_by_label(name, exact=True).check()
    # The verdict updates as she ticks (the page's script), in words, not colour alone.
    summary = teacher.get_by_role("status").filter(has_text="Mag niet")
    expect(summary).to_contain_text("Mag: 4")
    expect(summary).to_contain_text(f"Mag niet: {refused}")
    check(teacher, "publication check (phone)")
    screenshot(teacher, "publication-check-phone", docs=True)
    # Registering with the refused child still recognisable is refused, and says why.
    teacher.get_by_label("Titel").fill(TITLE)
    teacher.get_by_role("button", name="Publicatie registreren").click()
    expect(teacher.get_by_role("alert")).to_contain_text(refused)
    teacher.get_by_label(f"onherkenbaar gemaakt: {refused}").check()
    teacher.get_by_role("button", name="Publicatie registreren").click()
    expect(teacher.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(teacher.get_by_role("row").filter(has_text=refused)).to_contain_text("onherkenbaar gemaakt")
    check(teacher, "publication registered (phone)")

    # The parent, on a phone, withdraws Parro for Sanne.
    parent = login(browse(PHONE, mobile=True), "ouder")
    open_menu(parent, "Toestemming")
    parent.get_by_role("listitem").filter(has_text=CHILD).get_by_role("link", name="Keuzes bekijken of wijzigen").click()
    parent.get_by_role("radiogroup", name=parro).get_by_label("Nee, liever niet").check()
    parent.get_by_role("button", name="Keuzes opslaan").click()
    expect(parent.get_by_text("Daardoor wordt 1 publicatie aangepast")).to_be_visible()
    check(parent, "receipt with publications to adapt (phone)")

    # The teacher's dashboard shows the takedown; she marks it done.
    open_menu(teacher, "Overzicht")
    takedown = teacher.get_by_role("link", name=f"{TITLE}: {CHILD}")
    expect(takedown).to_be_visible()
    check(teacher, "dashboard with a takedown (phone)")
    takedown.click()
    teacher.get_by_label("verwijderd").check()
    teacher.get_by_label("Notitie").fill("Foto uit het album gehaald")
    check(teacher, "takedown (phone)")
    teacher.get_by_role("button", name="Afgehandeld").click()
    expect(teacher.get_by_role("heading", name="Mijn publicaties en verwijdertaken")).to_be_visible()
    expect(teacher.get_by_text("Geen open verwijdertaken.")).to_be_visible()

    # The parent sees the publication and its takedown on Sanne's page.
    parent.get_by_role("link", name="Alle vastgelegde keuzes").click()
    row = parent.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(parro)
    expect(row).to_contain_text("verwijderd")
    check(parent, "child's page with publications (phone)")
    screenshot(parent, "publications-on-childs-page-phone")
