"""Serious or possibly criminal incidents reach directie at once; forgotten ones are flagged."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident, Severity
from julianaschool.models import DayOff, DayOffKind, Role
from julianaschool.school_calendar import school_days_between
from tests.helpers import make_staff
from tests.incidents.helpers import report


def test_a_serious_incident_mails_every_director_at_once(world, django_capture_on_commit_callbacks):
    second = make_staff("adjunct", Role.MANAGEMENT)
    with django_capture_on_commit_callbacks(execute=True):
        report(world, severity=Severity.SERIOUS)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted([world.directie.email, second.email])
    assert "Pesten" in mail.outbox[0].subject
    # The mail leaves the school: it names no child.
    assert "Sanne" not in mail.outbox[0].body and "Daan" not in mail.outbox[0].body
    assert reverse("incidents:detail", args=[Incident.objects.get().pk]) in mail.outbox[0].body


def test_a_possibly_criminal_category_mails_directie_even_when_not_marked_serious(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report(world, category="In diskrediet brengen", severity=Severity.MINOR)
    assert len(mail.outbox) == 1


def test_an_ordinary_incident_sends_no_mail(world):
    report(world, category="Telefoon aan tijdens schooltijd")
    assert mail.outbox == []


def test_a_serious_incident_tops_the_directors_dashboard(world, client_for):
    report(world, severity=Severity.SERIOUS)
    page = client_for(world.directie).get(reverse("dashboard")).content.decode()
    assert "Incidenten die aandacht vragen" in page
    assert page.index("Incidenten die aandacht vragen") < page.index("Welkom")


def test_a_teacher_sees_no_urgent_section_but_their_own_report(world, client_for):
    report(world, severity=Severity.SERIOUS)
    page = client_for(world.leerkracht5).get(reverse("dashboard")).content.decode()
    assert "Incidenten die aandacht vragen" not in page
    assert "Uw meldingen" in page and "gemeld" in page


@pytest.mark.parametrize("start,end,expected", [
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 24), 1),  # Monday -> Tuesday
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 25), 2),  # Monday -> Wednesday
    (datetime.date(2026, 11, 27), datetime.date(2026, 11, 30), 1),  # Friday -> Monday
    (datetime.date(2026, 11, 27), datetime.date(2026, 12, 1), 2),  # Friday -> Tuesday
    (datetime.date(2026, 11, 27), datetime.date(2026, 11, 29), 0),  # Friday -> Sunday
    (datetime.date(2026, 11, 2), datetime.date(2026, 11, 16), 10),  # two weeks
])
def test_school_days_are_weekdays_after_the_report(db, start, end, expected):
    assert school_days_between(start, end) == expected


def test_an_incident_not_picked_up_after_two_school_days_is_flagged(world, client_for):
    incident = report(world, category="Telefoon aan tijdens schooltijd")
    monday = datetime.datetime(2026, 11, 23, 10, tzinfo=timezone.get_current_timezone())
    Incident.objects.filter(pk=incident.pk).update(reported_at=monday)
    incident.refresh_from_db()
    assert not incident.is_overdue(datetime.date(2026, 11, 24))
    assert incident.is_overdue(datetime.date(2026, 11, 25))
    Incident.objects.filter(pk=incident.pk).update(reported_at=timezone.now() - datetime.timedelta(days=7))
    page = client_for(world.directie).get(reverse("dashboard")).content.decode()
    assert "Niet opgepakt na 2 schooldagen" in page


def test_an_incident_picked_up_is_no_longer_flagged(world, client_for):
    from incidents import services

    incident = report(world, category="Telefoon aan tijdens schooltijd")
    Incident.objects.filter(pk=incident.pk).update(reported_at=timezone.now() - datetime.timedelta(days=7))
    services.change_status(incident=incident, new_status="in_behandeling", actor=world.directie)
    assert "Niet opgepakt" not in client_for(world.directie).get(reverse("dashboard")).content.decode()


def test_an_incident_reported_before_a_holiday_is_flagged_only_after_two_school_days(world):
    incident = report(world, category="Telefoon aan tijdens schooltijd")
    friday = datetime.datetime(2026, 12, 18, 10, tzinfo=timezone.get_current_timezone())
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.CHRISTMAS_HOLIDAY,
                          starts_on=datetime.date(2026, 12, 19), ends_on=datetime.date(2027, 1, 3))
    Incident.objects.filter(pk=incident.pk).update(reported_at=friday)
    incident.refresh_from_db()
    assert not incident.is_overdue(datetime.date(2027, 1, 4))  # the first school day after the holiday
    assert incident.is_overdue(datetime.date(2027, 1, 5))
