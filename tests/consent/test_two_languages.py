"""Consent is informed in both languages; staff read staff texts; the form and receipt read plainly (issue 18)."""

import re

import pytest
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from consent import services, state
from consent.models import ConsentRecord, Purpose, PurposeVersion
from tests.consent.helpers import answer_as, seen


def english(client):
    client.cookies["django_language"] = "en"
    return client


def _checked(html: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*value="(\w+)"[^>]*checked', html)


def test_a_parent_reading_english_sees_every_channel_in_english(client_for, world, purposes):
    html = english(client_for(world.ouder5)).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert "School website" in html and "Anyone can look at the website" in html
    assert "Covers: photo, film" in html and "Covers: sound" in html
    for dutch in ("Schoolwebsite", "Iedereen kan de website", "foto, film", "Gaat over", "Meer uitleg"):
        assert dutch not in html
    assert 'name="taal_%d" value="en"' % purposes["website"].pk in html


def test_an_english_answer_records_the_language_and_the_hash_of_the_english_text(client_for, world, purposes):
    website = purposes["website"]
    client = english(client_for(world.ouder5))
    response = client.post(reverse("consent:child", args=[world.pupil5.pk]),
                           seen({f"doel_{website.pk}": "ja", f"taal_{website.pk}": "en"}))
    assert response.status_code == 302
    record = ConsentRecord.objects.get(pupil=world.pupil5, purpose=website)
    version = website.current_version
    assert record.language == "en"
    assert record.text_sha256 == PurposeVersion.hash_text(
        f"{version.name_en}\nphoto, film\n{version.explanation_en}")
    assert record.text_sha256 != version.text_sha256


def test_the_language_the_page_showed_counts_not_the_language_at_saving(client_for, world, purposes):
    website = purposes["website"]
    # The page was read in Dutch; the parent switched to English in another tab before saving.
    english(client_for(world.ouder5)).post(reverse("consent:child", args=[world.pupil5.pk]),
                                           seen({f"doel_{website.pk}": "nee", f"taal_{website.pk}": "nl"}))
    record = ConsentRecord.objects.get(pupil=world.pupil5, purpose=website)
    assert (record.language, record.text_sha256) == ("nl", website.current_version.text_sha256)


def test_records_from_before_english_existed_stay_dutch_and_valid(world, purposes):
    record = answer_as(world.ouder5, world.pupil5, parro=True)[0]
    assert record.language == "nl"
    assert record.text_sha256 == record.purpose_version.text_sha256
    assert record.text_sha256 == PurposeVersion.hash_text(record.purpose_version.shown_text)


def test_a_version_without_english_is_shown_and_recorded_in_dutch(client_for, world, purposes):
    purpose = services.create_purpose(slug="jaarboek", name="Jaarboek", explanation="Een boekje.", covers_photo=True,
                                      covers_film=False, covers_sound=False, is_public=False, actor=world.directie)
    html = english(client_for(world.ouder5)).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert 'name="taal_%d" value="nl"' % purpose.pk in html
    english(client_for(world.ouder5)).post(reverse("consent:child", args=[world.pupil5.pk]),
                                           seen({f"doel_{purpose.pk}": "ja", f"taal_{purpose.pk}": "en"}))
    assert ConsentRecord.objects.get(purpose=purpose).language == "nl"


def test_the_ledger_stays_append_only_with_its_language_column(world, purposes):
    record = answer_as(world.ouder5, world.pupil5, parro=True)[0]
    for statement in ("UPDATE consent_consentrecord SET language = 'en' WHERE id = %s",
                      "DELETE FROM consent_consentrecord WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [record.pk])
    assert ConsentRecord.objects.get(pk=record.pk).language == "nl"


def test_directie_must_write_the_english_name_and_explanation_of_a_new_purpose(client_for, world, purposes):
    response = client_for(world.directie).post(reverse("consent:purpose_create"), {
        "name": "Jaarboek groep 8", "slug": "jaarboek", "explanation": "Een boekje.", "covers_photo": "on",
        "position": 70})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Naam in het Engels: vul de Engelse naam in." in html
    assert "Uitleg in het Engels: vul de Engelse uitleg in" in html
    assert not Purpose.objects.filter(slug="jaarboek").exists()


def test_a_changed_english_text_is_a_new_version(client_for, world, purposes):
    website = purposes["website"]
    version = website.current_version
    client_for(world.directie).post(reverse("consent:purpose_edit", args=[website.pk]), {
        "name": website.name, "name_en": website.name_en, "explanation": version.explanation,
        "explanation_en": version.explanation_en + " Photos stay online for two years.",
        "covers_photo": "on", "covers_film": "on", "is_public": "on", "position": website.position})
    website.refresh_from_db()
    assert website.current_version.number == version.number + 1
    assert website.current_version.explanation_en.endswith("two years.")


def test_a_staff_member_reads_the_staff_wording_and_it_is_what_is_recorded(client_for, world, purposes):
    html = client_for(world.medewerker).get(reverse("consent:staff")).content.decode()
    assert "kunt u als medewerker herkenbaar" in html
    assert "De groep van uw kind" not in html and "uw kind" not in html
    website = purposes["website"]
    client_for(world.medewerker).post(reverse("consent:staff"), seen({f"doel_{website.pk}": "ja"}))
    record = ConsentRecord.objects.get(staff=world.medewerker.staff)
    version = website.current_version
    assert record.text_sha256 == PurposeVersion.hash_text(f"{version.name}\n{version.media}\n{version.staff_explanation}")


def test_a_staff_member_reading_english_gets_the_english_staff_wording(client_for, world, purposes):
    html = english(client_for(world.medewerker)).get(reverse("consent:staff")).content.decode()
    assert "you can be recognisable as a member of staff" in html


def test_the_explanation_is_folded_behind_meer_uitleg_and_sound_is_heard(client_for, world, purposes):
    html = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert html.count("<summary>Meer uitleg</summary>") == len(purposes)
    assert "Gaat over: geluid · openbaar: iedereen kan het horen" in html
    assert "Gaat over: foto, film · openbaar: iedereen kan het zien</p>" in html


def test_alles_ja_fills_in_every_choice_without_saving(client_for, world, purposes):
    client = client_for(world.ouder5)
    response = client.post(reverse("consent:child", args=[world.pupil5.pk]), seen({"alles": "ja"}))
    html = response.content.decode()
    assert response.status_code == 200
    for purpose in purposes.values():
        assert _checked(html, f"doel_{purpose.pk}") == ["ja"]
    assert "Nog niet opgeslagen" in html
    assert not ConsentRecord.objects.exists()


def test_alles_nee_fills_in_every_no_over_earlier_yeses_without_saving(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    html = client_for(world.ouder5).post(reverse("consent:child", args=[world.pupil5.pk]),
                                         {"alles": "nee"}).content.decode()
    assert _checked(html, f"doel_{purposes['website'].pk}") == ["nee"]
    assert ConsentRecord.objects.count() == 1


def test_the_receipt_shows_everything_that_holds_now_in_plain_words(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    client = client_for(world.ouder5)
    response = client.post(reverse("consent:child", args=[world.pupil5.pk]), seen({f"doel_{purposes['website'].pk}": "nee"}))
    html = client.get(response.url).content.decode()
    first = world.pupil5.first_name
    assert f"{first} mag herkenbaar te zien of te horen zijn op: Parro (besloten groepsomgeving)." in html
    assert f"{first} komt niet herkenbaar op: Schoolwebsite." in html
    assert "Nu gewijzigd." in html
    assert "sha256" not in html and "Versie" not in html and "versie" not in html


def test_the_receipt_offers_the_next_child(client_for, world, purposes):
    from julianaschool.models import GuardianLink

    GuardianLink.objects.get_or_create(guardian=world.ouder5.guardian, pupil=world.pupil5b)
    client = client_for(world.ouder5)
    response = client.post(reverse("consent:child", args=[world.pupil5.pk]), seen({f"doel_{purposes['website'].pk}": "ja"}))
    html = client.get(response.url).content.decode()
    assert reverse("consent:child", args=[world.pupil5b.pk]) in html
    assert f"Volgende kind: {world.pupil5b.first_name}" in html


def test_the_receipt_mail_greets_the_guardian_by_name_and_says_whom_to_contact(
    client_for, world, purposes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.ouder5).post(reverse("consent:child", args=[world.pupil5.pk]),
                                      seen({f"doel_{purposes['website'].pk}": "ja"}))
    body = mail.outbox[0].body
    assert body.startswith(f"Beste {world.ouder5.guardian.full_name},")
    assert "Neem contact op met de administratie van de school" in body
    assert "Parro (besloten groepsomgeving): nee (nog niet beantwoord, dat telt als nee)" in body
    assert "Schoolwebsite: ja, dat mag (nu gewijzigd)" in body
    assert "sha256" not in body


def test_the_staff_receipt_speaks_to_the_staff_member(client_for, world, purposes):
    client = client_for(world.medewerker)
    response = client.post(reverse("consent:staff"), seen({f"doel_{purposes['website'].pk}": "ja"}))
    html = client.get(response.url).content.decode()
    assert "U mag herkenbaar te zien of te horen zijn op: Schoolwebsite." in html
    assert "U komt niet herkenbaar op: Geluidsopnamen." in html
    assert state.answer(state.staff_answers([world.medewerker.staff.pk]), world.medewerker.staff.pk,
                        purposes["website"].pk).given


def test_the_staff_receipt_mail_speaks_to_the_staff_member_about_themselves(
    client_for, world, purposes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(world.medewerker).post(reverse("consent:staff"), seen({f"doel_{purposes['website'].pk}": "ja"}))
    body = mail.outbox[0].body
    assert body.startswith(f"Beste {world.medewerker.staff.full_name},")
    assert "van uzelf is vastgelegd" in body


def test_the_reminder_greets_the_guardian_by_name_and_says_whom_to_contact(
    world, purposes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_reminders(actor=world.directie)
    body = next(m.body for m in mail.outbox if world.guardian5.email in m.to)
    assert body.startswith(f"Beste {world.guardian5.full_name},")
    assert "Vragen? Neem contact op met de administratie van de school" in body


def test_the_avg_export_says_in_which_language_each_decision_was_read(client_for, world, purposes):
    website = purposes["website"]
    english(client_for(world.ouder5)).post(reverse("consent:child", args=[world.pupil5.pk]),
                                           seen({f"doel_{website.pk}": "ja", f"taal_{website.pk}": "en"}))
    lines = client_for(world.ouder5).get(reverse("consent:pupil_export", args=[world.pupil5.pk])).content.decode(
        "utf-8-sig").splitlines()
    assert lines[0].endswith(";taal")
    assert lines[1].endswith(";English")
