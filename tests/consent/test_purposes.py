"""Purposes managed by directie: versions, asking again after a substantive change, retiring."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from consent import services
from consent.models import Purpose
from tests.consent.helpers import answer_as, current


def _edit(client, purpose, **changes):
    version = purpose.current_version
    data = {"name": purpose.name, "explanation": version.explanation, "position": purpose.position,
            "name_en": purpose.name_en, "explanation_en": version.explanation_en,
            "staff_explanation": version.staff_explanation, "staff_explanation_en": version.staff_explanation_en,
            "covers_photo": "on" if purpose.covers_photo else "", "covers_film": "on" if purpose.covers_film else "",
            "covers_sound": "on" if purpose.covers_sound else "", "is_public": "on" if purpose.is_public else ""}
    data.update(changes)
    return client.post(reverse("consent:purpose_edit", args=[purpose.pk]), {k: v for k, v in data.items() if v != ""})


def test_seeded_purposes_are_the_channels_of_the_protocol(purposes):
    assert set(purposes) == {"parro", "website", "sociale-media", "nieuwsbrief", "schoolgids", "geluid"}
    assert purposes["parro"].is_public is False
    assert purposes["website"].is_public is True
    assert purposes["geluid"].media == "geluid"
    assert "alleen ouders van die groep" in purposes["parro"].current_version.explanation


def test_a_substantive_change_asks_everybody_again(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    response = _edit(client_for(world.directie), purposes["website"],
                     explanation="Op de website en in advertenties van de school.", substantive="on")
    assert response.status_code == 302
    website = Purpose.objects.get(slug="website")
    assert website.current_version.number == 2
    answer = current(world.pupil5, website)
    assert answer.answered is False and answer.given is False
    html = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert "in advertenties" in html


def test_a_language_fix_keeps_the_answers_but_records_the_new_words(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    old = purposes["website"].current_version.explanation
    _edit(client_for(world.directie), purposes["website"], explanation=old.replace("www.", "https://www."))
    website = Purpose.objects.get(slug="website")
    assert website.current_version.number == 2
    assert current(world.pupil5, website).given is True


def test_making_a_channel_public_is_always_substantive(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    _edit(client_for(world.directie), purposes["parro"], is_public="on")
    assert current(world.pupil5, Purpose.objects.get(slug="parro")).answered is False


def test_a_retired_purpose_keeps_its_records_and_is_no_longer_asked(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, nieuwsbrief=True)
    client_for(world.directie).post(reverse("consent:purpose_retire", args=[purposes["nieuwsbrief"].pk]))
    assert Purpose.objects.get(slug="nieuwsbrief").is_retired
    assert purposes["nieuwsbrief"].records.count() == 1
    html = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert "(Digitale) nieuwsbrief" not in html


def test_a_purpose_with_records_cannot_be_deleted(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    with pytest.raises(ProtectedError):
        Purpose.objects.get(slug="website").delete()


def test_directie_adds_a_purpose_that_parents_are_then_asked(client_for, world, purposes):
    client_for(world.directie).post(reverse("consent:purpose_create"), {
        "name": "Jaarboek groep 8", "slug": "jaarboek", "explanation": "Een boekje voor de kinderen van groep 8.",
        "name_en": "Year book group 8", "explanation_en": "A booklet for the children of group 8.",
        "covers_photo": "on", "position": 70})
    html = client_for(world.ouder5).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
    assert "Jaarboek groep 8" in html


def test_a_teacher_cannot_manage_purposes(client_for, world, purposes):
    assert client_for(world.leerkracht5).post(reverse("consent:purpose_retire", args=[purposes["website"].pk])).status_code == 403
    assert not Purpose.objects.get(slug="website").is_retired


def test_services_refuse_to_change_a_retired_purpose(world, purposes):
    from django.core.exceptions import ValidationError

    services.retire_purpose(purpose=purposes["geluid"], actor=world.directie)
    with pytest.raises(ValidationError):
        services.update_purpose(purpose=purposes["geluid"], name="x", explanation="y", covers_photo=False,
                                covers_film=False, covers_sound=True, is_public=True, position=1, substantive=False,
                                actor=world.directie)
