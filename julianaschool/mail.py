"""Every mail the portal sends goes through `send()`: rendered now, delivered by the background worker.

`send()` writes an `OutgoingMail` row and the worker's task (django-tasks, database backend,
`manage.py db_worker`) in the caller's transaction: the worker sees both only once that transaction
commits, and a mail for a write that rolls back is never sent, nor even stored (zulip's actions
send side effects on commit; with a backend that runs tasks at once, as in the tests, the task is
enqueued with `transaction.on_commit`). A mail the mail server refuses is retried after `MAIL_RETRY_DELAYS`; after the
last attempt it is marked failed, and directie sees it on the mail page (`mail_outbox` view).

Each kind of mail has a function of its own below, so the kinds, their subjects and whether they
may wait are listed in one place. `urgent` says whether the mail must go at once (a receipt the
person just asked for, a password link, a serious incident) or may wait for the next school day:
in weekends, holidays and before 07:30 (Europe/Amsterdam) non-urgent mail (reminders, yearly
checks, acknowledgement requests, bulk invitations) is held until 07:30 on the next school day,
as the protocol asks of the school's own staff.
"""

import datetime
import logging
import mimetypes
import os
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from . import audit, school_calendar
from .audit_actions import Action
from .models import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)


class MailKind(models.TextChoices):
    CONSENT_RECEIPT = "consent.receipt", gettext_lazy("bevestiging van een keuze over beeld en geluid")
    CONSENT_REMINDER = "consent.reminder", gettext_lazy("herinnering: keuze over beeld en geluid")
    CONSENT_YEARLY = "consent.yearly_check", gettext_lazy("jaarlijkse controle van de keuzes")
    INVITATION = "people.invitation", gettext_lazy("koppelcode voor een ouder/verzorger")
    PASSWORD_RESET = "account.password_reset", gettext_lazy("link om een wachtwoord in te stellen")
    STAFF_INVITATION = "people.staff_invitation", gettext_lazy("uitnodiging voor een nieuwe medewerker of bestuurder")
    INCIDENT_URGENT = "incidents.urgent", gettext_lazy("melding van een ernstig incident")
    DECISION_LETTER = "incidents.decision_letter", gettext_lazy("besluitbrief over een maatregel")
    POLICY_REVIEW = "policy.review_reminder", gettext_lazy("herinnering: evaluatie van het protocol")
    POLICY_ACKNOWLEDGE = "policy.acknowledgement_request", gettext_lazy("verzoek: protocol gelezen bevestigen")
    POLICY_ADOPTED = "policy.adopted", gettext_lazy("protocol vastgesteld: wacht op het bestuur")
    POLICY_APPROVED = "policy.approved", gettext_lazy("protocol goedgekeurd door het bestuur")
    POLICY_PUBLISHED = "policy.published", gettext_lazy("nieuw protocol gepubliceerd")
    POLICY_PARENTS = "policy.parents_informed", gettext_lazy("nieuw protocol: bericht aan ouders")
    OTHER = "other", gettext_lazy("andere mail")


def release_time(*, urgent: bool, at: datetime.datetime) -> datetime.datetime:
    """When a mail asked for at `at` may go: at once when urgent, on a school day from 07:30, and
    otherwise at 07:30 (the school's time zone) on the next school day."""
    if urgent or not settings.MAIL_QUIET_HOURS:
        return at
    local = timezone.localtime(at)
    hour, minute = (int(part) for part in settings.MAIL_QUIET_UNTIL.split(":"))
    opening = datetime.time(hour, minute)
    day = local.date()
    if school_calendar.is_school_day(day):
        if local.time() >= opening:
            return at
    else:
        day = school_calendar.next_school_day(day)
    return timezone.make_aware(datetime.datetime.combine(day, opening))


def send(*, to: Iterable[str], subject: str, template: str, context: dict, urgent: bool = False,
         kind: str = MailKind.OTHER, attachments: list[tuple[str, bytes, str]] | None = None,
         not_before: datetime.datetime | None = None) -> OutgoingMail | None:
    """Renders `template` with `context` now and has the worker send it to the addresses in `to`
    once the current transaction commits (nothing is stored or sent if it rolls back). Empty
    addresses are skipped; with none left, nothing is sent and None is returned. `not_before`
    holds a mail until that moment (and then the quiet hours apply as usual).

    `attachments` are (file name, content, content type); they wait in the private storage under
    mail/<id>/ until the mail is delivered, and are deleted then, as the body is."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return None
    body = render_to_string(template, {"school_name": settings.SCHOOL_NAME, **context})
    now = timezone.now()
    at = max(now, not_before) if not_before else now
    mail = OutgoingMail.objects.create(kind=str(kind), to=recipients, subject=str(subject)[:255], body=body,
                                       urgent=urgent, created_at=now,
                                       send_after=release_time(urgent=urgent, at=at))
    for name, content, _content_type in attachments or []:
        default_storage.save(f"{_attachment_folder(mail.pk)}/{os.path.basename(name)}", ContentFile(content))
    _enqueue_after_commit(mail)
    return mail


def _attachment_folder(mail_id: int) -> str:
    return f"mail/{mail_id}"


def _attachment_names(mail_id: int) -> list[str]:
    folder = _attachment_folder(mail_id)
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{name}" for name in sorted(files)]


def _enqueue_after_commit(mail: OutgoingMail) -> None:
    """The database backend's task row is written in the current transaction (it commits or rolls
    back with the write, and the worker cannot see it before the commit: nothing is lost if the
    process dies in between); any other backend runs the task, so it is enqueued on commit."""
    if isinstance(task_backends[deliver_mail.backend], DatabaseBackend):
        _enqueue(mail.pk, mail.send_after)
    else:
        transaction.on_commit(lambda: _enqueue(mail.pk, mail.send_after))


def _enqueue(mail_id: int, send_after: datetime.datetime) -> None:
    backend = task_backends[deliver_mail.backend]
    if send_after > timezone.now():
        if not backend.supports_defer:
            # The tests' immediate backend cannot wait; the mail stays queued (and visible) instead.
            return
        deliver_mail.using(run_after=send_after).enqueue(mail_id=mail_id)
    else:
        deliver_mail.enqueue(mail_id=mail_id)


@task()
def deliver_mail(*, mail_id: int) -> str:
    """The worker's task: one attempt to send one mail (see `deliver`)."""
    return deliver(mail_id=mail_id)


def deliver(*, mail_id: int) -> str:
    """Tries to send the mail once. On a refusal by the mail server it schedules the next attempt
    after the next of `MAIL_RETRY_DELAYS`, or marks the mail failed after the last. Returns the
    mail's status. A mail already sent is never sent twice."""
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.status in (MailStatus.SENT, MailStatus.FAILED):
            return mail.status if mail else "missing"
        mail.attempts += 1
        try:
            message = EmailMessage(subject=mail.subject, body=mail.body, to=mail.to)
            for name in _attachment_names(mail.pk):
                with default_storage.open(name, "rb") as file:
                    message.attach(os.path.basename(name), file.read(),
                                   mimetypes.guess_type(name)[0] or "application/octet-stream")
            message.send()
        except Exception as error:  # noqa: BLE001
            # Whatever the mail server or network raises, the mail is kept and tried again.
            logger.warning("Mail %s attempt %s failed: %s", mail.pk, mail.attempts, error)
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            delays = settings.MAIL_RETRY_DELAYS
            if mail.attempts <= len(delays):
                mail.status = MailStatus.RETRYING
                mail.send_after = timezone.now() + datetime.timedelta(seconds=delays[mail.attempts - 1])
            else:
                mail.status = MailStatus.FAILED
                audit.record(actor=None, action=Action.MAIL_FAILED, obj=mail,
                             changes={"attempts": mail.attempts, "error": mail.last_error})
            mail.save(update_fields=["attempts", "last_error", "status", "send_after"])
            if mail.status == MailStatus.RETRYING:
                _enqueue_after_commit(mail)
            return mail.status
        mail.status = MailStatus.SENT
        mail.sent_at = timezone.now()
        # The text may carry a koppelcode or a password link: once delivered, the portal keeps no copy.
        mail.body = ""
        mail.save(update_fields=["attempts", "status", "sent_at", "body"])
        for name in _attachment_names(mail.pk):
            default_storage.delete(name)
        return mail.status


@transaction.atomic
def prune_sent(*, older_than_days: int = 30) -> int:
    """Deletes the record of mails sent more than `older_than_days` ago (failed ones stay until
    directie has seen them); returns how many."""
    cutoff = timezone.now() - datetime.timedelta(days=older_than_days)
    deleted, _per_model = OutgoingMail.objects.filter(status=MailStatus.SENT, sent_at__lt=cutoff).delete()
    if deleted:
        audit.record(actor=None, action=Action.MAIL_PRUNED, changes={"deleted": deleted, "older_than_days": older_than_days})
    return deleted


@transaction.atomic
def retry_failed(*, actor, mail: OutgoingMail) -> OutgoingMail:
    """Directie sends a failed mail again: its attempts start over and the worker picks it up once
    this commits. Only a failed mail can be retried (others are still on their way or sent)."""
    if mail.status != MailStatus.FAILED:
        raise ValidationError(_("Alleen een mislukte mail kan opnieuw worden verstuurd."))
    mail.status, mail.attempts, mail.send_after = MailStatus.QUEUED, 0, timezone.now()
    mail.save(update_fields=["status", "attempts", "send_after"])
    audit.record(actor=actor, action=Action.MAIL_RETRIED, obj=mail, changes={"to": mail.to})
    _enqueue_after_commit(mail)
    return mail


# --- One function per kind of mail.


def consent_receipt(*, to: Iterable[str], person_name: str, context: dict) -> OutgoingMail | None:
    """The receipt of a consent decision the person just gave: urgent (they are waiting for it)."""
    return send(to=to, kind=MailKind.CONSENT_RECEIPT, urgent=True, template="emails/consent_receipt.txt",
                subject=_("Bevestiging van uw keuze over foto's, film en geluid: %(name)s") % {"name": person_name},
                context=context)


def consent_reminder(*, to: str, context: dict) -> OutgoingMail | None:
    """A reminder to a guardian with an open consent question: waits for a school day."""
    return send(to=[to], kind=MailKind.CONSENT_REMINDER, urgent=False, template="emails/consent_reminder.txt",
                subject=_("Wilt u uw keuze over foto's, film en geluid doorgeven?"), context=context)


def consent_yearly_check(*, to: str, context: dict) -> OutgoingMail | None:
    """The yearly 'check your choices' mail: waits for a school day."""
    return send(to=[to], kind=MailKind.CONSENT_YEARLY, urgent=False, template="emails/consent_yearly.txt",
                subject=_("Nieuw schooljaar: kloppen uw keuzes over foto's, film en geluid nog?"), context=context)


def invitation(*, to: str, context: dict, urgent: bool = True) -> OutgoingMail | None:
    """A guardian's koppelcode. One the office sends to one parent goes at once (the parent may be
    at the desk); invitations sent in bulk (imports, 'invite all') pass urgent=False and wait."""
    return send(to=[to], kind=MailKind.INVITATION, urgent=urgent, template="emails/invitation.txt",
                subject=_("Uw koppelcode voor het portaal van %(school)s") % {"school": settings.SCHOOL_NAME},
                context=context)


def incident_urgent(*, to: Iterable[str], category_name: str, context: dict) -> OutgoingMail | None:
    """A serious or possibly criminal incident, to directie: urgent, whatever the day."""
    return send(to=to, kind=MailKind.INCIDENT_URGENT, urgent=True, template="emails/incident_urgent.txt",
                subject=_("Ernstig incident gemeld: %(category)s") % {"category": category_name}, context=context)


def decision_letter(*, to: Iterable[str], context: dict,
                    attachments: list[tuple[str, bytes, str]]) -> OutgoingMail | None:
    """A decision letter (a measure) to the parents or the employee, the PDF attached: directie
    sends it from the portal on purpose, so it goes at once."""
    return send(to=to, kind=MailKind.DECISION_LETTER, urgent=True, template="emails/decision_letter.txt",
                subject=_("Brief van de directie van %(school)s") % {"school": settings.SCHOOL_NAME}, context=context,
                attachments=attachments)


def policy_review_reminder(*, to: Iterable[str], context: dict) -> OutgoingMail | None:
    """A milestone of the protocol's review date, to directie and the board: waits for a school day."""
    return send(to=to, kind=MailKind.POLICY_REVIEW, urgent=False, template="emails/policy_review.txt",
                subject=render_to_string("emails/policy_review_subject.txt", context).strip(), context=context)


def policy_acknowledgement_request(*, to: str, context: dict) -> OutgoingMail | None:
    """A request to a staff member to confirm reading the protocol: waits for a school day."""
    return send(to=[to], kind=MailKind.POLICY_ACKNOWLEDGE, urgent=False, template="emails/policy_acknowledge.txt",
                subject=render_to_string("emails/policy_acknowledge_subject.txt", context).strip(), context=context)


def policy_adopted(*, to: Iterable[str], context: dict) -> OutgoingMail | None:
    """To the board members: directie adopted a version that waits for their approval."""
    return send(to=to, kind=MailKind.POLICY_ADOPTED, urgent=False, template="emails/policy_adopted.txt",
                subject=_("Protocol versie %(number)s wacht op goedkeuring door het bestuur")
                % {"number": context["version"].number}, context=context)


def policy_approved(*, to: Iterable[str], context: dict) -> OutgoingMail | None:
    """To directie: the board approved a version, which can now be published."""
    return send(to=to, kind=MailKind.POLICY_APPROVED, urgent=False, template="emails/policy_approved.txt",
                subject=_("Protocol versie %(number)s is goedgekeurd door het bestuur")
                % {"number": context["version"].number}, context=context)


def policy_published(*, to: str, context: dict, not_before: datetime.datetime | None = None) -> OutgoingMail | None:
    """To a staff member: a version was published (with the request to confirm reading it when it
    is substantive); for a version published per a later date it waits for that day."""
    return send(to=[to], kind=MailKind.POLICY_PUBLISHED, urgent=False, template="emails/policy_published.txt",
                subject=_("Nieuw protocol sociale media: versie %(number)s") % {"number": context["version"].number},
                context=context, not_before=not_before)


def policy_parents_informed(*, to: str, context: dict) -> OutgoingMail | None:
    """A short note to a guardian with an account: a new protocol, linked to the public page."""
    return send(to=[to], kind=MailKind.POLICY_PARENTS, urgent=False, template="emails/policy_parents.txt",
                subject=_("Nieuw protocol sociale media en internetgebruik van %(school)s")
                % {"school": settings.SCHOOL_NAME}, context=context)


def password_reset(*, to: str, subject: str, body: str) -> OutgoingMail | None:
    """Django's password link (already rendered by its form): urgent, the person is waiting."""
    return send(to=[to], kind=MailKind.PASSWORD_RESET, urgent=True, template="emails/prerendered.txt",
                subject=subject, context={"body": body})


def staff_invitation(*, to: str, context: dict) -> OutgoingMail | None:
    """A new staff or board member's link to choose a password: urgent (it is a password link)."""
    return send(to=[to], kind=MailKind.STAFF_INVITATION, urgent=True, template="emails/staff_invitation.txt",
                subject=_("Welkom bij het portaal van %(school)s: kies uw wachtwoord") % {"school": settings.SCHOOL_NAME},
                context=context)
