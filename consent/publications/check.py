"""The check: may these people be shown recognisably on this channel, now?

Built on `consent.state` (no answer counts as no, the two-guardian rule, a pupil who left), in a
fixed number of queries whatever the number of people.
"""

from dataclasses import dataclass, field

from julianaschool.models import Pupil, StaffMember

from .. import state
from ..models import Purpose
from .models import CheckOutcome


@dataclass
class Verdict:
    person: Pupil | StaffMember
    kind: str  # "pupil" or "staff"
    allowed: bool
    outcome: str
    relied_on: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.person.pk}"


def outcome_of(answer: state.Answer, *, left: bool = False) -> str:
    if left or answer.ended:
        return CheckOutcome.ENDED
    if answer.given:
        return CheckOutcome.YES
    return CheckOutcome.NO if answer.answered else CheckOutcome.OPEN


def verdicts(*, purpose: Purpose, pupils=(), staff=(), pupil_answers=None, staff_answers=None) -> list[Verdict]:
    """One verdict per person, in the order given; a retired channel allows nobody. Answers
    already read (`state.pupil_answers` over this purpose among others) may be passed in."""
    pupils, staff = list(pupils), list(staff)
    if pupil_answers is None:
        pupil_answers = state.pupil_answers([p.pk for p in pupils], [purpose]) if pupils else {}
    if staff_answers is None:
        staff_answers = state.staff_answers([s.pk for s in staff], [purpose]) if staff else {}
    result = []
    for kind, people, answers in (("pupil", pupils, pupil_answers), ("staff", staff, staff_answers)):
        for person in people:
            answer = state.answer(answers, person.pk, purpose.pk)
            left = person.left_on is not None
            allowed = answer.given and not left and not purpose.is_retired
            outcome = outcome_of(answer, left=left)
            if allowed is False and outcome == CheckOutcome.YES:
                outcome = CheckOutcome.NO
            relied = sorted(record_id for _given, _at, record_id in answer.voices.values())
            result.append(Verdict(person=person, kind=kind, allowed=allowed, outcome=outcome, relied_on=relied))
    return result


def allowed_map(*, purposes, answers, people) -> dict[int, str]:
    """{person id: the slugs of the channels they may be shown on, space-separated}: what the
    page's script needs. A pupil who left may be shown nowhere."""
    purposes = [p for p in purposes if not p.is_retired]
    return {person.pk: " ".join(sorted(p.slug for p in purposes if state.answer(answers, person.pk, p.pk).given))
            if getattr(person, "left_on", None) is None else "" for person in people}
