"""Writing the current-consent projection (`CurrentAnswer`) beside the ledger.

`append` is the one way new ledger records are made: it inserts them and brings the projection
up to date in the same transaction, so a reader never sees one without the other. Which rows
stay is `fold.py`'s rule. `forget` drops
a person's rows when retention purges their records.
"""

from django.db import transaction

from julianaschool.models import Pupil, StaffMember

from ..models import ConsentRecord, PurposeVersion
from .fold import Candidate, fold
from .models import CurrentAnswer


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


def _candidate(row: CurrentAnswer) -> Candidate:
    return Candidate(record_id=row.record_id, pupil_id=row.pupil_id, staff_id=row.staff_id,
                     guardian_id=row.guardian_id, purpose_id=row.purpose_id, version=row.version, ended=row.ended,
                     given=row.given, recorded_at=row.recorded_at, later_version=row.later_version)


def _project(records: list[ConsentRecord]) -> None:
    """Fold new records into the projection: the rows of each person and purpose they touch
    become what `fold.fold` leaves of those rows and the new records (see fold.py)."""
    if not records:
        return
    _lock_people(records)
    numbers = _version_numbers(records)
    pairs = {(r.pupil_id, r.staff_id, r.purpose_id) for r in records}
    existing: dict[tuple, CurrentAnswer] = {}
    for field, index in (("pupil_id", 0), ("staff_id", 1)):
        people = {pair[index] for pair in pairs if pair[index] is not None}
        if people:
            for row in CurrentAnswer.objects.filter(**{f"{field}__in": people},
                                                    purpose_id__in={pair[2] for pair in pairs}):
                if (row.pupil_id, row.staff_id, row.purpose_id) in pairs:
                    existing[_candidate(row).key] = row
    candidates = [_candidate(row) for row in existing.values()] + [
        Candidate(record_id=r.pk, pupil_id=r.pupil_id, staff_id=r.staff_id, guardian_id=r.guardian_id,
                  purpose_id=r.purpose_id, version=numbers[r.purpose_version_id], ended=r.ended, given=r.given,
                  recorded_at=r.recorded_at) for r in records]
    kept = {candidate.key: candidate for candidate in fold(candidates)}
    new, changed = [], []
    for key, candidate in kept.items():
        row = existing.get(key)
        if row is None:
            new.append(CurrentAnswer(
                pupil_id=candidate.pupil_id, staff_id=candidate.staff_id, guardian_id=candidate.guardian_id,
                purpose_id=candidate.purpose_id, version=candidate.version, ended=candidate.ended,
                record_id=candidate.record_id, given=candidate.given, recorded_at=candidate.recorded_at,
                later_version=candidate.later_version))
        elif (row.record_id, row.later_version) != (candidate.record_id, candidate.later_version):
            row.record_id, row.given, row.recorded_at = candidate.record_id, candidate.given, candidate.recorded_at
            row.later_version = candidate.later_version
            changed.append(row)
    gone = [row.pk for key, row in existing.items() if key not in kept]
    if gone:
        CurrentAnswer.objects.filter(pk__in=gone).delete()
    # Updates before inserts: a row that moves to a newer record frees the old record's row.
    CurrentAnswer.objects.bulk_update(changed, ["record", "given", "recorded_at", "later_version"], batch_size=500)
    CurrentAnswer.objects.bulk_create(new, batch_size=500)


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
