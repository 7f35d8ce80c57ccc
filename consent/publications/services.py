"""Every write about publications and takedowns. Nothing here updates or deletes a row (except
retention's purge, through `append_only.purging()`)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit, mail
from julianaschool import school_calendar as calendar
from julianaschool.links import absolute_reverse
from julianaschool.models import Pupil, StaffMember
from julianaschool.names import account_name

from .. import state
from ..audit_actions import Action
from ..models import ConsentRecord, IntegrationToken, Purpose
from .check import verdicts
from .models import (
    Publication,
    PublicationPerson,
    Takedown,
    TakedownDone,
    TakedownOutcome,
    TakedownReason,
    TakedownReminder,
)


def due_date(start: datetime.date | None = None) -> datetime.date:
    """When a takedown made today must be done: PUBLICATIONS_TAKEDOWN_SCHOOL_DAYS school days on."""
    return calendar.add_school_days(start or timezone.localdate(), settings.PUBLICATIONS_TAKEDOWN_SCHOOL_DAYS)


@dataclass
class Shown:
    """A person on a publication as the publisher registers them."""

    person: Pupil | StaffMember
    recognisable: bool


@transaction.atomic
def register_publication(*, purpose: Purpose, title: str, published_on: datetime.date, location: str,
                         people: list[Shown], actor=None, token: IntegrationToken | None = None,
                         replaces: Publication | None = None) -> Publication:
    """Record a publication with the check's outcome per person at this moment and the ledger
    records it relied on. Refused (nothing written) when someone who may not be shown is
    registered as recognisable, or when the channel is retired; `replaces` makes it a correction
    of an earlier entry, which stays."""
    title, location = title.strip(), location.strip()
    if not title:
        raise ValidationError(_("Titel: geef de publicatie een titel."))
    if purpose.is_retired:
        raise ValidationError(_("Kanaal: %(name)s wordt niet meer gebruikt.") % {"name": purpose.name})
    if replaces is not None and Publication.objects.filter(replaces=replaces).exists():
        raise ValidationError(_("Deze publicatie is al gecorrigeerd."))
    pupils = [s.person for s in people if isinstance(s.person, Pupil)]
    staff = [s.person for s in people if isinstance(s.person, StaffMember)]
    found = {v.key: v for v in verdicts(purpose=purpose, pupils=pupils, staff=staff)}
    refused = []
    entries = []
    for shown in people:
        kind = "pupil" if isinstance(shown.person, Pupil) else "staff"
        verdict = found[f"{kind}-{shown.person.pk}"]
        if shown.recognisable and not verdict.allowed:
            refused.append(shown.person.full_name)
        entries.append(PublicationPerson(
            pupil=shown.person if kind == "pupil" else None, staff=shown.person if kind == "staff" else None,
            recognisable=shown.recognisable, allowed=verdict.allowed, outcome=verdict.outcome,
            relied_on=verdict.relied_on))
    if refused:
        raise ValidationError(
            _("Mag niet herkenbaar op %(channel)s: %(names)s. Laat hen weg of maak hen onherkenbaar "
              "en vink 'onherkenbaar gemaakt' aan.") % {"channel": purpose.name, "names": ", ".join(refused)})
    publication = Publication.objects.create(
        purpose=purpose, title=title[:200], published_on=published_on, location=location[:500],
        published_by=actor, token=token, replaces=replaces,
        published_by_name=account_name(actor) if actor is not None else _("koppeling %(name)s") % {"name": token.name})
    for entry in entries:
        entry.publication = publication
    PublicationPerson.objects.bulk_create(entries)
    audit.record(actor=actor, action=Action.PUBLICATION_REGISTERED, obj=publication, changes={
        "kanaal": purpose.name, "herkenbaar": sum(1 for e in entries if e.recognisable),
        "onherkenbaar gemaakt": sum(1 for e in entries if not e.recognisable),
        "correctie van": replaces.pk if replaces else None, "koppeling": token.name if token else None})
    return publication


# --- takedowns


def _open_entries(*, purpose_ids, pupil_ids=(), staff_ids=()):
    """Recognisable entries on current publications of these channels showing these people, that
    have no takedown yet. One query, whatever the number of publications on record."""
    people = Q()
    if pupil_ids:
        people |= Q(pupil_id__in=list(pupil_ids))
    if staff_ids:
        people |= Q(staff_id__in=list(staff_ids))
    if not people:
        return []
    return list(
        PublicationPerson.objects.filter(people, recognisable=True, publication__purpose_id__in=list(purpose_ids),
                                         publication__replaced_by__isnull=True, takedowns__isnull=True)
        .select_related("publication")
    )


def _create(entries, reasons: dict, submission) -> list[Takedown]:
    due = due_date()
    takedowns = []
    for entry in entries:
        reason = reasons.get((entry.pupil_id, entry.staff_id, entry.publication.purpose_id))
        if reason is None:
            continue
        takedowns.append(Takedown(publication=entry.publication, entry=entry, reason=reason,
                                  cause_submission=submission, assigned_to_id=entry.publication.published_by_id,
                                  token_id=entry.publication.token_id, due_on=due))
    return Takedown.objects.bulk_create(takedowns)


@transaction.atomic
def takedowns_after_ledger_change(*, records: list[ConsentRecord]) -> list[Takedown]:
    """Called by the consent services after ledger records are written: every person who may
    no longer be shown on a channel gets a takedown task for each current publication on that
    channel that shows them recognisably (once per entry: giving consent again undoes no done
    takedown, and a second no makes no second task). A fixed number of queries."""
    noes = [r for r in records if not r.given]
    if not noes:
        return []
    purposes = {r.purpose_id: r.purpose for r in noes}
    pupil_ids = {r.pupil_id for r in noes if r.pupil_id}
    staff_ids = {r.staff_id for r in noes if r.staff_id}
    entries = _open_entries(purpose_ids=purposes, pupil_ids=pupil_ids, staff_ids=staff_ids)
    if not entries:
        return []
    pupil_answers = state.pupil_answers(pupil_ids, list(purposes.values())) if pupil_ids else {}
    staff_answers = state.staff_answers(staff_ids, list(purposes.values())) if staff_ids else {}
    reasons = {}
    for record in noes:
        if record.pupil_id:
            answer = state.answer(pupil_answers, record.pupil_id, record.purpose_id)
        else:
            answer = state.answer(staff_answers, record.staff_id, record.purpose_id)
        if answer.given:
            continue
        if record.ended:
            reason = TakedownReason.ENDED
        elif answer.disagreement:
            reason = TakedownReason.GUARDIAN_NO  # another guardian still says yes: the no counts
        else:
            reason = TakedownReason.WITHDRAWN
        reasons[(record.pupil_id, record.staff_id, record.purpose_id)] = reason
    takedowns = _create(entries, reasons, records[0].submission)
    if takedowns:
        audit.record(actor=None, action=Action.TAKEDOWNS_CREATED, changes={
            "aantal": len(takedowns), "publicaties": sorted({t.publication_id for t in takedowns}),
            "reden": sorted({str(t.get_reason_display()) for t in takedowns})})
    return takedowns


@transaction.atomic
def takedowns_after_reask(*, purpose: Purpose) -> list[Takedown]:
    """A purpose was changed in substance and everybody is asked again: until they answer, nobody
    may be shown on it, so every recognisable entry on its current publications gets a task."""
    entries = list(
        PublicationPerson.objects.filter(recognisable=True, publication__purpose=purpose,
                                         publication__replaced_by__isnull=True, takedowns__isnull=True)
        .select_related("publication")
    )
    if not entries:
        return []
    pupil_answers = state.pupil_answers({e.pupil_id for e in entries if e.pupil_id}, [purpose])
    staff_answers = state.staff_answers({e.staff_id for e in entries if e.staff_id}, [purpose])
    reasons = {}
    for e in entries:
        answers, pk = (pupil_answers, e.pupil_id) if e.pupil_id else (staff_answers, e.staff_id)
        if not state.answer(answers, pk, purpose.pk).given:
            reasons[(e.pupil_id, e.staff_id, purpose.pk)] = TakedownReason.REASKED
    takedowns = _create(entries, reasons, None)
    if takedowns:
        audit.record(actor=None, action=Action.TAKEDOWNS_CREATED, obj=purpose, changes={
            "aantal": len(takedowns), "reden": str(TakedownReason.REASKED.label)})
    return takedowns


@transaction.atomic
def mark_takedown_done(*, takedown: Takedown, outcome: str, note: str = "", actor=None,
                       token: IntegrationToken | None = None) -> TakedownDone:
    """The publisher took the person off the publication (removed it, or made them
    unrecognisable). Recorded once, with who and when; a second report is refused."""
    takedown = Takedown.objects.select_for_update().get(pk=takedown.pk)
    if TakedownDone.objects.filter(takedown=takedown).exists():
        raise ValidationError(_("Deze verwijdertaak is al afgehandeld."))
    if outcome not in TakedownOutcome.values:
        raise ValidationError(_("Wat is er gedaan: kies verwijderd of onherkenbaar gemaakt."))
    done = TakedownDone.objects.create(
        takedown=takedown, outcome=outcome, note=note.strip(), done_by=actor, token=token,
        done_by_name=account_name(actor) if actor is not None else _("koppeling %(name)s") % {"name": token.name})
    audit.record(actor=actor, action=Action.TAKEDOWN_HANDLED, obj=takedown.publication,
                 changes={"taak": takedown.pk, "uitkomst": str(done.get_outcome_display())})
    return done


def send_takedown_reminder(*, takedown: Takedown) -> None:
    """The mail to the publisher on the school day before a takedown is due."""
    user = takedown.assigned_to
    mail.send(
        to=[user.email] if user is not None else [],
        subject=_("Morgen uiterlijk: %(title)s aanpassen") % {"title": takedown.publication.title},
        template="emails/publications_takedown_reminder.txt",
        context={"takedown": takedown, "publication": takedown.publication,
                 "url": absolute_reverse("publications:takedown", takedown.pk)},
        urgent=False,
    )


@transaction.atomic
def send_takedown_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each publisher of every open takedown due on the next school day, once per takedown.
    Returns the number of takedowns reminded of."""
    today = today or timezone.localdate()
    tomorrow = calendar.add_school_days(today, 1)
    due = list(Takedown.objects.open().filter(due_on__lte=tomorrow, due_on__gt=today, reminder__isnull=True,
                                              assigned_to__isnull=False)
               .select_related("publication", "assigned_to"))
    for takedown in due:
        send_takedown_reminder(takedown=takedown)
    TakedownReminder.objects.bulk_create([TakedownReminder(takedown=t) for t in due])
    audit.record(actor=None, action=Action.TAKEDOWN_REMINDER_SENT, changes={"taken": len(due)})
    return len(due)


# --- retention


def purge_person(*, pupil: Pupil | None = None, staff: StaffMember | None = None) -> int:
    """Delete a leaver's entries on publications with their takedowns, and publications that show
    nobody else any more. Called by retention inside `append_only.purging()`. Returns the entries."""
    entries = PublicationPerson.objects.filter(pupil=pupil) if pupil else PublicationPerson.objects.filter(staff=staff)
    entry_ids = list(entries.values_list("pk", flat=True))
    if not entry_ids:
        return 0
    publication_ids = set(entries.values_list("publication_id", flat=True))
    takedowns = Takedown.objects.filter(entry_id__in=entry_ids)
    TakedownReminder.objects.filter(takedown__in=takedowns).delete()
    TakedownDone.objects.filter(takedown__in=takedowns).delete()
    takedowns.delete()
    PublicationPerson.objects.filter(pk__in=entry_ids).delete()
    # Newest first: a correction protects the entry it replaces until it is gone itself.
    empty = (Publication.objects.filter(pk__in=publication_ids, people__isnull=True, takedowns__isnull=True)
             .order_by("-pk"))
    for publication in empty:
        if not Publication.objects.filter(replaces=publication).exists():
            publication.delete()
    return len(entry_ids)
