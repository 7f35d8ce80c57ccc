"""The sanction ladders: which step the portal proposes for a person, from their earlier measures."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from .models import PUPIL_LADDER, STAFF_LADDER, Measure, MeasureKind


def period_months() -> int:
    """How far back earlier measures count (setting INCIDENTS_LADDER_MONTHS, default 12)."""
    return settings.INCIDENTS_LADDER_MONTHS


def _months_back(today: datetime.date, months: int) -> datetime.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = min(today.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return datetime.date(year, month, day)


def earlier_measures(party, *, today: datetime.date | None = None, exclude=None):
    """Decided ladder measures of the party's person within the period, oldest first."""
    today = today or timezone.localdate()
    ladder = STAFF_LADDER if party.staff_id else PUPIL_LADDER
    measures = Measure.objects.decided().of_person(pupil=party.pupil, guardian=party.guardian, staff=party.staff)
    measures = measures.filter(kind__in=ladder, decided_on__gte=_months_back(today, period_months()))
    if exclude is not None:
        measures = measures.exclude(pk=exclude.pk)
    return measures.order_by("decided_on", "id")


def _ladder_and_top(party) -> tuple[list[str], int] | None:
    if party.pupil_id is None and party.guardian_id is None and party.staff_id is None:
        return None
    if party.staff_id:
        # The staff ladder's proposals stop at ontslag: ontslag op staande voet needs an urgent
        # cause (BW art. 7:677/678) that no count of earlier measures can supply, so directie
        # chooses it with a recorded reason.
        return STAFF_LADDER, STAFF_LADDER.index(MeasureKind.ONTSLAG)
    if party.guardian_id:
        # Verwijdering is of a pupil; a parent's ladder ends at schorsing (a ban from the premises).
        return PUPIL_LADDER, PUPIL_LADDER.index(MeasureKind.SCHORSING)
    return PUPIL_LADDER, len(PUPIL_LADDER) - 1


def _next(ladder: list[str], top: int, earlier_kinds) -> str:
    reached = [ladder.index(kind) for kind in earlier_kinds if kind in ladder]
    if not reached:
        return ladder[0]
    return ladder[min(max(reached) + 1, top)]


def proposed_step(party, *, today: datetime.date | None = None, exclude=None) -> str | None:
    """The next step after the highest step this person reached within the period; None for
    someone from outside school (no ladder)."""
    shape = _ladder_and_top(party)
    if shape is None:
        return None
    kinds = earlier_measures(party, today=today, exclude=exclude).values_list("kind", flat=True)
    return _next(*shape, kinds)


def proposals(parties, *, today: datetime.date | None = None) -> dict[int, str | None]:
    """proposed_step for several parties in one query (for a page that lists them)."""
    today = today or timezone.localdate()
    parties = list(parties)
    rows = Measure.objects.decided().filter(
        kind__in=set(STAFF_LADDER + PUPIL_LADDER), decided_on__gte=_months_back(today, period_months()),
    ).filter(
        models.Q(party__pupil_id__in=[p.pupil_id for p in parties if p.pupil_id])
        | models.Q(party__guardian_id__in=[p.guardian_id for p in parties if p.guardian_id])
        | models.Q(party__staff_id__in=[p.staff_id for p in parties if p.staff_id])
    ).values_list("party__pupil_id", "party__guardian_id", "party__staff_id", "kind")
    by_person: dict[tuple, list[str]] = {}
    for pupil_id, guardian_id, staff_id, kind in rows:
        by_person.setdefault((pupil_id, guardian_id, staff_id), []).append(kind)
    result = {}
    for party in parties:
        shape = _ladder_and_top(party)
        key = (party.pupil_id, party.guardian_id, party.staff_id)
        result[party.pk] = None if shape is None else _next(*shape, by_person.get(key, []))
    return result
