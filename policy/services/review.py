"""Review without changes (directie records, the board confirms) and the review reminders."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit, mail, school_calendar
from julianaschool.links import absolute_reverse
from julianaschool.models import BoardMember, Role

from ..audit_actions import Action
from ..models import (
    REVIEW_SOON_SCHOOL_DAYS,
    REVIEW_WARNING_SCHOOL_DAYS,
    ProtocolVersion,
    Review,
    ReviewReminder,
)
from ._common import Refused, _lock, _require_board, _require_directie


@transaction.atomic
def record_review(*, actor, version: ProtocolVersion, next_review_on: datetime.date, comment: str = "") -> Review:
    """Directie reviewed the version in force and changes nothing; waits for the board to confirm."""
    _require_directie(actor, _("een herziening vastleggen"))
    version = _lock(version)
    if not version.is_in_force:
        raise Refused(_("Alleen de geldende versie kan worden herzien."))
    if next_review_on <= timezone.localdate():
        raise Refused(_("De volgende herzieningsdatum moet in de toekomst liggen."))
    if version.reviews.filter(confirmed_at__isnull=True).exists():
        raise Refused(_("Er wacht al een herziening op bevestiging door het bestuur."))
    review = Review.objects.create(version=version, previous_review_on=version.review_on,
                                   next_review_on=next_review_on, comment=comment, recorded_by=actor)
    audit.record(actor=actor, action=Action.REVIEW_RECORDED, obj=version,
                 changes={"next_review_on": next_review_on, "comment": comment})
    return review


@transaction.atomic
def confirm_review(*, actor, review: Review) -> Review:
    """The board confirms a review without changes: the version's review date moves on."""
    _require_board(actor, _("een herziening bevestigen"))
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.is_confirmed:
        raise Refused(_("Deze herziening is al bevestigd."))
    version = _lock(review.version)
    if not version.is_in_force:
        raise Refused(_("Deze versie is niet meer geldend; de herziening vervalt."))
    review.confirmed_by = actor
    review.confirmed_at = timezone.now()
    review.save(update_fields=["confirmed_by", "confirmed_at"])
    before = version.review_on
    version.review_on = review.next_review_on
    version.save(update_fields=["review_on"])
    audit.record(actor=actor, action=Action.REVIEW_CONFIRMED, obj=version,
                 changes={"review_on": [before, version.review_on]})
    return review


def _review_recipients() -> list[str]:
    User = get_user_model()
    users = User.objects.filter(is_active=True, groups__name=Role.MANAGEMENT).exclude(email="")
    emails = sorted({u.email for u in users})
    chair = BoardMember.objects.filter(is_chair=True).select_related("user").first()
    if chair and chair.user.is_active and chair.user.email and chair.user.email not in emails:
        emails.append(chair.user.email)
    return emails


def _milestone(version: ProtocolVersion, today: datetime.date) -> str | None:
    """The review milestone reached on `today`, counted in school days before the review date."""
    if version.review_on is None:
        return None
    if today > version.review_on:
        return ReviewReminder.Milestone.OVERDUE
    left = school_calendar.school_days_between(today, version.review_on)
    if left <= REVIEW_SOON_SCHOOL_DAYS:
        return ReviewReminder.Milestone.DUE_30
    if left <= REVIEW_WARNING_SCHOOL_DAYS:
        return ReviewReminder.Milestone.DUE_90
    return None


@transaction.atomic
def send_review_reminders(*, today: datetime.date | None = None) -> ReviewReminder | None:
    """Mails directie and the voorzitter when the version in force reaches a review milestone (60
    school days before, 20 school days before, overdue), on a school day only: a milestone reached
    in a weekend or holiday is mailed on the next school day. Each milestone of a review date is
    mailed once, however often cron runs; a milestone skipped while cron was down is not mailed late."""
    today = today or timezone.localdate()
    version = ProtocolVersion.objects.in_force(today)
    if version is None or not school_calendar.is_school_day(today):
        return None
    milestone = _milestone(version, today)
    if milestone is None:
        return None
    days = (version.review_on - today).days
    status = ({"state": "overdue", "since": version.review_on, "days": -days} if days < 0
              else {"state": "due", "days": days})
    if ReviewReminder.objects.filter(version=version, review_on=version.review_on, milestone=milestone).exists():
        return None
    recipients = _review_recipients()
    context = {"version": version, "status": status, "milestone": milestone,
               "url": absolute_reverse("policy:version", version.pk)}
    mail.policy_review_reminder(to=recipients, context=context)
    reminder = ReviewReminder.objects.create(version=version, review_on=version.review_on, milestone=milestone,
                                             recipients=", ".join(recipients))
    audit.record(actor=None, action=Action.REVIEW_REMINDER_SENT, obj=version,
                 changes={"milestone": milestone, "review_on": version.review_on, "recipients": recipients})
    return reminder
