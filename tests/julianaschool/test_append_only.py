"""The append-only tables (consent ledger, incident timeline) refuse UPDATE and DELETE in the
database itself; only a deliberate purge (`purging()`, used by flush and retention) may delete."""

import pytest
from django.db import DatabaseError, transaction

from consent import services as consent_services
from consent.models import ConsentRecord, Purpose
from julianaschool.append_only import purging


@pytest.fixture
def record(world):
    purpose = Purpose.objects.get(slug="website")
    consent_services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil5,
                                             choices={purpose.pk: True}, actor=world.ouder5)
    return ConsentRecord.objects.get(pupil=world.pupil5, purpose=purpose)


def test_a_ledger_record_cannot_be_deleted_outside_a_purge(record):
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert ConsentRecord.objects.filter(pk=record.pk).exists()


def test_a_ledger_record_cannot_be_changed_even_in_a_purge(record):
    with pytest.raises(DatabaseError), purging():
        ConsentRecord.objects.filter(pk=record.pk).update(given=False)
    record.refresh_from_db()
    assert record.given is True


def test_a_purge_may_delete_and_the_door_closes_after_it(record, world):
    with purging():
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert not ConsentRecord.objects.filter(pk=record.pk).exists()
    again = consent_services.record_guardian_choices(
        guardian=world.guardian5, pupil=world.pupil5, choices={record.purpose_id: False}, actor=world.ouder5)
    assert again
    with pytest.raises(DatabaseError), transaction.atomic():
        ConsentRecord.objects.all().delete()
