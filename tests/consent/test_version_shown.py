"""An answer is recorded against the words that were shown; an answer to words that changed in
substance since the form was opened is refused and the form shown again (issue 11, item 1)."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from consent import services
from consent.models import ConsentRecord, Purpose
from tests.consent.helpers import pdf_upload, seen


def _change_in_substance(world, purpose: Purpose) -> Purpose:
    """Directie makes the channel public, with sound and a new explanation: version 2, asked again."""
    return services.update_purpose(purpose=purpose, name=purpose.name, explanation="Nu openbaar, met geluid.",
                                   covers_photo=True, covers_film=True, covers_sound=True, is_public=True,
                                   position=purpose.position, substantive=True, actor=world.directie)


def _correct_spelling(world, purpose: Purpose) -> Purpose:
    return services.update_purpose(purpose=purpose, name=purpose.name,
                                   explanation=purpose.current_version.explanation + " (spelling)",
                                   covers_photo=purpose.covers_photo, covers_film=purpose.covers_film,
                                   covers_sound=purpose.covers_sound, is_public=purpose.is_public,
                                   position=purpose.position, substantive=False, actor=world.directie)


def test_a_parents_answer_on_a_text_changed_in_substance_since_is_refused_and_the_new_text_shown(
        client_for, world, purposes):
    parro = purposes["parro"]
    client = client_for(world.ouder5)
    url = reverse("consent:child", args=[world.pupil5.pk])
    opened = seen({f"doel_{parro.pk}": "ja"})  # the form as rendered with version 1
    _change_in_substance(world, parro)
    response = client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert "is veranderd nadat dit formulier werd geopend" in page
    assert "Nu openbaar, met geluid." in page
    assert f'name="versie_{parro.pk}" value="2"' in page
    assert not ConsentRecord.objects.filter(pupil=world.pupil5).exists()
    assert mail.outbox == []
    # Answered again on the page as now shown, the answer counts for version 2.
    response = client.post(url, seen({f"doel_{parro.pk}": "ja"}))
    assert response.status_code == 302
    record = ConsentRecord.objects.get(pupil=world.pupil5)
    assert record.purpose_version.number == 2


def test_a_post_without_the_version_shown_is_refused(client_for, world, purposes):
    response = client_for(world.ouder5).post(reverse("consent:child", args=[world.pupil5.pk]),
                                             {f"doel_{purposes['parro'].pk}": "ja"})
    assert response.status_code == 200
    assert not ConsentRecord.objects.exists()


def test_an_answer_on_a_text_with_only_a_spelling_correction_since_is_recorded_against_the_words_read(
        client_for, world, purposes):
    parro = purposes["parro"]
    opened = seen({f"doel_{parro.pk}": "nee"})
    read = parro.current_version
    _correct_spelling(world, parro)
    response = client_for(world.ouder5).post(reverse("consent:child", args=[world.pupil5.pk]), opened)
    assert response.status_code == 302
    record = ConsentRecord.objects.get(pupil=world.pupil5)
    assert record.purpose_version == read and record.text_sha256 == read.text_sha256


def test_a_staff_members_answer_on_a_changed_text_is_refused(client_for, world, purposes):
    website = purposes["website"]
    opened = seen({f"doel_{website.pk}": "ja"})
    _change_in_substance(world, website)
    response = client_for(world.leerkracht5).post(reverse("consent:staff"), opened)
    assert response.status_code == 200
    assert "is veranderd nadat dit formulier werd geopend" in response.content.decode()
    assert not ConsentRecord.objects.filter(staff__isnull=False).exists()


def test_an_office_entry_on_a_changed_text_is_refused(client_for, world, purposes):
    website = purposes["website"]
    opened = seen({"method": "papier", f"doel_{website.pk}": "ja"})
    _change_in_substance(world, website)
    response = client_for(world.administratie).post(reverse("consent:office_entry", args=[world.pupil5.pk]),
                                                    {**opened, "scan": pdf_upload()})
    assert response.status_code == 200
    assert "is veranderd nadat dit formulier werd geopend" in response.content.decode()
    assert not ConsentRecord.objects.filter(pupil=world.pupil5).exists()


def test_the_service_refuses_a_stale_version_even_when_the_form_passed(world, purposes):
    """Directie's change may land between the form's check and the save: the service checks again."""
    parro = purposes["parro"]
    _change_in_substance(world, parro)
    with pytest.raises(ValidationError) as refused:
        services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil5, choices={parro.pk: True},
                                         actor=world.ouder5, shown={parro.pk: 1})
    assert refused.value.code == "stale"
    assert not ConsentRecord.objects.exists()
