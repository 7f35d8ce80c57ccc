"""Mail goes out after the write commits, through the background worker, and waits in quiet hours."""

import datetime
import io
import signal
import socket
import zoneinfo

import pytest
from django.core import mail as outbox
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from julianaschool import mail, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, DayOff, DayOffKind, Guardian, MailStatus, OutgoingMail, SchoolYear

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def run_worker() -> None:
    """The real `db_worker`, once over everything that is due, as the service would run it."""
    # The worker installs its own signal handlers; give pytest its own back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def dead_port() -> int:
    """A local port nobody listens on: the mail server is 'down'."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def school_year_around(day: datetime.date) -> SchoolYear:
    start = day.year if day.month >= 8 else day.year - 1
    return SchoolYear.objects.get_or_create(name=f"{start}-{start + 1}", defaults={
        "starts_on": datetime.date(start, 8, 1), "ends_on": datetime.date(start + 1, 7, 31)})[0]


# --- After commit, never for a rollback


def test_a_mail_for_a_write_that_rolled_back_is_never_sent_nor_kept(world, django_capture_on_commit_callbacks):
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        services.invite_guardian(guardian=guardian, invited_by=world.administratie)
        raise RuntimeError("the rest of the write failed")
    assert callbacks == []
    assert outbox.outbox == []
    assert not OutgoingMail.objects.exists()


def test_a_committed_invitation_is_mailed_only_once_the_write_commits(world, django_capture_on_commit_callbacks):
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.invite_guardian(guardian=guardian, invited_by=world.administratie)
    assert outbox.outbox == []  # still inside the transaction: nothing has gone out
    for callback in callbacks:
        callback()
    assert [m.to for m in outbox.outbox] == [["ans@example.org"]]
    assert OutgoingMail.objects.get().status == MailStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_sends_the_mail_and_a_real_rollback_sends_nothing():
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invite_guardian(guardian=guardian, invited_by=None)
        raise RuntimeError("rolled back")
    assert outbox.outbox == []
    services.invite_guardian(guardian=guardian, invited_by=None)
    assert [m.to for m in outbox.outbox] == [["ans@example.org"]]


# --- The worker on the database backend


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_on_the_database_sends_the_queued_mail():
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    services.invite_guardian(guardian=guardian, invited_by=None)
    assert outbox.outbox == []  # enqueued, not sent by the web process
    assert DBTaskResult.objects.ready().count() == 1
    run_worker()
    assert [m.to for m in outbox.outbox] == [["ans@example.org"]]
    assert OutgoingMail.objects.get().status == MailStatus.SENT
    assert DBTaskResult.objects.successful().count() == 1


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_write_that_rolls_back_leaves_no_task_for_the_worker():
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.invite_guardian(guardian=guardian, invited_by=None)
        assert DBTaskResult.objects.count() == 1  # written with the mail, in the same transaction
        raise RuntimeError("rolled back")
    assert not DBTaskResult.objects.exists() and not OutgoingMail.objects.exists()
    run_worker()
    assert outbox.outbox == []


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, MAIL_RETRY_DELAYS=[0, 0])
def test_a_mail_the_server_refuses_is_retried_and_sent_when_the_server_is_back():
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    services.invite_guardian(guardian=guardian, invited_by=None)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
                           EMAIL_PORT=dead_port(), EMAIL_TIMEOUT=5):
        call_command("db_worker", batch=True, max_tasks=1, reload=False, startup_delay=False, interval=0, verbosity=0)
    queued = OutgoingMail.objects.get()
    assert queued.status == MailStatus.RETRYING and queued.attempts == 1 and "Connection" in queued.last_error
    run_worker()
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT and queued.attempts == 2
    assert [m.to for m in outbox.outbox] == [["ans@example.org"]]


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, MAIL_RETRY_DELAYS=[0, 0], EMAIL_HOST="127.0.0.1",
                   EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_TIMEOUT=5)
def test_a_mail_that_keeps_failing_is_marked_failed_and_shown_to_directie(client):
    from tests.helpers import make_staff

    with override_settings(EMAIL_PORT=dead_port()):
        guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
        services.invite_guardian(guardian=guardian, invited_by=None)
        run_worker()
    failed = OutgoingMail.objects.get()
    assert failed.status == MailStatus.FAILED and failed.attempts == 3
    assert AuditEntry.objects.filter(action=CoreAction.MAIL_FAILED).exists()
    director = make_staff("directie", "directie")
    client.force_login(director)
    assert "1 mail kon na een paar pogingen niet worden verstuurd" in client.get(reverse("dashboard")).content.decode()
    page = client.get(reverse("office:mail")).content.decode()
    assert "ans@example.org" in page and "Opnieuw versturen" in page
    assert failed.body not in page  # the koppelcode stays out of sight
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        client.post(reverse("office:mail_retry", args=[failed.pk]))
        run_worker()
    failed.refresh_from_db()
    assert failed.status == MailStatus.SENT
    assert AuditEntry.objects.filter(action=CoreAction.MAIL_RETRIED, actor=director).exists()


def test_a_mail_that_is_on_its_way_cannot_be_retried(world, client_for):
    item = OutgoingMail.objects.create(kind="other", to=["x@example.org"], subject="S", body="B",
                                       send_after=timezone.now(), status=MailStatus.SENT)
    response = client_for(world.directie).post(reverse("office:mail_retry", args=[item.pk]), follow=True)
    assert "Alleen een mislukte mail kan opnieuw worden verstuurd." in response.content.decode()
    assert not AuditEntry.objects.filter(action=CoreAction.MAIL_RETRIED).exists()


# --- Quiet in weekends and holidays


@override_settings(MAIL_QUIET_HOURS=True)
def test_a_reminder_asked_for_on_a_saturday_waits_until_monday_half_past_seven(db):
    assert mail.release_time(urgent=False, at=at(2026, 11, 28, 10, 0)) == at(2026, 11, 30, 7, 30)


@override_settings(MAIL_QUIET_HOURS=True)
def test_an_urgent_mail_on_a_saturday_goes_at_once(db):
    assert mail.release_time(urgent=True, at=at(2026, 11, 28, 10, 0)) == at(2026, 11, 28, 10, 0)


@override_settings(MAIL_QUIET_HOURS=True)
def test_a_reminder_in_the_christmas_holiday_waits_for_the_first_school_day_after_it(world):
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.CHRISTMAS_HOLIDAY,
                          starts_on=datetime.date(2026, 12, 19), ends_on=datetime.date(2027, 1, 3))
    assert mail.release_time(urgent=False, at=at(2026, 12, 23, 14, 0)) == at(2027, 1, 4, 7, 30)


@override_settings(MAIL_QUIET_HOURS=True)
def test_a_reminder_before_half_past_seven_on_a_school_day_waits_until_then(db):
    assert mail.release_time(urgent=False, at=at(2026, 12, 1, 6, 0)) == at(2026, 12, 1, 7, 30)
    assert mail.release_time(urgent=False, at=at(2026, 12, 1, 9, 0)) == at(2026, 12, 1, 9, 0)


@override_settings(MAIL_QUIET_HOURS=True)
def test_a_reminder_on_a_friday_evening_waits_until_monday_only_when_the_weekend_has_begun(db):
    assert mail.release_time(urgent=False, at=at(2026, 11, 27, 21, 0)) == at(2026, 11, 27, 21, 0)
    assert mail.release_time(urgent=False, at=at(2026, 11, 29, 23, 59)) == at(2026, 11, 30, 7, 30)


def _day_off_today() -> datetime.date:
    """Today is a study day: whatever day the tests run, the portal is in quiet hours now."""
    today = timezone.localdate()
    DayOff.objects.create(school_year=school_year_around(today), kind=DayOffKind.STUDY_DAY, starts_on=today,
                          ends_on=today)
    return today


MAIL_KINDS = [
    # (kind function, its arguments, urgent?)
    (mail.consent_receipt, {"to": ["p@example.org"], "person_name": "Ans", "context": {"records": []}}, True),
    (mail.incident_urgent, {"to": ["d@example.org"], "category_name": "Pesten", "context": {}}, True),
    (mail.password_reset, {"to": "p@example.org", "subject": "Wachtwoord", "body": "link"}, True),
    (mail.invitation, {"to": "p@example.org", "context": {}}, True),
    (mail.invitation, {"to": "p@example.org", "context": {}, "urgent": False}, False),
    (mail.consent_reminder, {"to": "p@example.org", "context": {}}, False),
    (mail.consent_yearly_check, {"to": "p@example.org", "context": {}}, False),
    (mail.policy_acknowledgement_request, {"to": "p@example.org", "context": {}}, False),
    (mail.policy_review_reminder, {"to": ["d@example.org"], "context": {"status": {"state": "due", "days": 30}}}, False),
]


@pytest.mark.parametrize("kind,kwargs,urgent", MAIL_KINDS, ids=lambda v: getattr(v, "__name__", ""))
@override_settings(MAIL_QUIET_HOURS=True)
def test_on_a_day_without_school_only_urgent_mail_goes_at_once(db, django_capture_on_commit_callbacks, kind, kwargs,
                                                                urgent):
    today = _day_off_today()
    with django_capture_on_commit_callbacks(execute=True):
        queued = kind(**kwargs)
    assert queued.urgent is urgent
    if urgent:
        assert len(outbox.outbox) == 1 and queued.send_after <= timezone.now()
        return
    assert outbox.outbox == []
    queued.refresh_from_db()
    assert queued.status == MailStatus.QUEUED
    assert timezone.localtime(queued.send_after).time() == datetime.time(7, 30)
    assert timezone.localdate(queued.send_after) > today


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, MAIL_QUIET_HOURS=True)
def test_a_held_reminder_waits_in_the_worker_queue_until_the_next_school_day():
    _day_off_today()
    queued = mail.consent_reminder(to="p@example.org", context={})
    task = DBTaskResult.objects.get()
    assert task.run_after == queued.send_after and timezone.localtime(task.run_after).time() == datetime.time(7, 30)
    run_worker()  # nothing is due yet
    assert outbox.outbox == []
    # The morning comes: the worker sends it.
    DBTaskResult.objects.update(run_after=timezone.now())
    run_worker()
    assert [m.to for m in outbox.outbox] == [["p@example.org"]]


def test_a_delivered_mail_keeps_no_copy_of_its_text_and_is_forgotten_after_thirty_days(
        world, django_capture_on_commit_callbacks):
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        code = services.invite_guardian(guardian=guardian, invited_by=world.administratie)
    sent = OutgoingMail.objects.get()
    assert code in outbox.outbox[0].body and sent.body == ""
    call_command("prune_sent_mail", stdout=io.StringIO())
    assert OutgoingMail.objects.exists()
    OutgoingMail.objects.update(sent_at=timezone.now() - datetime.timedelta(days=31))
    call_command("prune_sent_mail", stdout=io.StringIO())
    assert not OutgoingMail.objects.exists()
