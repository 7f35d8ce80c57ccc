"""Review dates: the dashboards of directie and bestuur warn from 90 days before and say when the
review is overdue (the seeded version is); 'herzien zonder wijzigingen' moves the date once the
board confirms; cron mails directie and the voorzitter once per milestone, counted in school days."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from julianaschool import school_calendar
from julianaschool.errors import Refused
from julianaschool.models import DayOff, DayOffKind
from policy import services
from policy.models import ProtocolVersion, ReviewReminder

from .helpers import TODAY, approved

NEXT = datetime.date(TODAY.year + 2, 6, 1)


def _dashboard(client_for, user) -> str:
    return client_for(user).get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("role", ["directie", "bestuur"])
def test_the_seeded_version_is_overdue_and_shown_before_anything_else(world, client_for, role):
    page = _dashboard(client_for, world.users[role])
    assert "Herziening te laat sinds 1 juni 2024" in page
    assert page.index("Herziening te laat") < page.index("Welkom")


@pytest.mark.parametrize("role", ["leerkracht5", "medewerker", "ouder5"])
def test_other_roles_are_not_bothered_with_the_review(world, client_for, role):
    assert "Herziening" not in _dashboard(client_for, world.users[role])


def _in_force_with_review_on(world, review_on):
    version = approved(world)
    return services.publish(actor=world.directie, version=version, effective_from=TODAY, review_on=review_on)


def test_the_review_is_announced_from_ninety_days_before(world, client_for):
    version = _in_force_with_review_on(world, TODAY + datetime.timedelta(days=45))
    assert "Herziening over 45 dagen" in _dashboard(client_for, world.directie)
    assert version.review_status(TODAY - datetime.timedelta(days=46)) is None  # 91 days before: nothing yet
    assert version.review_status(TODAY - datetime.timedelta(days=45)) == {"state": "due", "days": 90}


def test_a_review_far_away_is_not_on_the_dashboard(world, client_for):
    _in_force_with_review_on(world, TODAY + datetime.timedelta(days=91))
    assert "Herziening" not in _dashboard(client_for, world.bestuur)


def test_reviewed_without_changes_needs_the_boards_confirmation_to_move_the_date(world, client_for):
    version = ProtocolVersion.objects.in_force()
    client_for(world.directie).post(reverse("policy:review_record", args=[version.pk]),
                                    {"next_review_on": NEXT.isoformat(), "comment": "Nog actueel."})
    version.refresh_from_db()
    assert version.review_on == datetime.date(2024, 6, 1)  # not yet: the board confirms first
    board_page = _dashboard(client_for, world.bestuur)
    assert "wacht op bevestiging door het bestuur" in board_page
    review = version.reviews.get()
    client_for(world.bestuur).post(reverse("policy:review_confirm", args=[review.pk]))
    version.refresh_from_db()
    review.refresh_from_db()
    assert version.review_on == NEXT and review.confirmed_by == world.bestuur
    assert version.number == "1.0" and ProtocolVersion.objects.count() == 1  # no new version
    assert "Herziening" not in _dashboard(client_for, world.directie)


def test_only_directie_records_and_only_the_board_confirms_a_review(world):
    version = ProtocolVersion.objects.in_force()
    with pytest.raises(Refused, match="Alleen de directie"):
        services.record_review(actor=world.bestuur, version=version, next_review_on=NEXT)
    review = services.record_review(actor=world.directie, version=version, next_review_on=NEXT)
    with pytest.raises(Refused, match="Alleen het bestuur"):
        services.confirm_review(actor=world.directie, review=review)
    with pytest.raises(Refused, match="al een herziening"):
        services.record_review(actor=world.directie, version=version, next_review_on=NEXT)
    version.refresh_from_db()
    assert version.review_on == datetime.date(2024, 6, 1)


def test_a_review_date_in_the_past_is_refused(world):
    with pytest.raises(Refused, match="in de toekomst"):
        services.record_review(actor=world.directie, version=ProtocolVersion.objects.in_force(),
                               next_review_on=TODAY - datetime.timedelta(days=1))


def test_the_overdue_reminder_goes_to_directie_and_the_voorzitter_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")
        call_command("send_review_reminders")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["bestuur@example.org", "directie@example.org"]
    assert "te laat" in message.subject
    assert "1 juni 2024" in message.body
    assert ReviewReminder.objects.get().milestone == ReviewReminder.Milestone.OVERDUE


def test_each_milestone_is_mailed_once_and_a_new_review_date_starts_them_again(world, django_capture_on_commit_callbacks):
    review_on = TODAY + datetime.timedelta(days=120)
    version = _in_force_with_review_on(world, review_on)
    sent_on = []
    with django_capture_on_commit_callbacks(execute=True):
        for offset in range(-110, 25):
            day = review_on + datetime.timedelta(days=offset)
            if services.send_review_reminders(today=day):
                sent_on.append(day)
    assert [r.milestone for r in ReviewReminder.objects.order_by("sent_at", "pk")] == [
        ReviewReminder.Milestone.DUE_90, ReviewReminder.Milestone.DUE_30, ReviewReminder.Milestone.OVERDUE]
    assert len(mail.outbox) == 3
    assert "te laat" in mail.outbox[2].subject
    # Counted in school days, sent on school days.
    assert all(school_calendar.is_school_day(day) for day in sent_on)
    assert school_calendar.school_days_between(sent_on[0], review_on) == 60
    assert school_calendar.school_days_between(sent_on[1], review_on) == 20
    review = services.record_review(actor=world.directie, version=version, next_review_on=review_on.replace(year=review_on.year + 2))
    services.confirm_review(actor=world.bestuur, review=review)
    with django_capture_on_commit_callbacks(execute=True):
        for offset in range(100, 80, -1):
            services.send_review_reminders(today=review.next_review_on - datetime.timedelta(days=offset))
    assert len(mail.outbox) == 4


def test_review_reminders_count_school_days_and_never_go_in_a_holiday(world, django_capture_on_commit_callbacks):
    review_on = TODAY + datetime.timedelta(days=200)
    while review_on.weekday() != 4:  # a Friday, the last school day before the holiday
        review_on += datetime.timedelta(days=1)
    _in_force_with_review_on(world, review_on)
    holiday_end = review_on + datetime.timedelta(days=9)
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.AUTUMN_HOLIDAY,
                          starts_on=review_on + datetime.timedelta(days=1), ends_on=holiday_end)
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.STUDY_DAY,
                          starts_on=review_on - datetime.timedelta(days=30), ends_on=review_on - datetime.timedelta(days=30))
    sent_on = {}
    with django_capture_on_commit_callbacks(execute=True):
        for offset in range(-120, 20):
            day = review_on + datetime.timedelta(days=offset)
            reminder = services.send_review_reminders(today=day)
            if reminder:
                sent_on[reminder.milestone] = day
    assert all(school_calendar.is_school_day(day) for day in sent_on.values())
    assert school_calendar.school_days_between(sent_on[ReviewReminder.Milestone.DUE_30], review_on) == 20
    # Overdue from the Saturday, but the holiday waits: the mail goes on the first school day after it.
    assert sent_on[ReviewReminder.Milestone.OVERDUE] == holiday_end + datetime.timedelta(days=1)


def test_the_command_reports_what_it_did(world, capsys):
    call_command("send_review_reminders")
    call_command("send_review_reminders")
    out = capsys.readouterr().out
    assert "verstuurd aan" in out and "Geen herinnering nodig" in out
