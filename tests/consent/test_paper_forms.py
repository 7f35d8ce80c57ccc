"""The office enters paper forms (with their scan) and phone calls; scans stay private."""

import io

from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from PIL import Image

from consent.models import ConsentRecord, PaperForm
from tests.consent.helpers import PDF_BYTES, current, pdf_upload, seen


def _post(client, world, purposes, **extra):
    data = seen({"method": "papier", f"doel_{purposes['website'].pk}": "nee", f"doel_{purposes['parro'].pk}": "ja"})
    data.update(extra)
    return client.post(reverse("consent:office_entry", args=[world.pupil5.pk]), data)


def test_administratie_enters_a_paper_form_with_its_scan(client_for, world, purposes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(world.administratie), world, purposes, guardian=world.guardian5.pk,
                         scan=pdf_upload())
    assert response.status_code == 302
    records = ConsentRecord.objects.filter(pupil=world.pupil5)
    assert records.count() == 2
    assert set(records.values_list("method", flat=True)) == {"papier"}
    assert records.first().decided_by == world.administratie
    assert records.first().on_behalf_of_name == world.guardian5.full_name
    paper_form = PaperForm.objects.get()
    assert paper_form.content_type == "application/pdf"
    assert str(django_settings.MEDIA_ROOT) in paper_form.scan.path
    assert current(world.pupil5, purposes["parro"]).given is True
    assert mail.outbox[0].to == [world.guardian5.email]


def test_a_paper_form_without_a_scan_is_refused_and_says_so(client_for, world, purposes):
    response = _post(client_for(world.administratie), world, purposes)
    assert response.status_code == 200
    assert "Voeg de scan van het papieren formulier toe." in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_a_file_that_only_looks_like_a_pdf_by_name_is_refused(client_for, world, purposes):
    fake = pdf_upload("formulier.pdf", b"MZ\x90\x00 this is a program, not a scan")
    response = _post(client_for(world.administratie), world, purposes, scan=fake)
    assert "Dit soort bestand kunnen wij niet aannemen" in response.content.decode()
    assert not PaperForm.objects.exists()


def test_a_png_scan_is_accepted_by_its_content(client_for, world, purposes):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    upload = pdf_upload("scan.pdf", buffer.getvalue())  # misleading name: the content decides
    _post(client_for(world.administratie), world, purposes, scan=upload)
    assert PaperForm.objects.get().content_type == "image/png"


def test_a_scan_larger_than_the_limit_is_refused(client_for, world, purposes, settings):
    settings.MAX_UPLOAD_BYTES = 100
    response = _post(client_for(world.administratie), world, purposes, scan=pdf_upload(content=PDF_BYTES + b" " * 200))
    assert "te groot" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_a_phone_call_needs_a_note_and_is_recorded_as_such(client_for, world, purposes):
    client = client_for(world.administratie)
    response = _post(client, world, purposes, method="telefoon")
    assert "Schrijf op wie er belde en wanneer." in response.content.decode()
    _post(client, world, purposes, method="telefoon", note="Moeder belde op 3 september om 8.15 uur")
    record = ConsentRecord.objects.filter(pupil=world.pupil5).first()
    assert record.method == "telefoon"
    assert record.paper_form is None
    assert "Moeder belde" in record.note


def test_the_scan_is_served_to_the_office_and_the_childs_guardian_only(client_for, world, purposes):
    _post(client_for(world.administratie), world, purposes, scan=pdf_upload())
    url = reverse("consent:scan", args=[PaperForm.objects.get().pk])
    response = client_for(world.ouder5).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    for user in (world.ouder7, world.leerkracht5, world.bestuur, world.medewerker):
        assert client_for(user).get(url).status_code == 404


def test_a_teacher_cannot_enter_a_paper_form(client_for, world, purposes):
    response = _post(client_for(world.leerkracht5), world, purposes, scan=pdf_upload())
    assert response.status_code == 403
    assert not ConsentRecord.objects.exists()


def test_administratie_reaches_a_pupils_form_from_the_class_sheet(client_for, world, purposes):
    html = client_for(world.administratie).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    assert f'href="{reverse("consent:pupil", args=[world.pupil5.pk])}"' in html
    teacher_html = client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    assert reverse("consent:pupil", args=[world.pupil5.pk]) not in teacher_html
