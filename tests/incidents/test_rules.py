"""The law's conditions (WPO art. 40c and 40, CAO PO): each refused naming its rule, then satisfied."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from incidents import services
from incidents.models import DossierDocument, MeasureKind, MeasureStatus, PartyRole
from julianaschool.errors import Refused
from julianaschool.models import DayOff, DayOffKind, Guardian, GuardianLink
from tests.incidents.helpers import report

TODAY = datetime.date.today()


def dader(incident):
    return incident.parties.get(role=PartyRole.PERPETRATOR)


def decide(world, incident, kind, *, party=None, **fields):
    fields.setdefault("deviation_reason", "Ernstig voorval")
    return services.decide_measure(incident=incident, party=party or dader(incident), actor=world.directie, kind=kind,
                                   grounds=fields.pop("grounds", "Gemene berichten in de klassenchat."), **fields)


def refused(call) -> str:
    with pytest.raises(Refused) as info:
        call()
    return " ".join(info.value.messages)


# Suspensions start on the next Monday, so that the count of school days does not depend on the day the tests run.
MONDAY = TODAY + datetime.timedelta(days=7 - TODAY.weekday())


def suspension(days: int) -> dict:
    """A suspension of `days` consecutive calendar days from next Monday."""
    return {"starts_on": MONDAY, "ends_on": MONDAY + datetime.timedelta(days=days - 1)}


def test_a_pupils_suspension_longer_than_a_week_is_refused_naming_the_rule(world):
    incident = report(world)
    message = refused(lambda: decide(world, incident, MeasureKind.SUSPENSION, inspectorate_notified_on=TODAY,
                                     **suspension(8)))  # Monday to Monday: 6 school days
    assert "WPO art. 40c lid 1" in message and "ten hoogste een week (5 schooldagen)" in message


def test_a_pupils_suspension_of_five_school_days_is_allowed(world):
    measure = decide(world, report(world), MeasureKind.SUSPENSION, inspectorate_notified_on=TODAY, **suspension(7))
    assert measure.status == MeasureStatus.DECIDED and measure.school_days == 5


def test_a_suspension_around_a_holiday_counts_only_the_school_days(world):
    # Friday, a week of holiday, then Monday to Thursday: 5 school days in 12 calendar days.
    friday = MONDAY + datetime.timedelta(days=4)
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.AUTUMN_HOLIDAY,
                          starts_on=friday + datetime.timedelta(days=1), ends_on=friday + datetime.timedelta(days=9))
    measure = decide(world, report(world), MeasureKind.SUSPENSION, inspectorate_notified_on=TODAY,
                     starts_on=friday, ends_on=friday + datetime.timedelta(days=13))
    assert measure.calendar_days == 14 and measure.school_days == 5


def test_a_suspension_on_days_without_school_is_refused(world):
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.STUDY_DAY, starts_on=MONDAY, ends_on=MONDAY)
    message = refused(lambda: decide(world, report(world), MeasureKind.SUSPENSION, **suspension(1)))
    assert "geen schooldagen" in message


def test_a_suspension_needs_its_first_and_last_day(world):
    assert "WPO art. 40c lid 1" in refused(lambda: decide(world, report(world), MeasureKind.SUSPENSION))


def test_a_suspension_longer_than_one_day_needs_the_inspectorate_notification(world):
    incident = report(world)
    message = refused(lambda: decide(world, incident, MeasureKind.SUSPENSION, **suspension(2)))
    assert "WPO art. 40c lid 3" in message
    measure = decide(world, incident, MeasureKind.SUSPENSION, inspectorate_notified_on=TODAY, **suspension(2))
    assert measure.inspectorate_notified_on == TODAY


def test_a_suspension_of_one_day_needs_no_inspectorate_notification(world):
    measure = decide(world, report(world), MeasureKind.SUSPENSION, **suspension(1))
    assert measure.status == MeasureStatus.DECIDED


def test_a_suspension_needs_parents_to_receive_the_written_decision(world):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5b}])
    assert "WPO art. 40c lid 2" in refused(lambda: decide(world, incident, MeasureKind.SUSPENSION, **suspension(1)))
    guardian = Guardian.objects.create(first_name="Eva", last_name="Jansen", email="eva@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    measure = decide(world, incident, MeasureKind.SUSPENSION, **suspension(1))
    letter = DossierDocument.objects.get(measure=measure)
    assert letter.pupil == world.pupil5b


VERWIJDERING_CONDITIONS = {
    "teacher_heard_on": "horen van de leerkracht",
    "parents_heard_on": "horen van de ouders",
    "inspectorate_notified_on": "melding aan de inspectie",
    "attendance_officer_notified_on": "leerplichtambtenaar",
}


@pytest.mark.parametrize("missing", VERWIJDERING_CONDITIONS)
def test_a_removal_is_refused_while_one_condition_is_missing(world, missing):
    fields = {name: TODAY for name in VERWIJDERING_CONDITIONS if name != missing}
    message = refused(lambda: decide(world, report(world), MeasureKind.EXPULSION, **fields))
    assert "WPO art. 40" in message and VERWIJDERING_CONDITIONS[missing] in message


def test_a_removal_becomes_final_only_once_another_school_accepts_the_pupil(world, client_for):
    measure = decide(world, report(world), MeasureKind.EXPULSION, **{name: TODAY for name in VERWIJDERING_CONDITIONS})
    assert measure.status == MeasureStatus.DECIDED  # decided, not final
    assert measure.search_until == TODAY + datetime.timedelta(weeks=8)
    page = client_for(world.directie).get(reverse("incidents:measure", args=[measure.pk])).content.decode()
    assert "WPO art. 40 lid 5" in page and "8 weken" in page
    assert "WPO art. 40 lid 5" in refused(lambda: services.record_acceptance(
        measure=measure, actor=world.directie, school_name="", accepted_on=TODAY))
    measure = services.record_acceptance(measure=measure, actor=world.directie, school_name="De Wieken", accepted_on=TODAY)
    assert measure.status == MeasureStatus.FINAL


def test_a_parent_cannot_be_removed_from_school(world):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "guardian": world.guardian5}])
    assert "alleen een leerling" in refused(lambda: decide(world, incident, MeasureKind.EXPULSION,
                                                           **{n: TODAY for n in VERWIJDERING_CONDITIONS}))


def test_the_objection_deadline_is_six_weeks_after_the_decision_and_shown(world, client_for):
    measure = decide(world, report(world), MeasureKind.WARNING)
    assert measure.objection_deadline == TODAY + datetime.timedelta(weeks=6)
    page = client_for(world.directie).get(reverse("incidents:measure", args=[measure.pk])).content.decode()
    assert "Bezwaar mogelijk tot en met" in page
    from django.utils import formats
    assert formats.date_format(measure.objection_deadline, "j F Y") in page


def test_a_measure_without_grounds_is_refused(world):
    assert "Awb art. 3:46" in refused(lambda: decide(world, report(world), MeasureKind.WARNING, grounds=" "))


def test_a_staff_step_is_refused_for_a_pupil(world):
    assert "Verkeerde ladder" in refused(lambda: decide(world, report(world), MeasureKind.DISMISSAL))


def test_someone_from_outside_school_can_only_be_reported_to_the_police(world):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "name": "Onbekende volwassene"}])
    party = dader(incident)
    assert "Geen ladder" in refused(lambda: decide(world, incident, MeasureKind.WARNING, party=party))
    measure = decide(world, incident, MeasureKind.POLICE_REPORT, party=party, reference="PV-2026-123")
    assert measure.status == MeasureStatus.DECIDED
    assert not DossierDocument.objects.filter(measure=measure).exists()


def staff_incident(world):
    return report(world, reporter=world.directie, category="Vertrouwelijke informatie gepubliceerd",
                  parties=[{"role": PartyRole.PERPETRATOR, "staff": world.medewerker.staff}])


def test_a_staff_measure_cannot_be_decided_at_once(world):
    with pytest.raises(Exception) as info:
        decide(world, staff_incident(world), MeasureKind.WARNING)
    assert "voornemen" in " ".join(info.value.messages)


def test_a_staff_measure_goes_from_intention_via_response_to_decision(world):
    incident = staff_incident(world)
    measure = services.intend_staff_measure(incident=incident, party=dader(incident), actor=world.directie,
                                            kind=MeasureKind.WARNING, grounds="Leerlinggegevens op Facebook gezet.")
    assert measure.status == MeasureStatus.INTENDED
    assert "CAO PO" in refused(lambda: services.decide_staff_measure(measure=measure, actor=world.directie))
    assert not DossierDocument.objects.exists()
    services.record_response(measure=measure, actor=world.directie, response="Ik wist niet dat dit niet mocht.",
                             received_on=TODAY)
    measure = services.decide_staff_measure(measure=measure, actor=world.directie)
    assert measure.status == MeasureStatus.DECIDED
    assert DossierDocument.objects.get(measure=measure).staff == world.medewerker.staff


def test_only_directie_decides_a_measure(world, client_for):
    incident = report(world)
    with pytest.raises(PermissionDenied):
        services.decide_measure(incident=incident, party=dader(incident), actor=world.leerkracht5,
                                kind=MeasureKind.WARNING, grounds="x")
    url = reverse("incidents:measure_new", args=[incident.pk, dader(incident).pk])
    assert client_for(world.leerkracht5).post(url, {"kind": "waarschuwing", "grounds": "x"}).status_code == 403
    assert not incident.measures.exists()


def test_a_refusal_is_shown_on_the_form_naming_the_rule(world, client_for):
    incident = report(world)
    url = reverse("incidents:measure_new", args=[incident.pk, dader(incident).pk])
    response = client_for(world.directie).post(url, {
        "kind": "schorsing", "grounds": "Herhaald pesten.", "deviation_reason": "Ernstig",
        "starts_on": TODAY.isoformat(), "ends_on": (TODAY + datetime.timedelta(days=7)).isoformat()})
    assert response.status_code == 200
    assert "WPO art. 40c lid 1" in response.content.decode()
    assert not incident.measures.exists()
