"""The sanction ladders: which step the portal proposes for a person, from their earlier measures."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import PUPIL_LADDER, STAFF_LADDER, Measure, MeasureKind


def period_months() -> int:
    """How far back earlier measures count (setting INCIDENTS_LADDER_MONTHS, default 12)."""
    return getattr(settings, "INCIDENTS_LADDER_MONTHS", 12)


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


def proposed_step(party, *, today: datetime.date | None = None, exclude=None) -> str | None:
    """The next step after the highest step this person reached within the period.

    None for someone from outside school (no ladder). The staff ladder's proposals stop at
    ontslag: ontslag op staande voet needs an urgent cause (BW art. 7:677/678) that no count of
    earlier measures can supply, so directie chooses it with a recorded reason.
    """
    if party.pupil_id is None and party.guardian_id is None and party.staff_id is None:
        return None
    ladder = STAFF_LADDER if party.staff_id else PUPIL_LADDER
    top = ladder.index(MeasureKind.ONTSLAG) if party.staff_id else len(ladder) - 1
    if party.guardian_id:
        # Verwijdering is of a pupil; a parent's ladder ends at schorsing (a ban from the premises).
        top = ladder.index(MeasureKind.SCHORSING)
    reached = [ladder.index(m.kind) for m in earlier_measures(party, today=today, exclude=exclude)]
    if not reached:
        return ladder[0]
    return ladder[min(max(reached) + 1, top)]
