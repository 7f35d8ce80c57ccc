"""The parent's form 'Toestemming beeldmateriaal', the receipt, and the issue's 'done means' walk."""

import re

from django.core import mail
from django.urls import reverse

from consent.models import ConsentRecord
from tests.consent.helpers import answer_as, seen


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*value="(\w+)"[^>]*checked', html)


def test_parent_sees_every_purpose_with_nothing_ticked_when_there_is_no_answer(client_for, world, purposes):
    response = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for purpose in purposes.values():
        assert purpose.name in html
        assert _checked(html, f"doel_{purpose.pk}") == []
    assert "Nog niet beantwoord" in html
    assert "Iedereen kan de website bekijken" in html


def test_parent_sees_their_current_answer_ticked(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=False, parro=True)
    html = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert _checked(html, f"doel_{purposes['website'].pk}") == ["nee"]
    assert _checked(html, f"doel_{purposes['parro'].pk}") == ["ja"]
    assert _checked(html, f"doel_{purposes['geluid'].pk}") == []


def test_parent_cannot_see_other_childs_consent(client_for, world, purposes):
    client = client_for(world.ouder5)
    assert client.get(reverse("consent:child", args=[world.pupil7.pk])).status_code == 404
    assert client.get(reverse("consent:child", args=[world.pupil5b.pk])).status_code == 404
    assert client.get(reverse("consent:pupil", args=[world.pupil7.pk])).status_code == 404
    response = client.post(reverse("consent:child", args=[world.pupil7.pk]), seen({f"doel_{purposes['website'].pk}": "ja"}))
    assert response.status_code == 404
    assert not ConsentRecord.objects.exists()


def test_saving_sends_a_receipt_and_shows_it_for_download(client_for, world, purposes, django_capture_on_commit_callbacks):
    client = client_for(world.ouder5)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consent:child", args=[world.pupil5.pk]),
                               seen({f"doel_{purposes['website'].pk}": "nee", f"doel_{purposes['parro'].pk}": "ja"}))
    record = ConsentRecord.objects.filter(pupil=world.pupil5).first()
    assert response.status_code == 302
    assert response["Location"] == reverse("consent:receipt", args=[record.submission])
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert mail.outbox[0].to == [world.ouder5.email]
    assert "Schoolwebsite: nee" in body
    assert "Parro (besloten groepsomgeving): ja, dat mag" in body
    assert world.guardian5.full_name in body
    page = client.get(response["Location"]).content.decode()
    assert "Schoolwebsite" in page and world.guardian5.full_name in page
    pdf = client.get(reverse("consent:receipt_pdf", args=[record.submission]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_saving_without_a_change_sends_nothing(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    mail.outbox.clear()
    client_for(world.ouder5).post(reverse("consent:child", args=[world.pupil5.pk]),
                                  seen({f"doel_{purposes['website'].pk}": "ja"}))
    assert mail.outbox == []
    assert ConsentRecord.objects.count() == 1


def test_a_parents_no_shows_on_the_class_sheet_at_once_and_a_yes_again_takes_the_child_off(client_for, world, purposes, django_capture_on_commit_callbacks):
    """As ouder: refuse the website for the child in groep 5; as leerkracht: the class sheet shows
    the child as not allowed on the website at once; as ouder: give it again. Three records and
    three receipts."""
    website = purposes["website"]
    parent, teacher = client_for(world.ouder5), client_for(world.leerkracht5)
    field = f"doel_{website.pk}"
    sheet_url = reverse("consent:class_sheet", args=[world.group5.pk]) + "?niet=website"

    with django_capture_on_commit_callbacks(execute=True):
        parent.post(reverse("consent:child", args=[world.pupil5.pk]), seen({field: "ja"}))
        assert world.pupil5.full_name not in teacher.get(sheet_url).content.decode()

        parent.post(reverse("consent:child", args=[world.pupil5.pk]), seen({field: "nee"}))
        assert world.pupil5.full_name in teacher.get(sheet_url).content.decode()

        parent.post(reverse("consent:child", args=[world.pupil5.pk]), seen({field: "ja"}))
        assert world.pupil5.full_name not in teacher.get(sheet_url).content.decode()

    assert list(ConsentRecord.objects.filter(pupil=world.pupil5, purpose=website).values_list("given", flat=True)) == [
        True, False, True]
    assert len(mail.outbox) == 3


def test_parent_index_counts_open_questions_per_child(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    html = client_for(world.ouder5).get(reverse("consent:index")).content.decode()
    assert world.pupil5.full_name in html
    assert f"Nog {len(purposes) - 1} vragen open" in html


def test_dashboard_tells_a_parent_about_open_questions(client_for, world, purposes):
    html = client_for(world.ouder5).get(reverse("dashboard")).content.decode()
    assert f"Er staan nog {len(purposes)} vragen open" in html


def test_parent_can_download_every_record_about_their_child(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(world.ouder5, world.pupil5, website=False)
    response = client_for(world.ouder5).get(reverse("consent:pupil_export", args=[world.pupil5.pk]))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    ledger = lines[:lines.index("")]
    assert len(ledger) == 3
    assert "Schoolwebsite" in ledger[1] and ";ja;" in ledger[1]
    assert ";nee;" in ledger[2]
