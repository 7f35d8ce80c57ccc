"""What was reported stays as it was reported: the description and the timeline, down to the database."""

import pytest
from django.db import DatabaseError, transaction

from incidents import services
from incidents.models import Incident, Status, TimelineEntry
from tests.incidents.helpers import report


def test_the_database_refuses_to_change_a_description(world):
    incident = report(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(description="Er is niets gebeurd.")
    incident.refresh_from_db()
    assert incident.description.startswith("Sanne stuurde")


def test_saving_an_incident_with_a_changed_description_is_refused_too(world):
    incident = report(world)
    incident.description = "Herschreven"
    with pytest.raises(DatabaseError), transaction.atomic():
        incident.save()


def test_other_fields_of_an_incident_still_change_through_the_services(world):
    incident = report(world)
    services.change_status(incident=incident, new_status=Status.IN_PROGRESS, actor=world.directie)
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS


def test_the_database_refuses_to_change_a_timeline_entry(world):
    incident = report(world)
    services.add_note(incident=incident, author=world.directie, text="Gesprek gevoerd.")
    with pytest.raises(DatabaseError), transaction.atomic():
        TimelineEntry.objects.filter(incident=incident).update(text="Geen gesprek gevoerd.")
    assert TimelineEntry.objects.filter(text="Gesprek gevoerd.").exists()


def test_the_database_refuses_to_delete_a_timeline_entry(world):
    incident = report(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        TimelineEntry.objects.filter(incident=incident).delete()
    assert TimelineEntry.objects.filter(incident=incident).count() == 1


def test_an_incident_with_a_timeline_cannot_be_deleted(world):
    incident = report(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        incident.delete()
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_the_services_offer_no_way_to_edit_a_description_or_an_entry():
    names = [name for name in dir(services) if not name.startswith("_")]
    assert not [n for n in names if "edit" in n or "update" in n or "delete" in n]


def test_additions_are_appended_with_who_and_when(world, client_for):
    incident = report(world)
    client_for(world.leerkracht5).post(f"/incidenten/{incident.pk}/aanvulling/", {"text": "De ouders zijn gebeld."})
    entry = TimelineEntry.objects.filter(incident=incident).last()
    assert entry.text == "De ouders zijn gebeld."
    assert entry.author == world.leerkracht5 and entry.author_name and entry.at is not None


def test_a_deliberate_purge_may_delete_and_nothing_else_may(world):
    from julianaschool.append_only import purging

    incident = report(world)
    with purging():
        TimelineEntry.objects.filter(incident=incident).delete()
        Incident.objects.filter(pk=incident.pk).delete()
    assert not Incident.objects.exists()
    incident = report(world)
    with pytest.raises(DatabaseError), transaction.atomic():
        TimelineEntry.objects.filter(incident=incident).delete()
