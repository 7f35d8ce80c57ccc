"""A refused consent entry is shown on the field it concerns (never found by reading its text)."""

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from consent.models import ConsentRecord
from julianaschool import services as people_services
from tests.consent.helpers import pdf_upload, seen


def _office_entry(client, world, purposes, **extra):
    data = seen({"method": "papier", f"doel_{purposes['website'].pk}": "ja"})
    data.update(extra)
    return client.post(reverse("consent:office_entry", args=[world.pupil5.pk]), data)


def test_a_scan_of_the_wrong_kind_is_shown_on_the_scan_field_in_dutch_and_in_english(client_for, world, purposes):
    fake = pdf_upload("formulier.pdf", b"MZ\x90\x00 a program, not a scan")
    client = client_for(world.administratie)
    form = _office_entry(client, world, purposes, guardian=world.guardian5.pk, scan=fake).context["form"]
    assert "Dit soort bestand kunnen wij niet aannemen" in " ".join(form.errors["scan"])
    client.cookies["django_language"] = "en"
    fake = pdf_upload("formulier.pdf", b"MZ\x90\x00 a program, not a scan")
    form = _office_entry(client, world, purposes, guardian=world.guardian5.pk, scan=fake).context["form"]
    assert "scan" in form.errors and not form.non_field_errors()
    assert not ConsentRecord.objects.exists()


def test_the_office_opening_the_entry_form_of_a_pupil_who_left_is_told_so_on_the_pupils_page(client_for, world, purposes):
    people_services.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    before = ConsentRecord.objects.count()
    response = _office_entry(client_for(world.administratie), world, purposes, scan=pdf_upload())
    assert response.status_code == 302
    assert response["Location"] == reverse("consent:pupil", args=[world.pupil5.pk])
    assert any("is uitgeschreven" in str(m) for m in get_messages(response.wsgi_request))
    assert ConsentRecord.objects.count() == before
