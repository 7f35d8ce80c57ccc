"""The ledger: append-only in the database itself, and what the current state is."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction

from consent import services
from consent.models import ConsentRecord
from julianaschool import services as people
from tests.consent.helpers import answer_as, current


def _one_record(world, purposes):
    return answer_as(world.ouder5, world.pupil5, website=True)[0]


def test_database_refuses_an_update_of_a_ledger_record(world, purposes):
    record = _one_record(world, purposes)
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).update(given=False)
    record.refresh_from_db()
    assert record.given is True


def test_database_refuses_a_delete_of_a_ledger_record(world, purposes):
    record = _one_record(world, purposes)
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def test_database_refuses_raw_sql_that_rewrites_the_ledger(world, purposes):
    _one_record(world, purposes)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE consent_consentrecord SET given = %s", [False])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM consent_consentrecord")
    assert ConsentRecord.objects.filter(given=True).count() == 1


def test_no_answer_counts_as_no(world, purposes):
    answer = current(world.pupil5, purposes["website"])
    assert answer.given is False
    assert answer.answered is False


def test_give_withdraw_and_give_again_leaves_three_records_and_the_last_counts(world, purposes):
    website = purposes["website"]
    answer_as(world.ouder5, world.pupil5, website=True)
    assert current(world.pupil5, website).given is True
    answer_as(world.ouder5, world.pupil5, website=False)
    assert current(world.pupil5, website).given is False
    answer_as(world.ouder5, world.pupil5, website=True)
    assert current(world.pupil5, website).given is True
    assert list(ConsentRecord.objects.filter(pupil=world.pupil5, purpose=website).values_list("given", flat=True)) == [
        True, False, True]


def test_a_record_holds_the_version_and_the_hash_of_the_text_shown(world, purposes):
    record = _one_record(world, purposes)
    version = purposes["website"].current_version
    assert record.purpose_version == version
    assert record.text_sha256 == version.hash_text(version.shown_text)
    assert "Iedereen kan de website bekijken" in version.shown_text
    assert record.decided_by == world.ouder5
    assert record.guardian == world.guardian5
    assert record.method == "web"


def test_saving_the_same_answer_again_adds_no_record(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    assert answer_as(world.ouder5, world.pupil5, website=True) == []
    assert ConsentRecord.objects.count() == 1


def test_a_leaving_pupils_consent_ends_in_the_ledger_and_earlier_records_stay(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    people.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date.today(), actor=world.administratie)
    ended = ConsentRecord.objects.filter(pupil=world.pupil5, ended=True)
    assert ended.count() == len(purposes)
    assert not ended.filter(given=True).exists()
    assert ConsentRecord.objects.filter(pupil=world.pupil5, ended=False).count() == 2
    assert current(world.pupil5, purposes["website"]).given is False
    assert current(world.pupil5, purposes["website"]).ended is True


def test_a_guardian_cannot_answer_for_a_pupil_who_left(world, purposes):
    people.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date.today(), actor=world.administratie)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        answer_as(world.ouder5, world.pupil5, website=True)


def test_a_guardian_cannot_answer_for_another_familys_child(world, purposes):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil7,
                                         choices={purposes["website"].pk: True}, actor=world.ouder5)
    assert not ConsentRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_only_a_flush_of_the_whole_database_empties_the_ledger(world, purposes):
    """As between transactional (e.g. browser) tests: a ledger with records must not block it."""
    from django.core.management import call_command

    _one_record(world, purposes)
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.all().delete()
    call_command("flush", interactive=False, verbosity=0)
    assert not ConsentRecord.objects.exists()
