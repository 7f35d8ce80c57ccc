"""Reporting an incident, notes on its timeline, its status, and directie's categories.

There is deliberately no function that changes an incident's description or a timeline entry:
once reported, what was written stands, and additions go on the timeline."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from julianaschool import access as people_access
from julianaschool import audit, mail
from julianaschool.links import absolute_reverse
from julianaschool.models import Enrollment, SchoolYear

from .. import access
from ..audit_actions import Action
from ..models import (
    Attachment,
    Category,
    EntryKind,
    Incident,
    Party,
    PartyRole,
    Place,
    Status,
    TimelineEntry,
)
from ._common import check_upload, directie_users, timeline_entry


def _group_of(parties: list[dict], on: datetime.date):
    """The group of the first pupil involved (a dader before anyone else) on that date."""
    pupils = [p["pupil"] for p in sorted(parties, key=lambda p: p["role"] != PartyRole.PERPETRATOR) if p.get("pupil")]
    school_year = SchoolYear.objects.current(on)
    if not pupils or school_year is None:
        return None
    enrollment = Enrollment.objects.current(on).filter(pupil=pupils[0]).select_related("group").first()
    return enrollment.group if enrollment else None


def school_age_from(born: datetime.date) -> datetime.date:
    """A child may start at a Dutch primary school on their fourth birthday."""
    try:
        return born.replace(year=born.year + 4)
    except ValueError:  # 29 February
        return born.replace(year=born.year + 4, day=28)


@transaction.atomic
def report_incident(*, reporter, occurred_at: datetime.datetime, place: str, category: Category, severity: str,
                    description: str, parties: list[dict], platform: str = "", platform_other: str = "",
                    attachments: list | None = None) -> Incident:
    """Record a new incident with its parties and attachments, write 'gemeld' on its timeline, and
    mail directie at once when it is serious or possibly criminal.

    `parties` are dicts with 'role' and one of 'pupil', 'guardian', 'staff' or 'name'. A reporter
    may name any pupil at school now, of any group (bullying crosses groups); a pupil who left can
    only be named by whoever may still see them (directie).
    """
    if not access.can_report_incident(reporter):
        raise PermissionDenied
    if not description.strip():
        raise ValidationError(_("Beschrijving: beschrijf wat er is gebeurd."))
    if place == Place.ONLINE and not platform:
        raise ValidationError(_("Platform: kies op welk platform het online gebeurde."))
    for party in parties:
        pupil = party.get("pupil")
        if pupil is not None and pupil.has_left and not people_access.visible_pupils(reporter).filter(pk=pupil.pk).exists():
            raise PermissionDenied
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError(_("Wanneer: dit tijdstip ligt in de toekomst."))
    day = timezone.localdate(occurred_at)
    for party in parties:
        pupil = party.get("pupil")
        if pupil is not None and day < school_age_from(pupil.date_of_birth):
            raise ValidationError(_("Wanneer: op deze dag zat %(name)s nog niet op school (pas vanaf %(day)s).")
                                  % {"name": pupil.full_name, "day": f"{school_age_from(pupil.date_of_birth):%d-%m-%Y}"})
    incident = Incident.objects.create(
        occurred_at=occurred_at, place=place, platform=platform if place == Place.ONLINE else "",
        platform_other=platform_other if place == Place.ONLINE else "", category=category, severity=severity,
        description=description.strip(), reported_by=reporter, group=_group_of(parties, timezone.localdate(occurred_at)),
    )
    for party in parties:
        Party.objects.create(incident=incident, role=party["role"], pupil=party.get("pupil"), guardian=party.get("guardian"),
                             staff=party.get("staff"), name=(party.get("name") or "").strip())
    for upload in attachments or []:
        content_type, sha256, size = check_upload(upload)
        attachment = Attachment(incident=incident, original_name=upload.name[:255], content_type=content_type, size=size,
                                sha256=sha256, uploaded_by=reporter)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    timeline_entry(incident=incident, author=reporter, kind=EntryKind.STATUS, new_status=Status.REPORTED, message=gettext_noop("Incident gemeld."))
    audit.record(actor=reporter, action=Action.INCIDENT_REPORTED, obj=incident,
                 changes={"categorie": category.name, "ernst": severity, "betrokkenen": len(parties),
                          "bijlagen": len(attachments or [])})
    if incident.is_urgent:
        _notify_directie(incident)
    return incident


def _notify_directie(incident: Incident) -> None:
    recipients = [u.email for u in directie_users()]
    if not recipients:
        return
    url = absolute_reverse("incidents:detail", incident.pk)
    # The mail names no child: it leaves the school's systems; the details are behind the login.
    mail.incident_urgent(to=recipients, category_name=incident.category.label, context={"incident": incident, "url": url})


@transaction.atomic
def add_note(*, incident: Incident, author, text: str) -> TimelineEntry:
    """Append a note to the incident's timeline (never edited afterwards)."""
    if not text.strip():
        raise ValidationError(_("Notitie: schrijf iets op."))
    entry = timeline_entry(incident=incident, author=author, kind=EntryKind.NOTE, text=text.strip())
    audit.record(actor=author, action=Action.NOTE_ADDED, obj=incident)
    return entry


TRANSITIONS = {
    (Status.REPORTED, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Status.RESOLVED),
    (Status.REPORTED, Status.RESOLVED),
    (Status.RESOLVED, Status.IN_PROGRESS),  # heropenen
}


@transaction.atomic
def change_status(*, incident: Incident, new_status: str, actor, note: str = "") -> Incident:
    """Move the incident along gemeld -> in behandeling -> afgehandeld (or reopen it); only directie,
    and every change lands on the timeline with who and when."""
    people_access.require_directie(actor)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    old = incident.status
    if (old, new_status) not in TRANSITIONS:
        raise ValidationError(_("Status: van '%(old)s' naar '%(new)s' kan niet.") % {
            "old": Status(old).label, "new": Status(new_status).label})
    incident.status = new_status
    incident.save(update_fields=["status"])
    text = note.strip() or (_("Heropend.") if old == Status.RESOLVED else "")
    timeline_entry(incident=incident, author=actor, kind=EntryKind.STATUS, old_status=old, new_status=new_status, text=text)
    audit.record(actor=actor, action=Action.STATUS_CHANGED, obj=incident, changes={"status": [old, new_status]})
    return incident


def pick_up(incident: Incident, actor) -> None:
    if incident.status == Status.REPORTED:
        change_status(incident=incident, new_status=Status.IN_PROGRESS, actor=actor)
        incident.status = Status.IN_PROGRESS


@transaction.atomic
def save_category(*, actor, name: str, default_severity: str, possibly_criminal: bool, active: bool = True,
                  name_en: str = "", category: Category | None = None) -> Category:
    """Create or change a category (directie only). Categories are retired, never deleted."""
    people_access.require_directie(actor)
    category = category or Category(order=(Category.objects.order_by("-order").values_list("order", flat=True).first() or 0) + 10)
    before = audit.snapshot(category, ["name", "name_en", "default_severity", "possibly_criminal", "active"]) if category.pk else {}
    category.name = name.strip()
    category.name_en = name_en.strip()
    category.default_severity = default_severity
    category.possibly_criminal = possibly_criminal
    category.active = active
    category.save()
    audit.record(actor=actor, action=Action.CATEGORY_SAVED, obj=category,
                 changes=audit.diff(before, audit.snapshot(category, ["name", "name_en", "default_severity", "possibly_criminal", "active"])))
    return category
