"""The sanction ladders, defined once: which measures exist for whom, and which step the portal
proposes for a person from their earlier measures, the incident's severity and a pupil's age.

The shape (which steps, in which order) is the law's and the protocol's and lives here, in
`LADDERS`; how quickly a person climbs it is the school's choice and lives in the setting
`INCIDENTS_LADDER` (julianaschool/settings.py), which directie reads back in every proposal's
explanation. A primary school climbs slowly: a schorsing only after repeated warnings, a
verwijdering only after repeated schorsingen, never for a young child on the portal's say-so.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Measure, MeasureKind, Severity


class Ladder(models.TextChoices):
    PUPIL = "pupil", "pupil"
    GUARDIAN = "guardian", "guardian"
    STAFF = "staff", "staff"


# Every ladder's steps, lowest first. Verwijdering is of a pupil; a parent's ladder ends at schorsing
# (a ban from the premises). The staff ladder's proposals stop at ontslag: ontslag op staande voet
# needs an urgent cause (BW art. 7:677/678) that no count of earlier measures can supply, so directie
# chooses it with a recorded reason.
LADDERS: dict[str, list[str]] = {
    Ladder.PUPIL: [MeasureKind.WARNING, MeasureKind.SUSPENSION, MeasureKind.EXPULSION],
    Ladder.GUARDIAN: [MeasureKind.WARNING, MeasureKind.SUSPENSION],
    Ladder.STAFF: [MeasureKind.WARNING, MeasureKind.WRITTEN_REPRIMAND, MeasureKind.SUSPENSION,
                   MeasureKind.DISMISSAL, MeasureKind.SUMMARY_DISMISSAL],
}
NEVER_PROPOSED = {MeasureKind.SUMMARY_DISMISSAL}
# Outside every ladder: open to any person involved, never counted as a step.
SEPARATE = [MeasureKind.POLICE_REPORT, MeasureKind.INSPECTOR_REPORT]
# Floors no setting lowers: a verwijdering is never proposed after a single schorsing.
MIN_NEEDS = {MeasureKind.EXPULSION: 2}
ALL_STEPS = sorted({kind for steps in LADDERS.values() for kind in steps})



def config() -> dict:
    """The school's ladder settings (INCIDENTS_LADDER in julianaschool/settings.py)."""
    return settings.INCIDENTS_LADDER


def period_months() -> int:
    """How far back earlier measures count (INCIDENTS_LADDER['months'])."""
    return int(config()["months"])


def ladder_of(party) -> str | None:
    """Which ladder a person involved is on; None for someone from outside school (no ladder)."""
    if party.staff_id:
        return Ladder.STAFF
    if party.guardian_id:
        return Ladder.GUARDIAN
    if party.pupil_id:
        return Ladder.PUPIL
    return None


def steps_for(party) -> list[str]:
    """The ladder measures directie may choose for this person (empty: only the separate ones)."""
    ladder = ladder_of(party)
    return list(LADDERS[ladder]) if ladder else []


def choices_for(party) -> list[str]:
    """Every measure directie may choose for this person: their ladder, then aangifte and melding."""
    return steps_for(party) + SEPARATE


def _months_back(today: datetime.date, months: int) -> datetime.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    month += 1
    day = min(today.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return datetime.date(year, month, day)


def age_on(born: datetime.date, on: datetime.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass
class Proposal:
    """The proposed step and, in plain words, why: directie reads the rule it followed."""

    step: str
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return MeasureKind(self.step).label

    def __str__(self):
        return self.step


def _plural(kind: str) -> str:
    return {
        MeasureKind.WARNING: _("waarschuwingen"),
        MeasureKind.WRITTEN_REPRIMAND: _("schriftelijke berispingen"),
        MeasureKind.SUSPENSION: _("schorsingen"),
    }.get(kind, MeasureKind(kind).label)


def _joined(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) < 2:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _times(count: int, kind: str) -> str:
    """'2 waarschuwingen', '1 schorsing'."""
    return f"{count} {MeasureKind(kind).label if count == 1 else _plural(kind)}"


def propose(*, ladder: str, earlier_kinds, severity: str = "", age: int | None = None,
            cfg: dict | None = None) -> Proposal:
    """The step to propose on `ladder` after `earlier_kinds` (the person's decided ladder measures
    within the period), with the reasons. The proposal never goes below the highest step already
    reached, and climbs one step only when the person has had as many measures of the step below
    as the school's setting asks (one fewer for a serious incident; a light incident stays at the
    first step)."""
    cfg = cfg or config()
    steps = [step for step in LADDERS[ladder] if step not in NEVER_PROPOSED]
    counts = Counter(kind for kind in earlier_kinds if kind in steps)
    months = int(cfg["months"])
    young = ladder == Ladder.PUPIL and age is not None and age < int(cfg["young_age"])
    needs = cfg["needs"].get("young_pupil" if young else ladder, {})
    reasons = []
    if counts:
        earlier = [_("%(count)s eerdere %(kind)s") % {
            "count": counts[kind], "kind": MeasureKind(kind).label if counts[kind] == 1 else _plural(kind)}
            for kind in steps if counts[kind]]
        reasons.append(_("%(list)s in de afgelopen %(months)s maanden.") % {
            "list": _joined(earlier), "months": months})
    else:
        reasons.append(_("Geen eerdere maatregelen in de afgelopen %(months)s maanden.") % {"months": months})
    highest = max((steps.index(kind) for kind in counts), default=0)
    proposed = highest
    if severity == Severity.MINOR and cfg["light_does_not_climb"]:
        reasons.append(_("Bij een licht incident stelt het portaal geen zwaardere stap voor dan de vorige."))
    else:
        for index in range(highest + 1, len(steps)):
            step, below = steps[index], steps[index - 1]
            need = needs.get(step, 1)
            if need is None:
                reasons.append(_("%(step)s wordt voor een leerling jonger dan %(age)s jaar nooit voorgesteld.")
                               % {"step": MeasureKind(step).label.capitalize(), "age": cfg["young_age"]})
                break
            need = max(int(need), MIN_NEEDS.get(step, 1))
            if severity == Severity.SERIOUS and step in cfg["serious_needs_one_less"] and need > MIN_NEEDS.get(step, 1):
                need -= 1
                reasons.append(_("Het incident is ernstig: één %(kind)s minder nodig.") % {"kind": MeasureKind(below).label})
            if counts[below] >= need:
                proposed = index
                reasons.append(_("%(step)s volgt na %(times)s.") % {
                    "step": MeasureKind(step).label.capitalize(), "times": _times(need, below)})
            else:
                if young:
                    reasons.append(_("Een leerling jonger dan %(age)s jaar krijgt een %(step)s pas na %(times)s.") % {
                        "age": cfg["young_age"], "step": MeasureKind(step).label, "times": _times(need, below)})
                else:
                    reasons.append(_("Een %(step)s volgt pas na %(times)s.") % {
                        "step": MeasureKind(step).label, "times": _times(need, below)})
            break
    return Proposal(step=steps[proposed], reasons=reasons)


def _context(party) -> tuple[str, int | None]:
    incident = party.incident
    age = None
    if party.pupil_id and party.pupil.date_of_birth:
        age = age_on(party.pupil.date_of_birth, timezone.localdate(incident.occurred_at))
    return incident.severity, age


def earlier_measures(party, *, today: datetime.date | None = None, exclude=None):
    """Decided ladder measures of the party's person within the period, oldest first."""
    today = today or timezone.localdate()
    ladder = ladder_of(party)
    if ladder is None:
        return Measure.objects.none()
    measures = Measure.objects.decided().of_person(pupil=party.pupil, guardian=party.guardian, staff=party.staff)
    measures = measures.filter(kind__in=LADDERS[ladder], decided_on__gte=_months_back(today, period_months()))
    if exclude is not None:
        measures = measures.exclude(pk=exclude.pk)
    return measures.order_by("decided_on", "id")


def proposal_for(party, *, today: datetime.date | None = None, exclude=None) -> Proposal | None:
    """The proposal, with its reasons, for one person involved; None for someone from outside school."""
    ladder = ladder_of(party)
    if ladder is None:
        return None
    severity, age = _context(party)
    kinds = earlier_measures(party, today=today, exclude=exclude).values_list("kind", flat=True)
    return propose(ladder=ladder, earlier_kinds=list(kinds), severity=severity, age=age)


def proposed_step(party, *, today: datetime.date | None = None, exclude=None) -> str | None:
    """The step proposal_for proposes (its code), or None."""
    proposal = proposal_for(party, today=today, exclude=exclude)
    return proposal.step if proposal else None


def proposals(parties, *, today: datetime.date | None = None) -> dict[int, Proposal | None]:
    """proposal_for several parties in one query (for a page that lists them)."""
    today = today or timezone.localdate()
    parties = list(parties)
    rows = Measure.objects.decided().filter(
        kind__in=ALL_STEPS, decided_on__gte=_months_back(today, period_months()),
    ).filter(
        models.Q(party__pupil_id__in=[p.pupil_id for p in parties if p.pupil_id])
        | models.Q(party__guardian_id__in=[p.guardian_id for p in parties if p.guardian_id])
        | models.Q(party__staff_id__in=[p.staff_id for p in parties if p.staff_id])
    ).values_list("party__pupil_id", "party__guardian_id", "party__staff_id", "kind")
    by_person: dict[tuple, list[str]] = {}
    for pupil_id, guardian_id, staff_id, kind in rows:
        by_person.setdefault((pupil_id, guardian_id, staff_id), []).append(kind)
    cfg = config()
    result = {}
    for party in parties:
        ladder = ladder_of(party)
        if ladder is None:
            result[party.pk] = None
            continue
        severity, age = _context(party)
        kinds = [k for k in by_person.get((party.pupil_id, party.guardian_id, party.staff_id), []) if k in LADDERS[ladder]]
        result[party.pk] = propose(ladder=ladder, earlier_kinds=kinds, severity=severity, age=age, cfg=cfg)
    return result
