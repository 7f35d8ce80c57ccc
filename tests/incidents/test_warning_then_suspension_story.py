"""A teacher reports pesten and directie takes a warning, then a suspension within the law: one story
through the pages, from the report to the letter in the dossier."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from incidents.models import Category, DossierDocument, Incident, Measure, MeasureKind, PartyRole
from tests.incidents.helpers import screenshot

TODAY = timezone.localdate()


def report_pesten(client, world, description):
    response = client.post(reverse("incidents:report"), {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "place": "online", "platform": "klassenchat",
        "category": Category.objects.get(name="Pesten").pk, "severity": "", "description": description,
        "betrokkene-TOTAL_FORMS": "2", "betrokkene-INITIAL_FORMS": "0", "betrokkene-MIN_NUM_FORMS": "0",
        "betrokkene-MAX_NUM_FORMS": "30",
        "betrokkene-0-role": "dader", "betrokkene-0-pupil": str(world.pupil5.pk),
        "betrokkene-1-role": "slachtoffer", "betrokkene-1-pupil": str(world.pupil5b.pk),
        "attachments": [screenshot()],
    })
    assert response.status_code == 302
    return Incident.objects.latest("id")


def test_a_teacher_reports_pesten_and_directie_decides_a_warning_then_a_suspension_within_the_law(world, client_for):
    teacher, director = client_for(world.leerkracht5), client_for(world.directie)

    # As leerkracht: pesten via the class chat by a groep 5 pupil against another, with a screenshot.
    first = report_pesten(teacher, world, "Gemene berichten in de klassenchat.")
    assert first.place_display == "online (klassenchat)" and first.attachments.count() == 1

    # As directie: a warning is proposed and decided, its letter is in the pupil's dossier.
    dader = first.parties.get(role=PartyRole.PERPETRATOR)
    form_url = reverse("incidents:measure_new", args=[first.pk, dader.pk])
    assert "Voorgestelde stap: <strong>waarschuwing</strong>" in director.get(form_url).content.decode()
    director.post(form_url, {"kind": "waarschuwing", "grounds": "Pesten in de klassenchat."})
    warning = Measure.objects.get(kind=MeasureKind.WARNING)
    letter = DossierDocument.objects.get(measure=warning)
    dossier = director.get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk])).content.decode()
    assert letter.title in dossier
    assert director.get(reverse("incidents:document", args=[letter.pk]))["Content-Type"] == "application/pdf"

    # A second incident proposes schorsing.
    second = report_pesten(teacher, world, "Weer gemene berichten, nu met een foto.")
    dader = second.parties.get(role=PartyRole.PERPETRATOR)
    form_url = reverse("incidents:measure_new", args=[second.pk, dader.pk])
    # A primary school climbs slowly: after one warning the portal proposes another, and says why.
    page = director.get(form_url).content.decode()
    assert "Voorgestelde stap: <strong>waarschuwing</strong>" in page
    assert "1 eerdere waarschuwing in de afgelopen 12 maanden." in page
    assert "Een schorsing volgt pas na 2 waarschuwingen." in page
    reason = {"deviation_reason": "Pesten met een foto na een eerdere waarschuwing."}

    # A schorsing of 8 days from a Monday (6 school days) is refused naming the one-week rule.
    monday = TODAY + datetime.timedelta(days=7 - TODAY.weekday())
    days = lambda n: {"starts_on": monday.isoformat(), "ends_on": (monday + datetime.timedelta(days=n - 1)).isoformat()}  # noqa: E731
    response = director.post(form_url, {"kind": "schorsing", "grounds": "Herhaald pesten.", **reason, **days(8),
                                        "inspectorate_notified_on": TODAY.isoformat()})
    assert "WPO art. 40c lid 1 (schorsing ten hoogste een week)" in response.content.decode()

    # One of 2 days is accepted only with the inspectorate notification recorded.
    response = director.post(form_url, {"kind": "schorsing", "grounds": "Herhaald pesten.", **reason, **days(2)})
    assert "WPO art. 40c lid 3 (melding aan de inspectie)" in response.content.decode()
    assert not Measure.objects.filter(kind=MeasureKind.SUSPENSION).exists()
    response = director.post(form_url, {"kind": "schorsing", "grounds": "Herhaald pesten.", **reason, **days(2),
                                        "inspectorate_notified_on": TODAY.isoformat()})
    schorsing = Measure.objects.get(kind=MeasureKind.SUSPENSION)
    assert response.status_code == 302 and schorsing.calendar_days == 2
    assert DossierDocument.objects.filter(measure=schorsing, pupil=world.pupil5).exists()

    # The teacher who reported sees the status, not the decision's content.
    text = teacher.get(reverse("incidents:detail", args=[second.pk])).content.decode()
    assert "in behandeling" in text and "Herhaald pesten." not in text
    assert mail.outbox == []  # pesten is not serious by default: no alarm mail
