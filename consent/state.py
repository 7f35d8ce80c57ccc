"""What consent *is* now, computed from the append-only ledger (through its current-consent
projection, `CurrentAnswer`: the latest record of each voice, kept in step with the ledger).

The current state of a person and a purpose comes from the latest record of each "voice" (each
guardian; the office entering a form for the family; a staff member about themselves). Answers
to a purpose version older than the purpose's `asked_from` no longer count: the text changed in
substance, so the question is open again. No answer counts as no.

With two guardians the rule is `settings.CONSENT_GUARDIAN_RULE`:
- "most_restrictive" (default): a no by either guardian is a no;
- "latest": the most recent answer by anyone counts.

One query per call, whatever the number of people: pages and the API build on these functions.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from julianaschool.models import EndedGuardianLink, GuardianLink

from .models import CurrentAnswer, Purpose

MOST_RESTRICTIVE = "most_restrictive"
LATEST = "latest"
RULES = (MOST_RESTRICTIVE, LATEST)


def guardian_rule() -> str:
    rule = settings.CONSENT_GUARDIAN_RULE
    if rule not in RULES:
        raise ValueError(f"CONSENT_GUARDIAN_RULE must be one of {RULES}, not {rule!r}")
    return rule


@dataclass
class Answer:
    """The current consent of one person for one purpose."""

    given: bool = False  # what counts: may the person be shown?
    answered: bool = False
    changed_at: datetime.datetime | None = None
    ended: bool = False  # the pupil left; consent ended
    disagreement: bool = False
    # voice (guardian id, or None for the family/staff) -> (given, at, record id)
    voices: dict = field(default_factory=dict)

    @property
    def status(self) -> str:
        if self.given:
            return "ja"
        return "nee" if self.answered else "open"


def _reduce(rows, asked_from: dict[int, int], rule: str) -> dict[tuple[int, int], Answer]:
    answers: dict[tuple[int, int], Answer] = {}
    for record_id, person_id, purpose_id, guardian_id, given, ended, at, number in rows:
        key = (person_id, purpose_id)
        answer = answers.get(key)
        if answer is None:
            answer = answers[key] = Answer()
        if ended:
            # A pupil who left: every earlier voice is void from here on.
            answers[key] = Answer(changed_at=at, ended=True, answered=True)
            continue
        if number < asked_from.get(purpose_id, 1):
            continue
        if answer.ended:
            answer = answers[key] = Answer()
        answer.voices[guardian_id] = (given, at, record_id)
    for answer in answers.values():
        if not answer.voices:
            continue
        values = list(answer.voices.values())
        answer.answered = True
        answer.changed_at = max(at for _given, at, _id in values)
        answer.disagreement = len({given for given, _at, _id in values}) > 1
        if rule == LATEST:
            # Two saves in the same microsecond: the one the database stored last wins.
            answer.given = max(values, key=lambda v: (v[1], v[2]))[0]
        else:
            answer.given = all(given for given, _at, _id in values)
    return answers


def _purposes(purposes) -> list[Purpose]:
    return list(purposes if purposes is not None else Purpose.objects.active())


def _latest_per_voice(person: str, person_ids, purposes: list[Purpose]):
    """The rows `_reduce` needs, read from the current-consent projection (`CurrentAnswer`,
    written with every ledger record): per person, purpose, voice and version answered only the
    latest record, and per person and purpose the latest "consent ended" records. Folding these
    gives what folding the whole history gives (a later record of a voice replaces its earlier
    ones; an ended record voids everything before it; `_reduce` skips answers to a version before
    `asked_from`), and their number does not grow with the length of the ledger's history."""
    return (
        CurrentAnswer.objects.filter(**{f"{person}__in": list(person_ids)}, purpose_id__in=[p.pk for p in purposes])
        .order_by("recorded_at", "record_id")
        .values_list("record_id", person, "purpose_id", "guardian_id", "given", "ended", "recorded_at", "version")
    )


def pupil_answers(pupil_ids, purposes=None) -> dict[tuple[int, int], Answer]:
    """{(pupil id, purpose id): Answer} for these pupils; missing keys mean no answer. Only the
    pupil's current guardians have a voice: a guardian the office removed keeps their records in
    the ledger, but they no longer count (issue 14, item 5)."""
    purposes = _purposes(purposes)
    rows = _latest_per_voice("pupil_id", pupil_ids, purposes).filter(_STILL_A_GUARDIAN)
    return _reduce(rows, {p.pk: p.asked_from for p in purposes}, guardian_rule())


# A voice counts unless its guardian's link to the pupil ended and was not made again. Written as
# fixed SQL because every class sheet, check and API answer asks it: two ORM Exists subqueries cost
# about 0.8 ms to compile per call (bench/publications.py), more than the query takes to run. A
# row without a guardian (the office, a staff member) matches neither subquery and so counts.
_STILL_A_GUARDIAN = RawSQL(
    'NOT (EXISTS (SELECT 1 FROM "{ended}" ended WHERE ended."pupil_id" = "{row}"."pupil_id" '
    'AND ended."guardian_id" = "{row}"."guardian_id") '
    'AND NOT EXISTS (SELECT 1 FROM "{link}" link WHERE link."pupil_id" = "{row}"."pupil_id" '
    'AND link."guardian_id" = "{row}"."guardian_id"))'.format(
        ended=EndedGuardianLink._meta.db_table, link=GuardianLink._meta.db_table, row=CurrentAnswer._meta.db_table),
    (), output_field=BooleanField())


def staff_answers(staff_ids, purposes=None) -> dict[tuple[int, int], Answer]:
    """{(staff id, purpose id): Answer}: a staff member's own latest answer counts."""
    purposes = _purposes(purposes)
    rows = _latest_per_voice("staff_id", staff_ids, purposes)
    return _reduce(rows, {p.pk: p.asked_from for p in purposes}, LATEST)


def answer(answers: dict, person_id: int, purpose_id: int) -> Answer:
    return answers.get((person_id, purpose_id)) or Answer()


def own_answers(*, pupil_id: int, guardian_id: int, purposes=None) -> dict[int, Answer]:
    """{purpose id: Answer} of what this one guardian answered last (still valid) for the pupil."""
    purposes = _purposes(purposes)
    answers = pupil_answers([pupil_id], purposes)
    result = {}
    for purpose in purposes:
        current = answers.get((pupil_id, purpose.pk))
        if current and guardian_id in current.voices:
            given, at, _id = current.voices[guardian_id]
            result[purpose.pk] = Answer(given=given, answered=True, changed_at=at)
    return result
