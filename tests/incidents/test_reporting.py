"""A teacher reports an incident from the form: parties, attachments, privacy of the files."""

import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Attachment, Category, Incident, Party, Severity, Status, TimelineEntry
from tests.incidents.helpers import pdf_upload, png_bytes, screenshot


def form_data(world, **extra):
    data = {
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "place": "online",
        "platform": "klassenchat",
        "category": Category.objects.get(name="Pesten").pk,
        "severity": "",
        "description": "Sanne stuurde gemene berichten over Daan in de klassenchat.",
        "betrokkene-TOTAL_FORMS": "3",
        "betrokkene-INITIAL_FORMS": "0",
        "betrokkene-MIN_NUM_FORMS": "0",
        "betrokkene-MAX_NUM_FORMS": "30",
        "betrokkene-0-role": "dader",
        "betrokkene-0-pupil": str(world.pupil5.pk),
        "betrokkene-1-role": "slachtoffer",
        "betrokkene-1-pupil": str(world.pupil5b.pk),
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
    assert incident.status == Status.REPORTED
    assert incident.severity == Severity.MODERATE  # the category's default, since none was chosen
    assert incident.group == world.group5
    assert sorted((p.role, p.person_name) for p in Party.objects.all()) == [
        ("dader", "Sanne de Vries"), ("getuige", "Buurman Kees"), ("slachtoffer", "Daan Jansen")]
    attachment = Attachment.objects.get()
    assert attachment.sha256 == hashlib.sha256(png_bytes()).hexdigest()
    assert attachment.content_type == "image/png"
    # Stored under the private root with a random name: the original name stays in the database.
    path = private_media / attachment.file.name
    assert path.exists() and "schermafbeelding" not in attachment.file.name
    assert TimelineEntry.objects.get(incident=incident).new_status == Status.REPORTED


def test_the_report_page_offers_pupils_of_every_group_with_their_group_beside_the_name(world, client_for):
    page = client_for(world.leerkracht5).get(reverse("incidents:report")).content.decode()
    assert "Sanne de Vries (groep 5)" in page and "Mila Bakker (groep 7)" in page


def test_a_teacher_names_a_pupil_of_another_group(world, client_for):
    data = form_data(world, **{"betrokkene-0-pupil": str(world.pupil7.pk)})
    response = client_for(world.leerkracht5).post(reverse("incidents:report"), data)
    assert response.status_code == 302
    assert Party.objects.get(role="dader").pupil == world.pupil7


def test_two_pupils_of_the_same_name_are_told_apart_by_their_group(world, client_for):
    from tests.helpers import make_pupil

    make_pupil("Liam", "Hendriks", world.group5)
    make_pupil("Liam", "Hendriks", world.group7)
    page = client_for(world.leerkracht7).get(reverse("incidents:report")).content.decode()
    assert "Liam Hendriks (groep 5)" in page and "Liam Hendriks (groep 7)" in page


def test_parents_and_staff_are_picked_from_their_own_lists(world, client_for):
    page = client_for(world.leerkracht5).get(reverse("incidents:report")).content.decode()
    assert '<select name="betrokkene-0-guardian"' in page and '<select name="betrokkene-0-staff"' in page
    assert f"{world.guardian7.full_name} (ouder van Mila Bakker (groep 7))" in page
    data = form_data(world, **{"betrokkene-2-name": "", "betrokkene-2-role": "melder",
                               "betrokkene-2-guardian": str(world.guardian7.pk),
                               "betrokkene-TOTAL_FORMS": "4", "betrokkene-3-role": "getuige",
                               "betrokkene-3-staff": str(world.medewerker.staff.pk)})
    assert client_for(world.leerkracht5).post(reverse("incidents:report"), data).status_code == 302
    assert {(p.role, p.kind) for p in Party.objects.all()} >= {("melder", "ouder"), ("getuige", "medewerker")}


def test_the_form_starts_with_two_rows_and_adds_one_without_a_script_keeping_what_was_typed(world, client_for):
    client = client_for(world.leerkracht5)
    page = client.get(reverse("incidents:report")).content.decode()
    assert 'name="betrokkene-TOTAL_FORMS" value="2"' in page and "Nog een betrokkene toevoegen" in page
    data = form_data(world, **{"betrokkene-TOTAL_FORMS": "3", "add_party": "1", "description": ""})
    response = client.post(reverse("incidents:report"), data)
    page = response.content.decode()
    assert response.status_code == 200 and not Incident.objects.exists()
    assert 'name="betrokkene-TOTAL_FORMS" value="4"' in page
    assert "Betrokkene 4" in page and "Buurman Kees" in page
    assert "Dit veld is verplicht" not in page  # not validated yet: only a row was added


def test_a_role_without_a_person_is_refused_saying_nobody_was_chosen(world, client_for):
    data = form_data(world, **{"betrokkene-1-pupil": ""})
    page = client_for(world.leerkracht5).post(reverse("incidents:report"), data).content.decode()
    assert "bij deze rol is nog niemand gekozen" in page
    assert not Incident.objects.exists()


def test_two_people_in_one_row_are_refused(world, client_for):
    data = form_data(world, **{"betrokkene-0-staff": str(world.medewerker.staff.pk)})
    page = client_for(world.leerkracht5).post(reverse("incidents:report"), data).content.decode()
    assert "kies per regel één persoon" in page
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
