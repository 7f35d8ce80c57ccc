"""Writing the current-consent projection (`CurrentAnswer`) beside the ledger.

`append` is the one way new ledger records are made: it inserts them and brings the projection
up to date in the same transaction, so a reader never sees one without the other. `forget` drops
a person's rows when retention purges their records.
"""

from django.db import transaction

from julianaschool.models import Pupil, StaffMember

from ..models import ConsentRecord, PurposeVersion
from .models import CurrentAnswer


def voice_key(*, pupil_id, staff_id, guardian_id, purpose_id, version: int, ended: bool) -> tuple:
    """What one projection row stands for: a voice on one version of one purpose."""
    return (pupil_id, staff_id, guardian_id, purpose_id, version, ended)


def _version_numbers(records: list[ConsentRecord]) -> dict[int, int]:
    missing = {r.purpose_version_id for r in records if not ConsentRecord.purpose_version.is_cached(r)}
    numbers = {r.purpose_version_id: r.purpose_version.number for r in records
               if ConsentRecord.purpose_version.is_cached(r)}
    if missing:
        numbers.update(PurposeVersion.objects.filter(pk__in=missing).values_list("pk", "number"))
    return numbers


def _lock_people(records: list[ConsentRecord]) -> None:
    # Writers of the same person's records queue here, so that two saves at once cannot both
    # read the old row and the older one win (a no-op on SQLite, which writes one at a time).
    pupils = sorted({r.pupil_id for r in records if r.pupil_id is not None})
    staff = sorted({r.staff_id for r in records if r.staff_id is not None})
    if pupils:
        list(Pupil.objects.select_for_update(of=("self",)).filter(pk__in=pupils).order_by("pk").values_list("pk"))
    if staff:
        list(StaffMember.objects.select_for_update(of=("self",)).filter(pk__in=staff).order_by("pk")
             .values_list("pk"))


def _project(records: list[ConsentRecord]) -> None:
    """Fold new records into the projection: per voice and version the latest record wins, by
    (recorded_at, id), as the ledger orders them (a record may arrive with an older time)."""
    if not records:
        return
    _lock_people(records)
    numbers = _version_numbers(records)
    pupils = {r.pupil_id for r in records if r.pupil_id is not None}
    staff = {r.staff_id for r in records if r.staff_id is not None}
    purposes = {r.purpose_id for r in records}
    rows: dict[tuple, CurrentAnswer] = {}
    for people, field in ((pupils, "pupil_id"), (staff, "staff_id")):
        if people:
            for row in CurrentAnswer.objects.filter(**{f"{field}__in": people}, purpose_id__in=purposes):
                rows[voice_key(pupil_id=row.pupil_id, staff_id=row.staff_id, guardian_id=row.guardian_id,
                               purpose_id=row.purpose_id, version=row.version, ended=row.ended)] = row
    new, changed = {}, {}
    for record in records:
        key = voice_key(pupil_id=record.pupil_id, staff_id=record.staff_id, guardian_id=record.guardian_id,
                        purpose_id=record.purpose_id, version=numbers[record.purpose_version_id], ended=record.ended)
        row = rows.get(key)
        if row is None:
            row = rows[key] = new[key] = CurrentAnswer(
                pupil_id=record.pupil_id, staff_id=record.staff_id, guardian_id=record.guardian_id,
                purpose_id=record.purpose_id, version=key[4], ended=record.ended, record_id=record.pk,
                given=record.given, recorded_at=record.recorded_at)
        elif (record.recorded_at, record.pk) > (row.recorded_at, row.record_id):
            row.record_id, row.given, row.recorded_at = record.pk, record.given, record.recorded_at
            if key not in new:
                changed[key] = row
    CurrentAnswer.objects.bulk_create(new.values(), batch_size=500)
    CurrentAnswer.objects.bulk_update(changed.values(), ["record", "given", "recorded_at"], batch_size=500)


@transaction.atomic
def append(records: list[ConsentRecord]) -> list[ConsentRecord]:
    """Insert these new ledger records and update the projection, in one transaction: what
    `consent.state` reads afterwards is what folding the whole ledger would give. Returns the
    saved records (with their ids)."""
    records = ConsentRecord.objects.bulk_create(records, batch_size=500)
    _project(records)
    return records


def forget(*, pupil=None, staff=None) -> int:
    """Drop the projection rows of one person (retention purges all their ledger records)."""
    whose = {"pupil": pupil} if pupil is not None else {"staff": staff}
    deleted, _by_model = CurrentAnswer.objects.filter(**whose).delete()
    return deleted
