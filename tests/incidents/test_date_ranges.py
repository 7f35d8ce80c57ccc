"""Every date field has a sensible range; a date from the year 1 is a form error, never a 500
(issue 11, item 8)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents import forms as incident_forms
from incidents.models import Incident, Party
from julianaschool.forms import LeaveForm
from policy import forms as policy_forms
from tests.incidents.helpers import report

from .test_reporting import form_data

HOSTILE_DATES = ["0001-01-01", "1000-01-01", "1899-12-31", "9999-12-31"]


@pytest.mark.parametrize("day", HOSTILE_DATES + ["2999-01-01"])
def test_an_incident_dated_outside_the_school_years_is_refused_and_not_stored(world, client_for, day):
    response = client_for(world.leerkracht5).post(reverse("incidents:report"),
                                                  form_data(world, occurred_at=f"{day}T10:00"))
    assert response.status_code == 200
    assert "Kies een datum tussen" in response.content.decode() or "toekomst" in response.content.decode()
    assert not Incident.objects.exists()


def test_an_incident_before_the_pupil_could_have_been_at_school_is_refused(world, client_for):
    world.pupil5.date_of_birth = timezone.localdate() - datetime.timedelta(days=365 * 3)
    world.pupil5.save()
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), form_data(world))
    assert response.status_code == 200
    assert "nog niet op school" in response.content.decode()
    assert not Incident.objects.exists()


def _measure_form(world, **data):
    incident = report(world)
    party = Party.objects.filter(incident=incident, pupil=world.pupil5).get()
    # Each date belongs to a measure (the form ignores the fields of another one).
    kind = "schorsing" if {"starts_on", "ends_on", "inspectorate_notified_on"} >= set(data) else "verwijdering"
    return incident_forms.MeasureForm({"kind": kind, "grounds": "Herhaald gepest.", **data}, party=party)


MEASURE_DATES = ["starts_on", "ends_on", "inspectorate_notified_on", "teacher_heard_on", "parents_heard_on",
                 "attendance_officer_notified_on"]


@pytest.mark.parametrize("field", MEASURE_DATES)
@pytest.mark.parametrize("day", HOSTILE_DATES)
def test_a_measure_date_outside_the_known_school_years_is_refused(world, field, day):
    form = _measure_form(world, **{field: day})
    assert not form.is_valid()
    assert "Kies een datum tussen" in " ".join(form.errors[field])


def test_a_measure_within_the_school_year_is_accepted(world):
    day = max(world.school_year.starts_on, timezone.localdate() - datetime.timedelta(days=1))
    form = _measure_form(world, starts_on=day.isoformat(), ends_on=day.isoformat())
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("form_class, field", [
    (incident_forms.ResponseForm, "received_on"),
    (incident_forms.AcceptanceForm, "accepted_on"),
    (policy_forms.PublishForm, "effective_from"),
    (policy_forms.PublishForm, "review_on"),
    (policy_forms.ReviewForm, "next_review_on"),
    (LeaveForm, "left_on"),
])
@pytest.mark.parametrize("day", HOSTILE_DATES)
def test_every_other_date_field_refuses_a_date_from_another_era(db, world, form_class, field, day):
    form = form_class({field: day})
    assert not form.is_valid()
    assert "Kies een datum tussen" in " ".join(form.errors[field])


def test_the_measure_decision_page_answers_a_date_from_the_year_one_with_a_form_error(world, client_for):
    incident = report(world)
    party = Party.objects.filter(incident=incident, pupil=world.pupil5).get()
    response = client_for(world.directie).post(
        reverse("incidents:measure_new", args=[incident.pk, party.pk]),
        {"kind": "schorsing", "grounds": "Herhaald.", "starts_on": "0001-01-01", "ends_on": "0001-01-02"})
    assert response.status_code == 200
    assert "Kies een datum tussen" in response.content.decode()
