"""Leerlingendossier and personeelsdossier: the chronology, and who may open which."""

from django.urls import reverse

from incidents import services
from incidents.models import DocumentKind, DossierDocument, MeasureKind, PartyRole
from tests.incidents.helpers import pdf_upload, report


def warn(world, incident, role=PartyRole.PERPETRATOR):
    return services.decide_measure(incident=incident, party=incident.parties.get(role=role), actor=world.directie,
                                   kind=MeasureKind.WARNING, grounds="x", deviation_reason="Eerste keer in dit incident")


def test_a_pupils_dossier_shows_their_incidents_with_their_role_measures_and_letters(world, client_for, busy_incident):
    warn(world, busy_incident)
    text = client_for(world.directie).get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk])).content.decode()
    assert "Leerlingendossier" in text and "Sanne de Vries" in text
    assert "rol: dader" in text and "waarschuwing" in text and "Besluit waarschuwing" in text
    # Only their own part: not the other people of the incident.
    assert "Daan Jansen" not in text and "Mila Bakker" not in text and "Buurman Kees" not in text


def test_a_victims_dossier_shows_the_incident_with_their_role_and_not_the_perpetrators_measure(world, client_for, busy_incident):
    warn(world, busy_incident)
    text = client_for(world.directie).get(reverse("incidents:pupil_dossier", args=[world.pupil5b.pk])).content.decode()
    assert "rol: slachtoffer" in text
    assert "waarschuwing" not in text and "Sanne" not in text


def test_the_groups_teacher_sees_incidents_and_measures_but_not_the_letters(world, client_for):
    warn(world, report(world))
    response = client_for(world.leerkracht5).get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "waarschuwing" in text and "Besluit waarschuwing" not in text


def test_a_teacher_cannot_open_the_dossier_of_a_pupil_in_another_group(world, client_for):
    assert client_for(world.leerkracht7).get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk])).status_code == 404


def test_parents_see_no_dossier_ever(world, client_for):
    for role, pupil in (("ouder5", world.pupil5), ("ouder5", world.pupil7), ("ouder7", world.pupil5)):
        assert client_for(world.users[role]).get(reverse("incidents:pupil_dossier", args=[pupil.pk])).status_code == 404


def test_bestuur_sees_staff_dossiers_only(world, client_for):
    client = client_for(world.bestuur)
    assert client.get(reverse("incidents:staff_dossier", args=[world.leerkracht5.staff.pk])).status_code == 200
    assert client.get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk])).status_code == 404
    text = client.get(reverse("incidents:dossiers")).content.decode()
    assert "Personeelsdossiers" in text and "Leerlingendossiers" not in text


def test_a_staff_dossier_shows_incidents_without_links_for_bestuur(world, client_for):
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, "staff": world.medewerker.staff}])
    text = client_for(world.bestuur).get(reverse("incidents:staff_dossier", args=[world.medewerker.staff.pk])).content.decode()
    assert "rol: dader" in text and reverse("incidents:detail", args=[incident.pk]) not in text


def test_directie_uploads_correspondence_into_a_pupils_dossier(world, client_for):
    url = reverse("incidents:pupil_dossier_upload", args=[world.pupil5.pk])
    response = client_for(world.directie).post(url, {"title": "Brief van de ouders", "file": pdf_upload()})
    assert response.status_code == 302
    document = DossierDocument.objects.get()
    assert (document.kind, document.pupil, document.title) == (DocumentKind.CORRESPONDENCE, world.pupil5, "Brief van de ouders")
    assert len(document.sha256) == 64
    text = client_for(world.directie).get(reverse("incidents:pupil_dossier", args=[world.pupil5.pk])).content.decode()
    assert "Brief van de ouders" in text


def test_a_teacher_cannot_upload_into_a_dossier(world, client_for):
    url = reverse("incidents:pupil_dossier_upload", args=[world.pupil5.pk])
    assert client_for(world.leerkracht5).post(url, {"title": "x", "file": pdf_upload()}).status_code == 403
    assert not DossierDocument.objects.exists()


def test_the_dossier_page_does_not_grow_in_queries_with_its_rows(world, client_for):
    client = client_for(world.directie)
    url = reverse("incidents:pupil_dossier", args=[world.pupil5.pk])
    warn(world, report(world))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(3):
        warn(world, report(world))
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)
