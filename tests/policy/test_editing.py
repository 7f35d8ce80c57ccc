"""Drafting: a new version starts as a copy of the one in force; directie edits it section by
section (with a preview), adds, removes, renames and reorders sections; numbers follow the kind."""

import pytest
from django.urls import reverse

from julianaschool.errors import Refused
from policy import services
from policy.audit_actions import Action as PolicyAction
from policy.models import ProtocolVersion, Section
from policy.rendering import section_tree

from .helpers import draft, published


def test_a_new_draft_is_a_copy_of_the_version_in_force_with_the_same_keys(world):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = services.start_draft(actor=world.directie)
    assert version.based_on == seeded and version.status == "concept"
    tree = section_tree(version)
    assert [s.title for s in tree] == [s.title for s in section_tree(seeded)]
    assert [c.key for c in tree[3].child_list] == [c.key for c in section_tree(seeded)[3].child_list]
    assert sorted(version.sections.values_list("key", "body")) == sorted(seeded.sections.values_list("key", "body"))


@pytest.mark.parametrize("kind,number", [("redactioneel", "1.1"), ("inhoudelijk", "2.0")])
def test_the_number_follows_the_kind_of_change(world, kind, number):
    assert services.start_draft(actor=world.directie, kind=kind).number == number


def test_changing_the_kind_renumbers_the_draft(world):
    version = draft(world, kind="inhoudelijk")
    version = services.update_details(actor=world.directie, version=version, kind="redactioneel", change_summary="Typfout")
    assert version.number == "1.1"


def test_numbers_continue_after_an_editorial_and_a_substantive_version(world):
    assert published(world, kind="redactioneel").number == "1.1"
    assert services.start_draft(actor=world.directie, kind="inhoudelijk").number == "2.0"


def test_directie_adds_renames_reorders_and_removes_sections(world):
    version = draft(world)
    added = services.add_section(actor=world.directie, version=version, title="Smartwatches")
    assert section_tree(ProtocolVersion.objects.get(pk=version.pk))[-1].title == "Smartwatches"
    rules = version.sections.get(key="regels")
    sub = services.add_section(actor=world.directie, version=version, title="Voor stagiairs", parent=rules)
    assert [c.title for c in section_tree(version)[3].child_list][-1] == "Voor stagiairs"
    services.update_section(actor=world.directie, section=added, title="Smartwatches en oordopjes", body="- Uit in de klas.")
    services.move_section(actor=world.directie, section=added, direction="up")
    titles = [s.title for s in section_tree(version)]
    assert titles[-2:] == ["Smartwatches en oordopjes", "Voor je iets plaatst op:"]
    services.delete_section(actor=world.directie, section=Section.objects.get(pk=sub.pk))
    services.delete_section(actor=world.directie, section=version.sections.get(key="schoolwebsite"))
    keys = set(version.sections.values_list("key", flat=True))
    assert "schoolwebsite" not in keys and sub.key not in keys and added.key in keys


def test_moving_the_first_section_up_is_refused(world):
    version = draft(world)
    with pytest.raises(Refused, match="bovenaan of onderaan"):
        services.move_section(actor=world.directie, section=version.sections.get(key="inleiding"), direction="up")


def test_a_teacher_cannot_edit_a_draft_section(world):
    version = draft(world)
    with pytest.raises(Refused, match="Alleen de directie"):
        services.update_section(actor=world.leerkracht5, section=version.sections.get(key="inleiding"), title="x", body="y")


def test_preview_shows_the_rendered_text_without_saving(world, client_for):
    version = draft(world)
    section = version.sections.get(key="schoolwebsite")
    response = client_for(world.directie).post(
        reverse("policy:section_edit", args=[section.pk]),
        {"title": "Schoolwebsite", "body": "- **Nieuw**: alleen foto's met toestemming", "style": "normaal", "preview": "1"})
    assert response.status_code == 200
    assert "<li><strong>Nieuw</strong>: alleen foto's met toestemming</li>" in response.content.decode()
    section.refresh_from_db()
    assert "Nieuw" not in section.body


def test_saving_through_the_page_stores_the_text_and_audits_it(world, client_for):
    from julianaschool.models import AuditEntry

    version = draft(world)
    section = version.sections.get(key="schoolwebsite")
    client_for(world.directie).post(reverse("policy:section_edit", args=[section.pk]),
                                    {"title": "De website", "body": "- Eén regel.", "style": "normaal", "save": "1"})
    section.refresh_from_db()
    assert (section.title, section.body, section.key) == ("De website", "- Eén regel.", "schoolwebsite")
    entry = AuditEntry.objects.filter(action=PolicyAction.SECTION_CHANGED).latest("pk")
    assert entry.changes["title"] == ["Schoolwebsite", "De website"]


def test_the_draft_edit_page_lists_sections_with_their_actions(world, client_for):
    version = draft(world)
    page = client_for(world.directie).get(reverse("policy:draft_edit", args=[version.pk])).content.decode()
    assert "Specifiek voor leerlingen tijdens schoolsituaties" in page
    assert reverse("policy:section_move", args=[version.sections.get(key="inleiding").pk]) in page


def test_directie_confirms_before_a_section_is_deleted(world, client_for):
    version = draft(world)
    section = version.sections.get(key="schoolwebsite")
    client = client_for(world.directie)
    asked = client.post(reverse("policy:section_delete", args=[section.pk]))
    assert asked.status_code == 200 and Section.objects.filter(pk=section.pk).exists()
    assert section.title in asked.content.decode() and 'name="bevestig" value="ja"' in asked.content.decode()
    client.post(reverse("policy:section_delete", args=[section.pk]), {"bevestig": "ja"})
    assert not Section.objects.filter(pk=section.pk).exists()


def test_directie_confirms_before_a_draft_is_thrown_away(world, client_for):
    version = draft(world)
    client = client_for(world.directie)
    asked = client.post(reverse("policy:draft_discard", args=[version.pk]))
    assert asked.status_code == 200 and ProtocolVersion.objects.filter(pk=version.pk).exists()
    assert "kan niet ongedaan worden gemaakt" in asked.content.decode()
    client.post(reverse("policy:draft_discard", args=[version.pk]), {"bevestig": "ja"})
    assert not ProtocolVersion.objects.filter(pk=version.pk).exists()
