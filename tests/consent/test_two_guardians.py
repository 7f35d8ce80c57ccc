"""Two guardians, each with their own account: the configured rule, disagreement, same moment."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from consent import services
from consent.models import ConsentRecord
from tests.consent.helpers import answer_as, current


def test_a_no_by_either_guardian_is_a_no_by_default(world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    answer = current(world.pupil5, purposes["website"])
    assert answer.given is False
    assert answer.disagreement is True


def test_a_no_stays_a_no_under_the_default_rule_whoever_answers_last(world, purposes, second_parent5):
    answer_as(second_parent5, world.pupil5, website=False)
    answer_as(world.ouder5, world.pupil5, website=True)
    assert current(world.pupil5, purposes["website"]).given is False


def test_one_guardians_yes_counts_when_the_other_did_not_answer(world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, website=True)
    assert current(world.pupil5, purposes["website"]).given is True


def test_the_latest_answer_counts_when_the_school_chose_that_rule(world, purposes, second_parent5, settings):
    settings.CONSENT_GUARDIAN_RULE = "latest"
    answer_as(second_parent5, world.pupil5, website=False)
    answer_as(world.ouder5, world.pupil5, website=True)
    assert current(world.pupil5, purposes["website"]).given is True
    answer_as(second_parent5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    assert current(world.pupil5, purposes["website"]).given is False


def test_both_guardians_see_the_disagreement_on_their_form(client_for, world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    for user in (world.ouder5, second_parent5):
        html = client_for(user).get(reverse("consent:child", args=[world.pupil5.pk])).content.decode()
        assert "De andere ouder/verzorger heeft iets anders gekozen." in html
        assert "Dan geldt nee." in html


def test_administratie_sees_the_disagreement_in_a_list(client_for, world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, parro=True)
    answer_as(second_parent5, world.pupil5, parro=False)
    html = client_for(world.administratie).get(reverse("consent:disagreements")).content.decode()
    assert world.pupil5.full_name in html
    assert "Parro (besloten groepsomgeving)" in html
    assert "Pieter de Vries: nee" in html


def test_two_guardians_saving_at_the_same_moment_both_records_are_kept(world, purposes, second_parent5, monkeypatch):
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    records = ConsentRecord.objects.filter(pupil=world.pupil5, purpose=purposes["website"])
    assert records.count() == 2
    assert set(records.values_list("recorded_at", flat=True)) == {moment}
    assert current(world.pupil5, purposes["website"]).given is False


@pytest.mark.django_db(transaction=True)
def test_two_guardians_saving_in_parallel_threads_both_records_are_kept(world, purposes, second_parent5):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the parallel case is the PostgreSQL one")
    barrier = threading.Barrier(2)
    errors = []

    def save(user, given):
        try:
            barrier.wait(timeout=10)
            answer_as(user, world.pupil5, website=given)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(world.ouder5, True)),
               threading.Thread(target=save, args=(second_parent5, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ConsentRecord.objects.filter(pupil=world.pupil5).count() == 2
    assert current(world.pupil5, purposes["website"]).given is False


def test_paper_form_for_the_family_and_a_guardians_web_answer_are_both_voices(world, purposes):
    from tests.consent.helpers import pdf_upload

    services.record_office_entry(pupil=world.pupil5, choices={purposes["website"].pk: True}, actor=world.administratie,
                                 scan=pdf_upload())
    assert current(world.pupil5, purposes["website"]).given is True
    answer_as(world.ouder5, world.pupil5, website=False)
    assert current(world.pupil5, purposes["website"]).given is False
