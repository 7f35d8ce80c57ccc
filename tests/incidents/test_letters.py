"""Each decided measure produces its letter as a PDF, filed in the person's dossier."""

import datetime
import hashlib
import io

from django.urls import reverse
from pypdf import PdfReader

from incidents import services
from incidents.models import DocumentKind, DossierDocument, EntryKind, MeasureKind, PartyRole, TimelineEntry
from tests.incidents.helpers import report

TODAY = datetime.date.today()


def pdf_text(document) -> str:
    with document.file.open("rb") as handle:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_a_decided_warning_files_a_letter_to_the_parents_in_the_pupils_dossier(world, private_media):
    incident = report(world)
    measure = services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR),
                                      actor=world.directie, kind=MeasureKind.WARNING, grounds="Kwetsende berichten.")
    letter = DossierDocument.objects.get(measure=measure)
    assert letter.kind == DocumentKind.LETTER and letter.pupil == world.pupil5 and letter.staff is None
    assert (private_media / letter.file.name).exists()
    with letter.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert letter.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(letter)
    assert "Sanne de Vries" in text and "waarschuwing" in text and "Kwetsende berichten." in text
    assert world.guardian5.full_name in text  # addressed to the parent
    assert "bezwaar" in text.lower()
    assert TimelineEntry.objects.filter(incident=incident, kind=EntryKind.LETTER).exists()


def test_a_suspension_letter_names_the_days_and_the_inspectorate_notification(world):
    incident = report(world)
    measure = services.decide_measure(
        incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR), actor=world.directie,
        kind=MeasureKind.SUSPENSION, grounds="Herhaald pesten.", deviation_reason="Ernstig",
        starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=1), inspectorate_notified_on=TODAY)
    text = pdf_text(DossierDocument.objects.get(measure=measure))
    assert "te schorsen" in text and "inspectie" in text


def test_a_parents_measure_is_filed_in_their_childs_dossier(world):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "guardian": world.guardian5}])
    measure = services.decide_measure(incident=incident, party=incident.parties.get(), actor=world.directie,
                                      kind=MeasureKind.WARNING, grounds="Dreigende berichten aan de leerkracht.")
    assert [d.pupil for d in DossierDocument.objects.filter(measure=measure)] == [world.pupil5]


def test_a_staff_decision_letter_is_filed_in_the_personnel_file_and_read_by_bestuur(world, client_for):
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, "staff": world.medewerker.staff}])
    measure = services.intend_staff_measure(incident=incident, party=incident.parties.get(), actor=world.directie,
                                            kind=MeasureKind.WARNING, grounds="Foto's van leerlingen gedeeld.")
    services.record_response(measure=measure, actor=world.directie, response="Het spijt me.", received_on=TODAY)
    services.decide_staff_measure(measure=measure, actor=world.directie)
    letter = DossierDocument.objects.get(measure=measure)
    assert letter.staff == world.medewerker.staff
    assert "personeelsdossier" in pdf_text(letter)
    dossier = reverse("incidents:staff_dossier", args=[world.medewerker.staff.pk])
    assert letter.title in client_for(world.bestuur).get(dossier).content.decode()
    assert client_for(world.bestuur).get(reverse("incidents:document", args=[letter.pk])).status_code == 200
    assert client_for(world.medewerker).get(reverse("incidents:document", args=[letter.pk])).status_code == 404


def test_a_pupils_letter_is_read_by_directie_only(world, client_for):
    incident = report(world)
    measure = services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR),
                                      actor=world.directie, kind=MeasureKind.WARNING, grounds="x")
    url = reverse("incidents:document", args=[DossierDocument.objects.get(measure=measure).pk])
    assert client_for(world.directie).get(url)["Content-Type"] == "application/pdf"
    for role in ("leerkracht5", "ouder5", "bestuur", "administratie"):
        assert client_for(world.users[role]).get(url).status_code == 404


def _warning(world):
    incident = report(world)
    return services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR),
                                   actor=world.directie, kind=MeasureKind.WARNING, grounds="Kwetsende berichten.")


def test_the_letter_carries_both_addresses_a_personal_salutation_and_the_objection_deadline(world, settings):
    settings.SCHOOL_ADDRESS = ["Julianaplein 1", "6500 AA Nijmegen"]
    guardian = world.guardian5
    guardian.street, guardian.postcode, guardian.city = "Lindelaan 12", "6511 AB", "Nijmegen"
    guardian.save()
    measure = _warning(world)
    text = " ".join(pdf_text(DossierDocument.objects.get(measure=measure)).split())
    assert "Julianaplein 1" in text and "6500 AA Nijmegen" in text  # the school, as sender
    assert "Lindelaan 12" in text and "6511 AB Nijmegen" in text  # the family's postal address
    assert f"Beste {guardian.full_name}," in text
    deadline = measure.decided_on + datetime.timedelta(weeks=6)
    from django.utils import dateformat, translation

    with translation.override("nl"):
        assert f"uiterlijk op {dateformat.format(deadline, 'j F Y')}" in text
    assert "Algemene wet bestuursrecht" in text


def test_directie_emails_the_letter_to_the_parents_with_the_pdf_and_it_is_on_the_timeline(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    measure = _warning(world)
    page = client_for(world.directie).get(reverse("incidents:measure", args=[measure.pk])).content.decode()
    assert "Brief downloaden om af te drukken (PDF)" in page and "Brief e-mailen aan de geadresseerde" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.directie).post(reverse("incidents:measure_email", args=[measure.pk]))
    assert response.status_code == 302
    [sent] = mailoutbox
    assert sent.to == [world.guardian5.email]
    assert f"Beste {world.guardian5.full_name}," in sent.body
    [(name, content, content_type)] = sent.attachments
    assert name.endswith(".pdf") and content.startswith(b"%PDF-") and content_type == "application/pdf"
    entry = TimelineEntry.objects.filter(incident=measure.incident, kind=EntryKind.LETTER).last()
    assert "per e-mail verstuurd aan" in entry.text and world.guardian5.full_name in entry.text


def test_a_letter_to_parents_without_an_email_address_is_refused_and_nothing_is_sent(world, client_for, mailoutbox):
    world.guardian5.email = ""
    world.guardian5.save()
    measure = _warning(world)
    response = client_for(world.directie).post(reverse("incidents:measure_email", args=[measure.pk]), follow=True)
    assert "geen e-mailadres bekend" in response.content.decode()
    assert mailoutbox == []


def test_a_teacher_cannot_email_a_letter(world, client_for, mailoutbox):
    measure = _warning(world)
    assert client_for(world.leerkracht5).post(reverse("incidents:measure_email", args=[measure.pk])).status_code == 404
    assert mailoutbox == []
