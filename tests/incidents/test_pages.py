"""The pages directie works with: a staff measure from intention to decision, a removal made
final, the audit trail, and pages whose query count does not grow with their rows."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import services
from incidents.audit_actions import Action
from incidents.models import DossierDocument, Measure, MeasureKind, MeasureStatus, PartyRole
from julianaschool.models import AuditEntry
from tests.incidents.helpers import report

TODAY = datetime.date.today().isoformat()


def test_directie_takes_a_staff_measure_from_intention_to_decision_through_the_pages(world, client_for):
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, "staff": world.medewerker.staff}])
    client = client_for(world.directie)
    party = incident.parties.get()
    response = client.post(reverse("incidents:measure_new", args=[incident.pk, party.pk]),
                           {"kind": "waarschuwing", "grounds": "Foto's van leerlingen op Instagram."})
    measure = Measure.objects.get()
    assert response["Location"] == reverse("incidents:measure", args=[measure.pk])
    assert measure.status == MeasureStatus.INTENDED
    assert "Zienswijze vastleggen" in client.get(response["Location"]).content.decode()
    client.post(reverse("incidents:measure_decide", args=[measure.pk]))
    assert Measure.objects.get().status == MeasureStatus.INTENDED  # no decision before the response
    client.post(reverse("incidents:measure_response", args=[measure.pk]), {"response": "Excuses.", "received_on": TODAY})
    client.post(reverse("incidents:measure_decide", args=[measure.pk]))
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DECIDED and measure.employee_response == "Excuses."
    assert DossierDocument.objects.get(measure=measure).staff == world.medewerker.staff


def test_directie_makes_a_removal_final_through_the_page(world, client_for):
    incident = report(world)
    measure = services.decide_measure(
        incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR), actor=world.directie,
        kind=MeasureKind.EXPULSION, grounds="Herhaald ernstig pesten.", deviation_reason="Zeer ernstig",
        teacher_heard_on=datetime.date.today(), parents_heard_on=datetime.date.today(),
        inspectorate_notified_on=datetime.date.today(), attendance_officer_notified_on=datetime.date.today())
    client = client_for(world.directie)
    assert "Toelating door een andere school" in client.get(reverse("incidents:measure", args=[measure.pk])).content.decode()
    client.post(reverse("incidents:measure_acceptance", args=[measure.pk]), {"school_name": "De Wieken", "accepted_on": TODAY})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.FINAL and measure.other_school_name == "De Wieken"


def test_every_write_lands_in_the_audit_trail(world):
    incident = report(world)
    services.add_note(incident=incident, author=world.directie, text="x")
    services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR), actor=world.directie,
                            kind=MeasureKind.WARNING, grounds="x")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {Action.INCIDENT_REPORTED, Action.NOTE_ADDED, Action.STATUS_CHANGED, Action.MEASURE_DECIDED,
            Action.LETTER_WRITTEN} <= actions


def test_a_parents_ban_needs_no_inspectorate_notification(world):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "guardian": world.guardian5}])
    measure = services.decide_measure(
        incident=incident, party=incident.parties.get(), actor=world.directie, kind=MeasureKind.SUSPENSION,
        grounds="Bedreigde een leerkracht op het schoolplein.", deviation_reason="Bedreiging",
        starts_on=datetime.date.today(), ends_on=datetime.date.today() + datetime.timedelta(days=13))
    assert measure.status == MeasureStatus.DECIDED


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_incident_list_does_not_grow_in_queries_with_its_rows(world, client_for):
    client = client_for(world.directie)
    report(world)
    one = _count(client, reverse("incidents:list"))
    for _ in range(5):
        report(world)
    assert _count(client, reverse("incidents:list")) == one


def test_an_incident_page_does_not_grow_in_queries_with_its_parties(world, client_for):
    kinds = [{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}, {"role": PartyRole.WITNESS, "pupil": world.pupil7},
             {"role": PartyRole.REPORTER, "guardian": world.guardian7}, {"role": PartyRole.WITNESS, "staff": world.medewerker.staff},
             {"role": PartyRole.WITNESS, "name": "Buurman Kees"}]
    small = report(world, reporter=world.directie, parties=kinds)
    big = report(world, reporter=world.directie, parties=kinds * 4)
    for user in (world.leerkracht5, world.directie):
        client = client_for(user)
        assert _count(client, reverse("incidents:detail", args=[big.pk])) == \
            _count(client, reverse("incidents:detail", args=[small.pk]))
