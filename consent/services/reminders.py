"""Reminders to guardians who have not answered, and the yearly check at the start of a school year."""


from django.conf import settings
from django.db import transaction

from julianaschool import audit, mail
from julianaschool.links import absolute_reverse
from julianaschool.models import Guardian, Pupil, SchoolYear

from .. import state
from ..audit_actions import Action
from ..models import (
    Purpose,
)
from ._common import office_contact


def pupils_without_answer(*, pupils=None) -> list[Pupil]:
    """Active pupils of the current year for whom no valid answer exists for at least one active purpose."""

    school_year = SchoolYear.objects.current()
    if pupils is None:
        pupils = Pupil.objects.active().in_school_year(school_year)
    pupils = list(pupils.prefetch_related("guardians"))
    purposes = list(Purpose.objects.active())
    answers = state.pupil_answers([p.pk for p in pupils], purposes)
    return [p for p in pupils if any(not state.answer(answers, p.pk, q.pk).answered for q in purposes)]


@transaction.atomic
def _reminder_recipients(pupils=None):
    by_guardian: dict[int, tuple[Guardian, list[Pupil]]] = {}
    for pupil in pupils_without_answer(pupils=pupils):
        for guardian in pupil.guardians.all():
            by_guardian.setdefault(guardian.pk, (guardian, []))[1].append(pupil)
    for guardian, children in by_guardian.values():
        email = guardian.email or (guardian.user.email if guardian.user_id else "")
        if email:
            yield guardian, email, children


def reminder_count(*, pupils=None) -> int:
    """How many guardians `send_reminders` would mail now (shown before it is sent)."""
    return sum(1 for _ in _reminder_recipients(pupils))


def send_reminders(*, actor=None, pupils=None) -> int:
    """Mail the guardians of every pupil with an open question. Returns the number of mails."""
    sent = 0
    url, contact = absolute_reverse("consent:index"), office_contact()
    for guardian, email, children in _reminder_recipients(pupils):
        context = {"guardian": guardian, "children": children, "url": url, "school_name": settings.SCHOOL_NAME,
                   "contact": contact}
        mail.consent_reminder(to=email, context=context)
        sent += 1
    audit.record(actor=actor, action=Action.REMINDER_SENT, changes={"mails": sent})
    return sent


@transaction.atomic
def _yearly_check_guardians(school_year):
    guardians = (Guardian.objects.filter(pupils__in=Pupil.objects.active().in_school_year(school_year))
                 .select_related("user").distinct())
    for guardian in guardians:
        email = guardian.email or (guardian.user.email if guardian.user_id else "")
        if email:
            yield guardian, email


def yearly_check_count() -> int:
    """How many guardians the yearly check would mail now (shown before it is sent)."""

    return sum(1 for _ in _yearly_check_guardians(SchoolYear.objects.current()))


def send_yearly_check(*, actor=None) -> int:
    """The yearly 'controleer uw keuzes' mail to every guardian of an active pupil. Resets nothing."""

    school_year = SchoolYear.objects.current()
    url, contact = absolute_reverse("consent:index"), office_contact()
    sent = 0
    for guardian, email in _yearly_check_guardians(school_year):
        context = {"guardian": guardian, "url": url, "school_name": settings.SCHOOL_NAME, "school_year": school_year,
                   "contact": contact}
        mail.consent_yearly_check(to=email, context=context)
        sent += 1
    audit.record(actor=actor, action=Action.YEARLY_CHECK_SENT, changes={"mails": sent})
    return sent
