"""Once adopted, a version's text never changes: every text-changing service refuses, and so do
the pages. A change means a new version."""

import pytest
from django.urls import reverse

from julianaschool.errors import Refused
from policy import services
from policy.models import ProtocolVersion, Section

from .helpers import adopted, approved, draft


def _texts(version):
    return sorted(Section.objects.filter(version=version).values_list("key", "title", "body", "position", "parent_id", "style"))


def _fixed_versions(world):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    return {"gepubliceerd": lambda: seeded, "vastgesteld": lambda: adopted(world), "goedgekeurd": lambda: approved(world)}


@pytest.mark.parametrize("state", ["vastgesteld", "goedgekeurd", "gepubliceerd"])
def test_no_service_changes_the_text_of_an_adopted_version(world, state):
    version = _fixed_versions(world)[state]()
    section = version.sections.get(key="schoolwebsite")
    before = _texts(version)
    attempts = [
        lambda: services.update_section(actor=world.directie, section=section, title="Anders", body="weg"),
        lambda: services.add_section(actor=world.directie, version=version, title="Extra"),
        lambda: services.delete_section(actor=world.directie, section=section),
        lambda: services.move_section(actor=world.directie, section=section, direction="up"),
        lambda: services.update_details(actor=world.directie, version=version, kind="redactioneel", change_summary="x"),
    ]
    for attempt in attempts:
        with pytest.raises(Refused, match="de tekst verandert niet meer"):
            attempt()
    assert _texts(version) == before
    assert ProtocolVersion.objects.get(pk=version.pk).number == version.number


def test_a_superseded_version_is_still_readable_and_still_fixed(world):
    from .helpers import published

    published(world, change=("schoolwebsite", "De inhoud van de website", "De inhoud van onze website"))
    old = ProtocolVersion.objects.get(major=1, minor=0)
    section = old.sections.get(key="schoolwebsite")
    with pytest.raises(Refused):
        services.update_section(actor=world.directie, section=section, title=section.title, body="")
    assert "De inhoud van de website valt onder" in ProtocolVersion.objects.get(pk=old.pk).sections.get(key="schoolwebsite").body


def test_directie_posting_new_text_to_an_adopted_section_changes_nothing(world, client_for):
    version = adopted(world)
    section = version.sections.get(key="inleiding")
    response = client_for(world.directie).post(
        reverse("policy:section_edit", args=[section.pk]),
        {"title": "Inleiding", "body": "Helemaal nieuw.", "style": "normaal", "save": "1"}, follow=True)
    assert "de tekst verandert niet meer" in response.content.decode()
    section.refresh_from_db()
    assert section.body.startswith("Sociale media is een verzamelbegrip")


def test_editing_the_draft_leaves_the_version_in_force_untouched(world):
    version = draft(world)
    services.update_section(actor=world.directie, section=version.sections.get(key="inleiding"), title="Inleiding", body="Kort.")
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    assert seeded.sections.get(key="inleiding").body.startswith("Sociale media is een verzamelbegrip")
