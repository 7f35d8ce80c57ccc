"""Every write of the incidents app: reports, the timeline, status, measures, letters, dossiers.

There is deliberately no function that changes an incident's description or a timeline entry:
once reported, what was written stands, and additions go on the timeline.
"""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from julianaschool import access as people_access
from julianaschool import audit, mail
from julianaschool.errors import Refused, refuse_if
from julianaschool.links import absolute_reverse
from julianaschool.models import Enrollment, Role, SchoolYear
from julianaschool.names import account_name
from julianaschool.uploads import accept_upload

from . import access, ladders, letters, rules
from .audit_actions import Action
from .models import (
    Attachment,
    Category,
    DocumentKind,
    DossierDocument,
    EntryKind,
    Incident,
    Measure,
    MeasureKind,
    MeasureStatus,
    Party,
    PartyRole,
    Place,
    Status,
    TimelineEntry,
    timeline_values,
)

User = get_user_model()

def check_upload(upload, *, allowed: tuple[str, ...] | None = None) -> tuple[str, str, int]:
    """(content type, sha256, size) of an upload; ValidationError when it is too big or not an
    image or PDF by its content (the portal's one upload check, julianaschool.uploads)."""
    content_type, sha256 = accept_upload(upload, allowed=allowed)
    return content_type, sha256, upload.size


def _entry(*, incident: Incident, author, kind: str, text: str = "", old_status: str = "", new_status: str = "",
           measure: Measure | None = None, message: str = "", params: dict | None = None) -> TimelineEntry:
    """One timeline entry. The portal's own words come as `message` (marked with gettext_noop)
    and `params`: stored as such, for each reader's language, and written out in Dutch as `text`."""
    params = params or {}
    if message:
        with translation.override("nl"):
            text = _(message) % timeline_values(params)
    return TimelineEntry.objects.create(incident=incident, author=author, author_name=account_name(author), kind=kind,
                                        text=text, old_status=old_status, new_status=new_status, measure=measure,
                                        message=message, params=params)


def _group_of(parties: list[dict], on: datetime.date):
    """The group of the first pupil involved (a dader before anyone else) on that date."""
    pupils = [p["pupil"] for p in sorted(parties, key=lambda p: p["role"] != PartyRole.PERPETRATOR) if p.get("pupil")]
    school_year = SchoolYear.objects.current(on)
    if not pupils or school_year is None:
        return None
    enrollment = Enrollment.objects.current(on).filter(pupil=pupils[0]).select_related("group").first()
    return enrollment.group if enrollment else None


def directie_users():
    return User.objects.filter(groups__name=Role.MANAGEMENT, is_active=True).exclude(email="").distinct()


@transaction.atomic
def school_age_from(born: datetime.date) -> datetime.date:
    """A child may start at a Dutch primary school on their fourth birthday."""
    try:
        return born.replace(year=born.year + 4)
    except ValueError:  # 29 February
        return born.replace(year=born.year + 4, day=28)


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
    _entry(incident=incident, author=reporter, kind=EntryKind.STATUS, new_status=Status.REPORTED, message=gettext_noop("Incident gemeld."))
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
    entry = _entry(incident=incident, author=author, kind=EntryKind.NOTE, text=text.strip())
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
    _entry(incident=incident, author=actor, kind=EntryKind.STATUS, old_status=old, new_status=new_status, text=text)
    audit.record(actor=actor, action=Action.STATUS_CHANGED, obj=incident, changes={"status": [old, new_status]})
    return incident


def _pick_up(incident: Incident, actor) -> None:
    if incident.status == Status.REPORTED:
        change_status(incident=incident, new_status=Status.IN_PROGRESS, actor=actor)
        incident.status = Status.IN_PROGRESS


def _check_step(measure: Measure) -> list[Refused]:
    if measure.kind in ladders.SEPARATE:
        return []
    if measure.proposed_kind and measure.kind != measure.proposed_kind and not measure.deviation_reason.strip():
        return [Refused(
            _(
            "de voorgestelde stap is %(proposed)s; leg de reden vast waarom u %(kind)s kiest."
        ) % {"proposed": MeasureKind(measure.proposed_kind).label, "kind": MeasureKind(measure.kind).label},
            rule=_("Ladder"), field="deviation_reason",
        )]
    return []


def _new_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, fields: dict) -> Measure:
    people_access.require_directie(actor)
    if party.incident_id != incident.pk:
        raise ValidationError(_("Deze betrokkene hoort niet bij dit incident."))
    # The caller's copy may be stale (a status changed in another request); the row decides.
    incident = Incident.objects.select_for_update(of=("self",)).select_related("category").get(pk=incident.pk)
    if incident.status == Status.RESOLVED:
        raise ValidationError(_("Dit incident is afgehandeld; heropen het eerst."))
    allowed = {f.name for f in Measure._meta.concrete_fields} - {"id", "incident", "party", "kind", "grounds", "status",
                                                                   "proposed_kind", "created_by", "created_at",
                                                                   "decided_by", "decided_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    return Measure(incident=incident, party=party, kind=kind, grounds=grounds.strip(), created_by=actor,
                   proposed_kind=ladders.proposed_step(party) or "", **fields)


@transaction.atomic
def decide_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, **fields) -> Measure:
    """Decide a measure against a pupil or parent (or an aangifte/melding for anyone) at once.

    Refused, naming each rule, unless the law's conditions are recorded (rules.check_decision)
    and, when another step than the proposed one is chosen, its reason. The decision letter is
    generated and filed in the dossier in the same transaction.
    """
    measure = _new_measure(incident=incident, party=party, actor=actor, kind=kind, grounds=grounds, fields=fields)
    if party.staff_id and kind not in ladders.SEPARATE:
        raise ValidationError(_("Een maatregel voor een medewerker begint met een voornemen."))
    refuse_if(_check_step(measure) + rules.check_decision(measure))
    measure.status = MeasureStatus.DECIDED
    measure.decided_by = actor
    measure.decided_on = timezone.localdate()
    measure.save()
    _after_decision(measure, actor)
    return measure


@transaction.atomic
def intend_staff_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, **fields) -> Measure:
    """Announce the intention of a disciplinary measure to an employee (CAO PO): nothing is decided
    until their response (zienswijze) is recorded."""
    if party.staff_id is None:
        raise ValidationError(_("Een voornemen is er alleen voor een medewerker."))
    measure = _new_measure(incident=incident, party=party, actor=actor, kind=kind, grounds=grounds, fields=fields)
    refuse_if(_check_step(measure) + rules.check_decision(measure, intending=True))
    measure.status = MeasureStatus.INTENDED
    measure.save()
    _pick_up(incident, actor)
    _entry(incident=incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Voornemen: %(kind)s voor %(name)s."), params={"kind": measure.kind, "name": party.person_name})
    audit.record(actor=actor, action=Action.MEASURE_PROPOSED, obj=measure, changes={"maatregel": kind})
    return measure


@transaction.atomic
def record_response(*, measure: Measure, actor, response: str, received_on: datetime.date) -> Measure:
    """Record the employee's zienswijze on an intended measure (or that they gave none by then)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("party", "incident").get(pk=measure.pk)
    if measure.status != MeasureStatus.INTENDED:
        raise ValidationError(_("Er is geen voornemen dat op een zienswijze wacht."))
    measure.employee_response = response.strip() or _("Geen zienswijze gegeven binnen de termijn.")
    measure.response_recorded_on = received_on
    measure.status = MeasureStatus.RESPONSE_RECEIVED
    measure.save(update_fields=["employee_response", "response_recorded_on", "status"])
    _entry(incident=measure.incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Zienswijze van de medewerker vastgelegd."))
    audit.record(actor=actor, action=Action.STATEMENT_RECORDED, obj=measure)
    return measure


@transaction.atomic
def decide_staff_measure(*, measure: Measure, actor) -> Measure:
    """Decide an intended staff measure once the employee's response is recorded (CAO PO)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("party__staff", "incident__category").get(pk=measure.pk)
    if measure.is_decided:
        raise ValidationError(_("Over deze maatregel is al besloten."))
    refuse_if(rules.check_decision(measure))
    measure.status = MeasureStatus.DECIDED
    measure.decided_by = actor
    measure.decided_on = timezone.localdate()
    measure.save(update_fields=["status", "decided_by", "decided_on"])
    _after_decision(measure, actor)
    return measure


def _after_decision(measure: Measure, actor) -> None:
    incident = measure.incident
    _pick_up(incident, actor)
    _entry(incident=incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Besloten: %(kind)s voor %(name)s."),
           params={"kind": measure.kind, "name": measure.party.person_name})
    audit.record(actor=actor, action=Action.MEASURE_DECIDED, obj=measure,
                 changes={"maatregel": measure.kind, "voorgesteld": measure.proposed_kind,
                          "reden afwijking": measure.deviation_reason})
    if measure.kind not in ladders.SEPARATE:
        file_letter(measure=measure, actor=actor)


def dossiers_of(party: Party) -> list[dict]:
    """Where a letter about this party is filed: the pupil's dossier, a parent's children's
    dossiers (the protocol files parents' correspondence in the leerlingendossier), or the
    employee's personeelsdossier."""
    if party.pupil_id:
        return [{"pupil": party.pupil}]
    if party.guardian_id:
        return [{"pupil": pupil} for pupil in party.guardian.pupils.all()]
    if party.staff_id:
        return [{"staff": party.staff}]
    return []


@transaction.atomic
def file_letter(*, measure: Measure, actor) -> list[DossierDocument]:
    """Generate the decision letter of `measure` as PDF and file it in every dossier it belongs to."""
    pdf = letters.render_pdf(measure)
    sha256 = hashlib.sha256(pdf).hexdigest()
    title = _("Besluit %(kind)s – %(name)s") % {"kind": measure.get_kind_display(), "name": measure.party.person_name}
    documents = []
    for owner in dossiers_of(measure.party):
        document = DossierDocument(kind=DocumentKind.LETTER, title=title, measure=measure, original_name=f"besluit-{measure.pk}.pdf",
                                   content_type="application/pdf", size=len(pdf), sha256=sha256, created_by=actor, **owner)
        document.file.save(f"besluit-{measure.pk}.pdf", ContentFile(pdf), save=False)
        document.save()
        documents.append(document)
    _entry(incident=measure.incident, author=actor, kind=EntryKind.LETTER, measure=measure,
           message=gettext_noop("Brief '%(title)s' opgesteld en in het dossier opgenomen."), params={"title": title})
    audit.record(actor=actor, action=Action.LETTER_WRITTEN, obj=measure, changes={"sha256": sha256})
    return documents


@transaction.atomic
def email_letter(*, measure: Measure, actor) -> list[str]:
    """E-mail the decision letter of a decided measure to its addressees (the pupil's parents, the
    parent, or the employee), the PDF filed in the dossier attached, and record on the timeline
    and in the audit trail to whom it went. Refused when there is no letter or no e-mail address."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_related("party__pupil", "party__guardian", "party__staff", "incident",
                                             "decided_by", "created_by").get(pk=measure.pk)
    document = measure.documents.filter(kind=DocumentKind.LETTER).order_by("-created_at", "-id").first()
    if not measure.is_decided or document is None:
        raise ValidationError(_("Er is nog geen besluitbrief om te versturen."))
    to = letters.email_addresses(measure)
    if not to:
        raise ValidationError(_("Van de geadresseerden is geen e-mailadres bekend; druk de brief af en stuur hem per post."))
    with document.file.open("rb") as file:
        pdf = file.read()
    people = letters.recipients(measure)
    with translation.override("nl"):
        mail.decision_letter(to=to, attachments=[(document.original_name, pdf, "application/pdf")], context={
            "salutation": letters.salutation(people), "sender": letters.sender_name(measure),
            "deadline": date_format(measure.objection_deadline, "j F Y") if measure.objection_deadline else "",
        })
    names = ", ".join(person.full_name for person in people if getattr(person, "email", ""))
    _entry(incident=measure.incident, author=actor, kind=EntryKind.LETTER, measure=measure,
           message=gettext_noop("Brief '%(title)s' per e-mail verstuurd aan %(names)s."),
           params={"title": document.title, "names": names})
    audit.record(actor=actor, action=Action.LETTER_MAILED, obj=measure, changes={"aan": len(to), "sha256": document.sha256})
    return to


@transaction.atomic
def record_acceptance(*, measure: Measure, actor, school_name: str, accepted_on: datetime.date) -> Measure:
    """Record that another school accepts the pupil: only then is a verwijdering final (WPO art. 40 lid 5)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("incident").get(pk=measure.pk)
    if measure.kind != MeasureKind.EXPULSION or measure.status != MeasureStatus.DECIDED:
        raise ValidationError(_("Alleen een besloten verwijdering wacht op toelating door een andere school."))
    measure.other_school_name = school_name.strip()
    measure.other_school_accepted_on = accepted_on
    refuse_if(rules.check_final(measure))
    measure.status = MeasureStatus.FINAL
    measure.save(update_fields=["other_school_name", "other_school_accepted_on", "status"])
    _entry(incident=measure.incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Verwijdering definitief: toegelaten op %(school)s."),
           params={"school": measure.other_school_name})
    audit.record(actor=actor, action=Action.EXPULSION_FINALISED, obj=measure, changes={"school": measure.other_school_name})
    return measure


@transaction.atomic
def upload_correspondence(*, actor, title: str, upload, pupil=None, staff=None) -> DossierDocument:
    """File correspondence (a letter received, a report) in a pupil's or staff member's dossier."""
    people_access.require_directie(actor)
    if (pupil is None) == (staff is None):
        raise ValueError("exactly one of pupil or staff")
    content_type, sha256, size = check_upload(upload)
    document = DossierDocument(kind=DocumentKind.CORRESPONDENCE, title=title.strip(), original_name=upload.name[:255],
                               content_type=content_type, size=size, sha256=sha256, created_by=actor, pupil=pupil, staff=staff)
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit.record(actor=actor, action=Action.DOCUMENT_ADDED, obj=document, changes={"sha256": sha256})
    return document


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
