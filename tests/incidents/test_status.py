"""gemeld -> in behandeling -> afgehandeld, reopened by directie; each change on the timeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from incidents import services
from incidents.models import EntryKind, Status, TimelineEntry
from tests.incidents.helpers import report


def test_directie_moves_an_incident_along_and_each_change_is_on_the_timeline(world, client_for):
    incident = report(world)
    client = client_for(world.directie)
    url = reverse("incidents:change_status", args=[incident.pk])
    client.post(url, {"status": "in_behandeling"})
    client.post(url, {"status": "afgehandeld", "note": "Opgelost met beide gezinnen."})
    client.post(url, {"status": "in_behandeling"})
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
    changes = list(TimelineEntry.objects.filter(incident=incident, kind=EntryKind.STATUS)
                   .values_list("old_status", "new_status", "author_name"))
    name = world.directie.get_full_name()
    assert changes == [("", "gemeld", world.leerkracht5.get_full_name()), ("gemeld", "in_behandeling", name),
                       ("in_behandeling", "afgehandeld", name), ("afgehandeld", "in_behandeling", name)]
    assert TimelineEntry.objects.filter(text="Heropend.").exists()


def test_a_teacher_cannot_close_their_own_report(world, client_for):
    incident = report(world)
    response = client_for(world.leerkracht5).post(reverse("incidents:change_status", args=[incident.pk]), {"status": "afgehandeld"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.change_status(incident=incident, new_status=Status.RESOLVED, actor=world.leerkracht5)
    incident.refresh_from_db()
    assert incident.status == Status.REPORTED


def test_a_closed_incident_cannot_jump_back_to_reported(world):
    incident = report(world)
    services.change_status(incident=incident, new_status=Status.RESOLVED, actor=world.directie)
    with pytest.raises(ValidationError):
        services.change_status(incident=incident, new_status=Status.REPORTED, actor=world.directie)


def test_a_closed_incident_takes_no_new_measure_until_reopened(world):
    from incidents.models import MeasureKind, PartyRole

    incident = report(world)
    services.change_status(incident=incident, new_status=Status.RESOLVED, actor=world.directie)
    party = incident.parties.get(role=PartyRole.PERPETRATOR)
    with pytest.raises(ValidationError):
        services.decide_measure(incident=incident, party=party, actor=world.directie, kind=MeasureKind.WARNING, grounds="x")


def test_deciding_a_measure_picks_up_a_reported_incident(world):
    from incidents.models import MeasureKind, PartyRole

    incident = report(world)
    services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR), actor=world.directie,
                            kind=MeasureKind.WARNING, grounds="x")
    incident.refresh_from_db()
    assert incident.status == Status.IN_PROGRESS
