"""A teacher reports an incident from the form: parties, attachments, privacy of the files."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Attachment, Category, Incident, Party, Severity, Status, TimelineEntry

from .conftest import pdf_upload, png_bytes, screenshot


def form_data(world, **extra):
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "place": "online",
        "platform": "klassenchat",
        "category": Category.objects.get(name="Pesten").pk,
        "severity": "",
        "description": "Sanne stuurde gemene berichten over Daan in de klassenchat.",
        "betrokkene-TOTAL_FORMS": "5",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-MIN_NUM_FORMS": "0",
        "betrokkene-MAX_NUM_FORMS": "5",
        "betrokkene-0-role": "dader",
        "betrokkene-0-person": f"p{world.pupil5.pk}",
        "betrokkene-1-role": "slachtoffer",
        "betrokkene-1-person": f"p{world.pupil5b.pk}",
        "betrokkene-2-role": "getuige",
        "betrokkene-2-name": "Buurman Kees",
    }
    data.update(extra)
    return data


def test_teacher_reports_pesten_with_a_screenshot_and_three_parties(world, client_for, private_media):
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), {**form_data(world), "attachments": [screenshot()]})
    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:detail", args=[incident.pk])
    assert incident.status == Status.GEMELD
    assert incident.severity == Severity.MIDDEL  # the category's default, since none was chosen
    assert incident.group == world.group5
    assert sorted((p.role, p.person_name) for p in Party.objects.all()) == [
        ("dader", "Sanne de Vries"), ("getuige", "Buurman Kees"), ("slachtoffer", "Daan Jansen")]
    attachment = Attachment.objects.get()
    assert attachment.sha256 == hashlib.sha256(png_bytes()).hexdigest()
    assert attachment.content_type == "image/png"
    # Stored under the private root with a random name: the original name stays in the database.
    path = private_media / attachment.file.name
    assert path.exists() and "schermafbeelding" not in attachment.file.name
    assert TimelineEntry.objects.get(incident=incident).new_status == Status.GEMELD


def test_the_report_page_offers_only_the_teachers_own_pupils(world, client_for):
    page = client_for(world.leerkracht5).get(reverse("incidents:report")).content.decode()
    assert "Sanne de Vries" in page and "Daan Jansen" in page
    assert "Mila Bakker" not in page


def test_a_teacher_cannot_name_a_pupil_of_another_group(world, client_for):
    data = form_data(world, **{"betrokkene-0-person": f"p{world.pupil7.pk}"})
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), data)
    assert response.status_code == 200
    assert not Incident.objects.exists()


def test_an_online_incident_needs_its_platform(world, client_for):
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), form_data(world, platform=""))
    assert "Kies op welk platform" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_party_row_with_a_person_but_no_role_is_refused_naming_the_field(world, client_for):
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), form_data(world, **{"betrokkene-0-role": ""}))
    assert "Kies de rol van deze betrokkene" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_file_that_is_not_an_image_or_pdf_by_its_content_is_refused(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.png", b"MZ\x90\x00 this is a program", content_type="image/png")
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), {**form_data(world), "attachments": [fake]})
    assert "geen afbeelding of PDF" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_file_larger_than_the_limit_is_refused(world, client_for, settings):
    settings.MAX_UPLOAD_BYTES = 50
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), {**form_data(world), "attachments": [screenshot()]})
    assert "groter dan" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_pdf_attachment_is_accepted(world, client_for):
    client_for(world.leerkracht5).post(reverse("incidents:report"), {**form_data(world), "attachments": [pdf_upload()]})
    assert Attachment.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize("role,status", [("leerkracht5", 200), ("directie", 200), ("leerkracht7", 404), ("ouder5", 404),
                                         ("bestuur", 404), ("administratie", 404)])
def test_an_attachment_is_served_only_to_who_may_see_the_incident(world, client_for, role, status):
    client_for(world.leerkracht5).post(reverse("incidents:report"), {**form_data(world), "attachments": [screenshot()]})
    response = client_for(world.users[role]).get(reverse("incidents:attachment", args=[Attachment.objects.get().pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Cache-Control"] == "private, no-store"
