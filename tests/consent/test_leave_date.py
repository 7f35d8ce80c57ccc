"""A leave date is bounded, and a leave recorded by mistake can be undone within the retention
grace (issue 11, item 3). Here with the consent app, whose ledger a leave ends and an undo restores."""

import datetime

from django.urls import reverse
from django.utils import timezone

from julianaschool import retention, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, Pupil
from tests.consent.helpers import answer_as, current


def _leave(client, world, day):
    return client.post(reverse("people:pupil_leave", args=[world.pupil5.pk]), {"left_on": day.isoformat()}, follow=True)


def test_office_cannot_backdate_a_leave_to_before_the_current_enrolment(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    response = _leave(client_for(world.administratie), world, datetime.date(2015, 1, 1))
    assert "kies een datum tussen" in response.content.decode()
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on is None
    assert current(world.pupil5, purposes["website"]).given is True
    assert all(plan.person != world.pupil5 for plan in retention.make_plan().people)


def test_office_cannot_record_a_leave_more_than_a_school_year_ahead(client_for, world):
    response = _leave(client_for(world.administratie), world, timezone.localdate() + datetime.timedelta(days=400))
    assert "kies een datum tussen" in response.content.decode()
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on is None


def test_office_records_a_leave_from_today_within_the_bounds(client_for, world):
    _leave(client_for(world.administratie), world, timezone.localdate())
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on == timezone.localdate()


def test_the_leave_form_offers_only_the_dates_the_service_accepts(client_for, world):
    page = client_for(world.administratie).get(reverse("people:pupil", args=[world.pupil5.pk])).content.decode()
    earliest, latest = services.leave_date_bounds(world.pupil5)
    assert f'min="{earliest.isoformat()}"' in page and f'max="{latest.isoformat()}"' in page


def test_office_undoes_a_leave_and_the_consent_given_before_counts_again(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    client = client_for(world.administratie)
    _leave(client, world, timezone.localdate())
    assert current(world.pupil5, purposes["website"]).ended
    page = client.get(reverse("people:pupil", args=[world.pupil5.pk])).content.decode()
    assert "Uitschrijving terugdraaien" in page
    response = client.post(reverse("people:pupil_leave_undo", args=[world.pupil5.pk]), follow=True)
    assert "is teruggedraaid" in response.content.decode()
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on is None
    assert current(world.pupil5, purposes["website"]).given is True
    assert current(world.pupil5, purposes["parro"]).answered and not current(world.pupil5, purposes["parro"]).given
    # A question nobody had answered before the leave still counts as no.
    assert current(world.pupil5, purposes["nieuwsbrief"]).given is False
    entry = AuditEntry.objects.get(action=CoreAction.PUPIL_REINSTATED)
    assert entry.actor == world.administratie and entry.object_id == str(world.pupil5.pk)


def test_a_leave_cannot_be_undone_once_the_retention_grace_has_passed(client_for, world, settings):
    services.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    long_ago = timezone.localdate() - datetime.timedelta(days=366 * settings.RETENTION_CONSENT_YEARS + 1)
    Pupil.objects.filter(pk=world.pupil5.pk).update(left_on=long_ago)
    response = client_for(world.administratie).post(reverse("people:pupil_leave_undo", args=[world.pupil5.pk]),
                                                    follow=True)
    assert "kan niet meer worden teruggedraaid" in response.content.decode()
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on == long_ago
    assert not AuditEntry.objects.filter(action=CoreAction.PUPIL_REINSTATED).exists()


def test_a_teacher_cannot_undo_a_leave(client_for, world):
    services.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    response = client_for(world.leerkracht5).post(reverse("people:pupil_leave_undo", args=[world.pupil5.pk]))
    assert response.status_code == 403
    world.pupil5.refresh_from_db()
    assert world.pupil5.left_on is not None
