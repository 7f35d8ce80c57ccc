"""Directie reads the audit trail as sentences in their own language: who did what to which
object, the changed fields by their labels, never code names or Python lists."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from consent.models import Purpose
from incidents.models import Category
from julianaschool import audit, services
from julianaschool.models import AuditEntry
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
    audit.record(actor=world.directie, action="policy.adopt", obj=version, changes={"status": ["concept", "vastgesteld"]})
    audit.record(actor=world.directie, action="doel aangemaakt", obj=purpose, changes={"naam": "Parro", "openbaar": False})
    audit.record(actor=world.directie, action="categorie opgeslagen", obj=category, changes={"active": [True, False]})
    audit.record(actor=world.administratie, action="leerling gewijzigd (import)", obj=world.guardian5,
                 changes={"email": ["oud@example.org", "nieuw@example.org"]})
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
    for code in ("policy.adopt", "doel aangemaakt", "left_on", "[", "None", "True", "False"):
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


def test_an_action_nobody_named_still_reads_as_words(world, client_for):
    audit.record(actor=world.directie, action="policy.something_new", obj=world.pupil7,
                 changes={"kinderen": ["Sanne", "Daan"], "vanaf": "2026-12-02", "gemeld": True})
    body = _page(client_for(world.directie), "nl").split("<tbody>")[1]
    assert "Directie Test: Policy something new (leerling “Mila Bakker”)." in body
    assert "<strong>Kinderen</strong>: Sanne, Daan" in body
    assert "<strong>Vanaf</strong>: 2 december 2026" in body
    assert "<strong>Gemeld</strong>: ja" in body


def test_an_app_registers_its_own_labels_and_a_variable_part(world):
    audit.record(actor=world.directie, action="toestemming ingevoerd (papier)", obj=world.pupil5, changes={"Parro": "ja"})
    entry = AuditEntry.objects.get(action="toestemming ingevoerd (papier)")
    with translation.override("nl"):
        assert audit.sentence(entry) == f"Directie Test heeft de toestemming voor leerling “{world.pupil5.full_name}” ingevoerd (papier)."
        assert [(c.label, c.new) for c in audit.changes_of(entry)] == [("Parro", "ja")]
    with translation.override("en"):
        assert audit.changes_of(entry)[0].new == "yes"


def test_the_system_is_named_as_the_portal(world):
    audit.record(actor=None, action="mail.pruned", changes={"deleted": 3, "older_than_days": 90})
    entry = AuditEntry.objects.get(action="mail.pruned")
    with translation.override("nl"):
        assert audit.sentence(entry) == "Het portaal heeft oude verstuurde mail opgeruimd."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_registered_action_reads_as_a_sentence_with_or_without_an_object(world, language):
    from julianaschool.audit import _ACTIONS, _PATTERNS

    actions = list(_ACTIONS) + [p.pattern.strip("^$").replace("(?P<method>.+?)", "papier").replace(
        "(?P<kind>.+?)", "leerling").replace("\\", "") for p, _ in _PATTERNS]
    for action in actions:
        for obj in (world.pupil5, None):
            entry = audit.record(actor=world.directie, action=action, obj=obj)
            with translation.override(language):
                text = audit.sentence(entry)
            assert text.startswith("Directie Test") and "%(" not in text and "{" not in text, (action, text)
            if language == "en":
                assert " heeft " not in text, (action, text)
