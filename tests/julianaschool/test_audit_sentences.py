"""Directie reads the audit trail as sentences in their own language: who did what to which
object, the changed fields by their labels, never code names or Python lists."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from consent.audit_actions import Action as ConsentAction
from consent.models import Purpose
from incidents.audit_actions import Action as IncidentAction
from incidents.models import Category
from julianaschool import audit, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry
from policy.audit_actions import Action as PolicyAction
from policy.models import ProtocolVersion


def _page(client, language: str, **query) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("people:audit"), query, headers={"accept-language": language}).content.decode()


@pytest.fixture
def one_entry_of_each_app(world):
    version = ProtocolVersion.objects.order_by("pk").first()
    purpose = Purpose.objects.order_by("pk").first()
    category = Category.objects.order_by("pk").first()
    services.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date(2026, 12, 1), actor=world.administratie)
    audit.record(actor=world.directie, action=PolicyAction.VERSION_ADOPTED, obj=version,
                 changes={"status": ["concept", "vastgesteld"]})
    audit.record(actor=world.directie, action=ConsentAction.PURPOSE_CREATED, obj=purpose,
                 changes={"naam": "Parro", "openbaar": False})
    audit.record(actor=world.directie, action=IncidentAction.CATEGORY_SAVED, obj=category, changes={"active": [True, False]})
    audit.record(actor=world.administratie, action=CoreAction.PUPIL_CHANGED, obj=world.guardian5,
                 changes={"email": ["oud@example.org", "nieuw@example.org"], "bron": "import"})
    return {"version": version, "purpose": purpose, "category": category}


def test_director_reads_each_apps_entries_as_dutch_sentences(world, client_for, one_entry_of_each_app):
    page = _page(client_for(world.directie), "nl")
    pupil = world.pupil5.full_name
    assert f"Administratie Test heeft leerling “{pupil}” uitgeschreven." in page
    assert f"Directie Test heeft protocolversie “{one_entry_of_each_app['version']}” vastgesteld." in page
    assert f"Directie Test heeft doel “{one_entry_of_each_app['purpose']}” aangemaakt." in page
    assert f"Directie Test heeft categorie “{one_entry_of_each_app['category']}” opgeslagen." in page
    # Changed fields by their labels, values in plain words, dates the Dutch way.
    assert "<strong>Uitgeschreven op</strong>: (leeg)" in page
    assert "1 december 2026" in page
    assert "<strong>E-mailadres</strong>: oud@example.org" in page
    assert "<strong>Openbaar</strong>: nee" in page
    for code in ("policy.", "consent.", "incidents.", "julianaschool.", "left_on", "[", "None", "True", "False"):
        assert code not in page.split("<tbody>")[1].split("</tbody>")[0], code


def test_director_reads_the_same_entries_in_english(world, client_for, one_entry_of_each_app):
    page = _page(client_for(world.directie), "en")
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Directie Test adopted" in body
    assert "Administratie Test removed" in body or "Administratie Test deregistered" in body
    assert "Directie Test created" in body
    assert "Directie Test saved" in body
    assert "December 2026" in body
    assert "<strong>Email address</strong>" in body
    assert "<strong>Public</strong>: no" in body
    for dutch in (" heeft ", "vastgesteld", "aangemaakt"):
        assert dutch not in body, dutch


def _stored_row(*, actor, action: str, obj=None, changes=None) -> AuditEntry:
    """A row as older code stored it (record() takes only registered Action members)."""
    return AuditEntry.objects.create(actor=actor, actor_name=actor.get_full_name(), action=action,
                                     content_type=ContentType.objects.get_for_model(obj) if obj else None,
                                     object_id=str(obj.pk) if obj else "", object_repr=str(obj) if obj else "",
                                     changes=changes or {})


def test_an_action_nobody_named_still_reads_as_words(world, client_for):
    _stored_row(actor=world.directie, action="policy.something_new", obj=world.pupil7,
                changes={"kinderen": ["Sanne", "Daan"], "vanaf": "2026-12-02", "gemeld": True})
    body = _page(client_for(world.directie), "nl").split("<tbody>")[1]
    assert "Directie Test: Policy something new (leerling “Mila Bakker”)." in body
    assert "<strong>Kinderen</strong>: Sanne, Daan" in body
    assert "<strong>Vanaf</strong>: 2 december 2026" in body
    assert "<strong>Gemeld</strong>: ja" in body


def test_an_app_registers_its_own_labels_and_an_old_row_reads_through_its_legacy_string(world):
    _stored_row(actor=world.directie, action="toestemming ingevoerd (papier)", obj=world.pupil5, changes={"Parro": "ja"})
    entry = AuditEntry.objects.get(action="toestemming ingevoerd (papier)")
    with translation.override("nl"):
        assert audit.sentence(entry) == f"Directie Test heeft de toestemming voor leerling “{world.pupil5.full_name}” ingevoerd (papier)."
        assert [(c.label, c.new) for c in audit.changes_of(entry)] == [("Parro", "ja")]
    with translation.override("en"):
        assert audit.changes_of(entry)[0].new == "yes"


def test_the_system_is_named_as_the_portal(world):
    audit.record(actor=None, action=CoreAction.MAIL_PRUNED, changes={"deleted": 3, "older_than_days": 90})
    entry = AuditEntry.objects.get(action=CoreAction.MAIL_PRUNED)
    with translation.override("nl"):
        assert audit.sentence(entry) == "Het portaal heeft oude verstuurde mail opgeruimd."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_registered_action_reads_as_a_sentence_with_or_without_an_object(world, language):
    actions = [member for enum in (CoreAction, ConsentAction, IncidentAction, PolicyAction) for member in enum]
    for action in actions:
        for obj in (world.pupil5, None):
            entry = audit.record(actor=world.directie, action=action, obj=obj)
            with translation.override(language):
                text = audit.sentence(entry)
            assert text.startswith("Directie Test") and "%(" not in text and "{" not in text, (action, text)
            if language == "en":
                assert " heeft " not in text, (action, text)
