"""Every write through the portal leaves an audit entry; directie reads the trail, filtered."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from julianaschool import audit, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry


def test_marking_a_pupil_as_left_is_recorded_with_who_and_what(world, client_for):
    client = client_for(world.administratie)
    response = client.post(reverse("people:pupil_leave", args=[world.pupil5.pk]), {"left_on": "2026-12-01"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=CoreAction.PUPIL_DEREGISTERED)
    assert entry.actor == world.administratie
    assert entry.object_id == str(world.pupil5.pk)
    assert entry.changes == {"left_on": [None, "2026-12-01"]}


def test_a_pupil_who_left_keeps_their_history(world):
    services.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date(2026, 12, 1), actor=world.administratie)
    world.pupil5.refresh_from_db()
    assert world.pupil5.group_in(world.school_year) == world.group5
    assert world.pupil5.guardians.count() == 1


def test_director_filters_the_trail_by_person_and_object(world, client_for):
    services.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date(2026, 12, 1), actor=world.administratie)
    services.mark_pupil_left(pupil=world.pupil7, left_on=datetime.date(2026, 12, 2), actor=world.directie)
    client = client_for(world.directie)
    page = client.get(reverse("people:audit"), {"persoon": "Administratie"}).content.decode()
    assert world.pupil5.full_name in page
    assert world.pupil7.full_name not in page
    page = client.get(reverse("people:audit"), {"object": "Mila"}).content.decode()
    assert world.pupil7.full_name in page
    assert world.pupil5.full_name not in page


def test_a_refused_write_leaves_no_entry(world, client_for):
    client = client_for(world.administratie)
    client.post(reverse("people:pupil_leave", args=[world.pupil5.pk]), {"left_on": "geen datum"})
    assert not AuditEntry.objects.filter(action=CoreAction.PUPIL_DEREGISTERED).exists()
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on is None


def _trail_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("people:audit")).status_code == 200
    return len(context.captured_queries)


def test_the_audit_trail_asks_as_many_queries_for_six_times_the_entries(world, client_for):
    client = client_for(world.directie)
    pupils = [world.pupil5, world.pupil5b, world.pupil7]

    def add(n):
        for index in range(n):
            audit.record(actor=[world.directie, world.administratie, None][index % 3],
                         action=CoreAction.PUPIL_CHANGED, obj=pupils[index % 3], changes={"voornaam": ["a", "b"]})

    add(10)
    at_ten = _trail_queries(client)
    add(50)
    assert _trail_queries(client) == at_ten
