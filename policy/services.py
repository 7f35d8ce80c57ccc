"""Every write of the policy app: drafting, the approval path, reviews and acknowledgements.

Each function checks who may do it and in which state, and refuses with `Refused` (a plain
Dutch message for the user) before changing anything. Once a version is adopted its text never
changes again: every text-changing function starts with `_require_editable`.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from julianaschool import audit, mail, school_calendar
from julianaschool.access import has_role, is_directie
from julianaschool.models import BoardMember, Guardian, Role, StaffMember
from julianaschool.uploads import accept_upload

from . import acknowledgements
from .models import (
    OPEN_STATUSES,
    REVIEW_SOON_SCHOOL_DAYS,
    REVIEW_WARNING_SCHOOL_DAYS,
    Acknowledgement,
    ChangeKind,
    MrDecision,
    ProtocolVersion,
    Review,
    ReviewReminder,
    Section,
    SignedCopy,
    VersionStatus,
    VersionStep,
)


class Refused(Exception):
    """A change the rules do not allow. `str(error)` is the message to show the user."""


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _date(day: datetime.date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def _url(name: str, *args) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def _require_directie(actor, what: str) -> None:
    if not is_directie(actor):
        raise Refused(_("Alleen de directie mag %(what)s.") % {"what": what})


def _require_board(actor, what: str) -> None:
    if not has_role(actor, Role.BESTUUR):
        raise Refused(_("Alleen het bestuur mag %(what)s.") % {"what": what})


def _require_status(version: ProtocolVersion, status: str, what: str) -> None:
    if version.status != status:
        raise Refused(
            _("Versie %(number)s kan niet %(what)s: de status is '%(current)s' en dat moet '%(needed)s' zijn.")
            % {
                "number": version.number,
                "what": what,
                "current": version.get_status_display(),
                "needed": VersionStatus(status).label,
            }
        )


def _require_editable(version: ProtocolVersion) -> None:
    """The immutability rule: only a concept's text changes."""
    if not version.is_editable:
        raise Refused(
            _(
                "Versie %(number)s is %(status)s; de tekst verandert niet meer. "
                "Begin een nieuwe versie om iets te wijzigen."
            )
            % {"number": version.number, "status": version.get_status_display().lower()}
        )


def _lock(version: ProtocolVersion) -> ProtocolVersion:
    """Re-read the version under a row lock so two clicks cannot both take the same step."""
    return ProtocolVersion.objects.select_for_update().get(pk=version.pk)


def _record_step(*, version: ProtocolVersion, from_status: str, actor, comment: str,
                 public_note: str = "") -> VersionStep:
    return VersionStep.objects.create(
        version=version, from_status=from_status, to_status=version.status, actor=actor,
        actor_name=_name(actor) if actor else "systeem", comment=comment, public_note=public_note.strip(),
    )


def _number_for(based_on: ProtocolVersion | None, kind: str) -> tuple[int, int]:
    """Editorial: 1.0 -> 1.1; substantive: 1.1 -> 2.0."""
    if based_on is None:
        return (1, 0)
    if kind == ChangeKind.EDITORIAL:
        return (based_on.major, based_on.minor + 1)
    return (based_on.major + 1, 0)


# --- Drafting


@transaction.atomic
def start_draft(*, actor, kind: str = ChangeKind.SUBSTANTIVE) -> ProtocolVersion:
    """A new concept, a copy of the version in force (sections with the same keys, so the compare
    view pairs them). Refused when another version is still on its way to publication."""
    _require_directie(actor, _("een nieuwe versie beginnen"))
    open_version = ProtocolVersion.objects.select_for_update().filter(status__in=OPEN_STATUSES).first()
    if open_version is not None:
        raise Refused(
            _("Er is al een versie in behandeling (versie %(number)s, %(status)s). Rond die eerst af.")
            % {"number": open_version.number, "status": open_version.get_status_display().lower()}
        )
    scheduled = ProtocolVersion.objects.scheduled().first()
    if scheduled is not None:
        raise Refused(
            _("Versie %(number)s gaat in op %(date)s. Begin een nieuwe versie vanaf die datum.")
            % {"number": scheduled.number, "date": _date(scheduled.effective_from)}
        )
    based_on = ProtocolVersion.objects.in_force()
    major, minor = _number_for(based_on, kind)
    version = ProtocolVersion.objects.create(
        major=major, minor=minor, kind=kind, status=VersionStatus.CONCEPT, based_on=based_on,
        title=based_on.title if based_on else ProtocolVersion._meta.get_field("title").default,
        chair_name=based_on.chair_name if based_on else "", created_by=actor,
        needs_mr=settings.PROTOCOL_MR_STEP,
    )
    if based_on is not None:
        old_to_new: dict[int, Section] = {}
        # Parents before children, so each copy can point at its parent's copy.
        for section in sorted(based_on.sections.all(), key=lambda s: (s.parent_id is not None, s.position)):
            old_to_new[section.pk] = Section.objects.create(
                version=version, parent=old_to_new.get(section.parent_id), position=section.position,
                key=section.key, title=section.title, body=section.body, style=section.style,
            )
    _record_step(version=version, from_status="", actor=actor,
                 comment=_("Gestart vanaf versie %(number)s.") % {"number": based_on.number} if based_on else "")
    audit.record(actor=actor, action="policy.start_draft", obj=version,
                 changes={"number": version.number, "based_on": based_on.number if based_on else None})
    return version


@transaction.atomic
def update_details(*, actor, version: ProtocolVersion, kind: str, change_summary: str, period: str = "",
                   needs_mr: bool | None = None) -> ProtocolVersion:
    """Kind of change, change summary and period of a concept, and whether the MR is asked
    before the board approves; the number follows the kind."""
    _require_directie(actor, _("een concept wijzigen"))
    version = _lock(version)
    _require_editable(version)
    before = audit.snapshot(version, ["kind", "change_summary", "period", "major", "minor", "needs_mr"])
    version.kind = kind
    version.major, version.minor = _number_for(version.based_on, kind)
    version.change_summary = change_summary.strip()
    version.period = period.strip()
    if needs_mr is not None:
        version.needs_mr = needs_mr
    version.save(update_fields=["kind", "major", "minor", "change_summary", "period", "needs_mr"])
    audit.record(actor=actor, action="policy.update_details", obj=version,
                 changes=audit.diff(before, audit.snapshot(version, list(before))))
    return version


def _unique_key(version: ProtocolVersion, title: str) -> str:
    base = slugify(title)[:70] or "hoofdstuk"
    taken = set(version.sections.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def add_section(*, actor, version: ProtocolVersion, title: str, parent: Section | None = None, body: str = "",
                style: str = Section.Style.NORMAL) -> Section:
    """A new section at the end of its level (top level, or under `parent`)."""
    _require_directie(actor, _("een hoofdstuk toevoegen"))
    version = _lock(version)
    _require_editable(version)
    if parent is not None and (parent.version_id != version.pk or parent.parent_id is not None):
        raise Refused(_("Een subhoofdstuk hoort onder een hoofdstuk van dezelfde versie."))
    last = version.sections.filter(parent=parent).aggregate(m=Max("position"))["m"] or 0
    section = Section.objects.create(
        version=version, parent=parent, position=last + 1, key=_unique_key(version, title),
        title=title.strip(), body=body, style=style,
    )
    audit.record(actor=actor, action="policy.add_section", obj=section,
                 changes={"version": version.number, "title": section.title, "parent": str(parent) if parent else None})
    return section


@transaction.atomic
def update_section(*, actor, section: Section, title: str, body: str, style: str | None = None) -> Section:
    """New title and/or text of a concept's section (the key stays, so compare still pairs it)."""
    _require_directie(actor, _("een hoofdstuk wijzigen"))
    _require_editable(_lock(section.version))
    section = Section.objects.select_for_update().get(pk=section.pk)
    before = audit.snapshot(section, ["title", "body", "style"])
    section.title = title.strip()
    section.body = body.replace("\r\n", "\n")
    if style:
        section.style = style
    section.save(update_fields=["title", "body", "style"])
    audit.record(actor=actor, action="policy.update_section", obj=section,
                 changes=audit.diff(before, audit.snapshot(section, list(before))))
    return section


@transaction.atomic
def delete_section(*, actor, section: Section) -> None:
    """Removes a concept's section together with its sub-sections."""
    _require_directie(actor, _("een hoofdstuk verwijderen"))
    _require_editable(_lock(section.version))
    audit.record(actor=actor, action="policy.delete_section", obj=section,
                 changes={"version": section.version.number, "title": section.title,
                          "children": list(section.children.values_list("title", flat=True))})
    section.delete()


@transaction.atomic
def move_section(*, actor, section: Section, direction: str) -> Section:
    """Swaps the section with its neighbour above ('up') or below ('down') on the same level."""
    _require_directie(actor, _("de volgorde wijzigen"))
    _require_editable(_lock(section.version))
    siblings = list(Section.objects.select_for_update().filter(version=section.version_id, parent=section.parent_id)
                    .order_by("position", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(siblings):
        raise Refused(_("Dit hoofdstuk staat al bovenaan of onderaan."))
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            sibling.save(update_fields=["position"])
    audit.record(actor=actor, action="policy.move_section", obj=section,
                 changes={"direction": direction, "order": [s.title for s in siblings]})
    return Section.objects.get(pk=section.pk)


@transaction.atomic
def discard_draft(*, actor, version: ProtocolVersion) -> None:
    """Throws away a concept that will not be adopted (its number becomes free again)."""
    _require_directie(actor, _("een concept weggooien"))
    version = _lock(version)
    _require_status(version, VersionStatus.CONCEPT, _("weggegooid worden"))
    if version.mr_decisions.exists():
        # The MR's decision is a record of its own (append-only): it keeps its version.
        raise Refused(_("De medezeggenschapsraad heeft over deze versie besloten; die kan niet meer worden "
                        "weggegooid. Pas het concept aan of stel het opnieuw vast."))
    audit.record(actor=actor, action="policy.discard_draft", obj=version, changes={"number": version.number})
    version.sections.filter(parent__isnull=False).delete()
    version.delete()


# --- The approval path


@transaction.atomic
def adopt(*, actor, version: ProtocolVersion, comment: str = "", public_note: str = "") -> ProtocolVersion:
    """concept -> vastgesteld (directie). Requires a change summary; from now on the text is fixed."""
    _require_directie(actor, _("een versie vaststellen"))
    version = _lock(version)
    _require_status(version, VersionStatus.CONCEPT, _("vastgesteld worden"))
    if not version.change_summary.strip():
        raise Refused(_("Schrijf eerst bij 'Wat is er veranderd en waarom' wat er veranderd is; dat is nodig om vast te stellen."))
    if not version.sections.exists():
        raise Refused(_("Een versie zonder hoofdstukken kan niet worden vastgesteld."))
    version.status = VersionStatus.VASTGESTELD
    version.adopted_on = timezone.localdate()
    version.save(update_fields=["status", "adopted_on"])
    _record_step(version=version, from_status=VersionStatus.CONCEPT, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action="policy.adopt", obj=version, changes={"status": ["concept", "vastgesteld"]})
    board = BoardMember.objects.filter(user__is_active=True).select_related("user")
    mail.policy_adopted(to=[m.user.email for m in board],
                        context={"version": version, "actor_name": _name(actor), "url": _url("policy:version", version.pk)})
    return version


@transaction.atomic
def return_to_concept(*, actor, version: ProtocolVersion, comment: str, public_note: str = "") -> ProtocolVersion:
    """vastgesteld -> concept, when the board asks for changes (board or directie; a reason is required)."""
    if not (is_directie(actor) or has_role(actor, Role.BESTUUR)):
        raise Refused(_("Alleen de directie of het bestuur mag een versie terugzetten naar concept."))
    version = _lock(version)
    _require_status(version, VersionStatus.VASTGESTELD, _("terug naar concept"))
    if not comment.strip():
        raise Refused(_("Schrijf bij 'Toelichting' wat er moet veranderen."))
    version.status = VersionStatus.CONCEPT
    version.adopted_on = None
    version.save(update_fields=["status", "adopted_on"])
    _record_step(version=version, from_status=VersionStatus.VASTGESTELD, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action="policy.return_to_concept", obj=version,
                 changes={"status": ["vastgesteld", "concept"], "comment": comment})
    return version


@transaction.atomic
def approve(*, actor, version: ProtocolVersion, comment: str = "", public_note: str = "") -> ProtocolVersion:
    """vastgesteld -> goedgekeurd (bestuur). The voorzitter's name goes on the version."""
    _require_board(actor, _("een versie goedkeuren"))
    version = _lock(version)
    _require_status(version, VersionStatus.VASTGESTELD, _("goedgekeurd worden"))
    if version.mr_required:
        decision = version.mr_decision
        if decision is None:
            raise Refused(_("Eerst legt de directie het advies of de instemming van de medezeggenschapsraad vast; "
                            "daarna kan het bestuur goedkeuren."))
        if not decision.allows_approval:
            raise Refused(_("De medezeggenschapsraad heeft de instemming geweigerd; deze versie kan niet worden "
                            "goedgekeurd. Zet haar terug naar concept."))
    chair = BoardMember.objects.filter(is_chair=True).first()
    version.status = VersionStatus.GOEDGEKEURD
    version.approved_on = timezone.localdate()
    version.chair_name = chair.full_name if chair else _name(actor)
    version.save(update_fields=["status", "approved_on", "chair_name"])
    _record_step(version=version, from_status=VersionStatus.VASTGESTELD, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action="policy.approve", obj=version, changes={"status": ["vastgesteld", "goedgekeurd"]})
    User = get_user_model()
    directie = User.objects.filter(is_active=True, groups__name=Role.DIRECTIE).exclude(email="")
    mail.policy_approved(to=[u.email for u in directie],
                         context={"version": version, "actor_name": _name(actor), "url": _url("policy:version", version.pk)})
    # The approval record: what the board signed, kept after publication.
    _sign(version=version, actor=actor, kind=SignedCopy.Kind.APPROVAL)
    return version


@transaction.atomic
def publish(*, actor, version: ProtocolVersion, effective_from: datetime.date, review_on: datetime.date,
            comment: str = "", public_note: str = "") -> ProtocolVersion:
    """goedgekeurd -> gepubliceerd (directie) with an effective date and a review date.

    An effective date up to today puts the version in force at once; a later one publishes it
    "per" that date: it shows as "gaat in op ..." until then, and on that day it is the version in
    force and the previous one is superseded, computed from the dates (see
    ProtocolVersionQuerySet.in_force), so nothing waits for a job. Either way exactly one version
    is in force on any day. The signed PDF of the document in force is made now (when the
    board's certificate is configured), and every staff member is mailed."""
    _require_directie(actor, _("een versie publiceren"))
    version = _lock(version)
    _require_status(version, VersionStatus.GOEDGEKEURD, _("gepubliceerd worden"))
    if version.approved_on and effective_from < version.approved_on:
        raise Refused(_("'Geldig vanaf' kan niet vóór de goedkeuring door het bestuur liggen."))
    if review_on <= effective_from:
        raise Refused(_("'Te herzien' moet na 'Geldig vanaf' liggen."))
    today = timezone.localdate()
    at_once = effective_from <= today
    previous = ProtocolVersion.objects.in_force(today)
    if previous is not None:
        previous = _lock(previous)
        if previous.effective_from and effective_from < previous.effective_from:
            raise Refused(_("'Geldig vanaf' kan niet vóór het begin van de geldende versie (%(date)s) liggen.")
                          % {"date": _date(previous.effective_from)})
        previous.superseded_on = effective_from
        fields = ["superseded_on"]
        if at_once:
            previous.status = VersionStatus.VERVALLEN
            fields.append("status")
        previous.save(update_fields=fields)
        _record_step(version=previous, from_status=VersionStatus.GEPUBLICEERD, actor=actor, comment="",
                     public_note=_("Vervangen door versie %(number)s per %(date)s.")
                     % {"number": version.number, "date": _date(effective_from)})
        audit.record(actor=actor, action="policy.supersede", obj=previous,
                     changes={"status": ["gepubliceerd", "vervallen"], "by": version.number,
                              "superseded_on": effective_from})
    # Tidy the stored status of versions whose end date has come (the dates already say so).
    ProtocolVersion.objects.filter(status=VersionStatus.GEPUBLICEERD, superseded_on__lte=today).update(
        status=VersionStatus.VERVALLEN)
    version.status = VersionStatus.GEPUBLICEERD
    version.effective_from = effective_from
    version.review_on = review_on
    if not version.period:
        version.period = f"{effective_from.year}-{review_on.year}"
    version.save(update_fields=["status", "effective_from", "review_on", "period"])
    _record_step(version=version, from_status=VersionStatus.GOEDGEKEURD, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action="policy.publish", obj=version,
                 changes={"status": ["goedgekeurd", "gepubliceerd"], "effective_from": effective_from,
                          "review_on": review_on, "superseded": previous.number if previous else None,
                          "scheduled": not at_once})
    _sign(version=version, actor=actor, kind=SignedCopy.Kind.PUBLICATION)
    _mail_staff_published(version=version, at_once=at_once)
    return version


def _sign(*, version: ProtocolVersion, actor, kind: str) -> None:
    from . import pdf_services
    from .signing import SigningNotConfigured

    try:
        pdf_services.signed_copy(version=version, actor=actor, kind=kind)
    except SigningNotConfigured:
        # Without the board's certificate the portal still publishes; the signed copy is made at
        # the first download once the certificate is in place (README).
        pass


def _mail_staff_published(*, version: ProtocolVersion, at_once: bool) -> None:
    """Every current staff member; a version published per a later date is announced on that day."""
    not_before = None
    if not at_once:
        not_before = timezone.make_aware(datetime.datetime.combine(version.effective_from, datetime.time(0, 0)))
    url = _url("policy:acknowledge") if version.is_substantive else _url("policy:current")
    staff = StaffMember.objects.filter(left_on__isnull=True, anonymised_at__isnull=True,
                                       user__is_active=True).select_related("user")
    for member in staff:
        email = member.user.email or member.email
        if email:
            mail.policy_published(to=email, context={"version": version, "staff": member, "url": url},
                                  not_before=not_before)


def parents_to_inform():
    """Guardians with an account (and an address) who get the 'new protocol' note."""
    return (Guardian.objects.filter(user__isnull=False, user__is_active=True, anonymised_at__isnull=True)
            .select_related("user"))


@transaction.atomic
def inform_parents(*, actor, version: ProtocolVersion) -> list[str]:
    """A short note to every guardian with an account that a new protocol is (or will be) in
    force, linking to the public page; returns the addresses mailed. Asked once per version."""
    _require_directie(actor, _("ouders informeren"))
    version = _lock(version)
    if version.status != VersionStatus.GEPUBLICEERD or not (version.is_in_force or version.is_scheduled):
        raise Refused(_("Ouders worden alleen geïnformeerd over een gepubliceerde versie die geldt of gaat gelden."))
    if parents_informed(version):
        raise Refused(_("De ouders zijn al geïnformeerd over versie %(number)s.") % {"number": version.number})
    url = _url("policy:current")
    sent = []
    for guardian in parents_to_inform():
        email = guardian.user.email or guardian.email
        if email and email not in sent:
            mail.policy_parents_informed(to=email, context={"version": version, "url": url})
            sent.append(email)
    audit.record(actor=actor, action="policy.parents_informed", obj=version, changes={"count": len(sent)})
    return sent


def parents_informed(version: ProtocolVersion) -> bool:
    """Whether the guardians were already mailed about this version (the audit trail says)."""
    from django.contrib.contenttypes.models import ContentType

    from julianaschool.models import AuditEntry

    return AuditEntry.objects.filter(action="policy.parents_informed", object_id=str(version.pk),
                                     content_type=ContentType.objects.get_for_model(ProtocolVersion)).exists()


# --- The medezeggenschapsraad


@transaction.atomic
def record_mr_decision(*, actor, version: ProtocolVersion, decided_on: datetime.date, outcome: str, minutes,
                       comment: str = "") -> MrDecision:
    """Directie records the MR's advice or consent on an adopted version, with the minutes
    (checked by the portal's upload check). Append-only: a later decision is a new row."""
    _require_directie(actor, _("het besluit van de MR vastleggen"))
    version = _lock(version)
    _require_status(version, VersionStatus.VASTGESTELD, _("een besluit van de MR krijgen"))
    if outcome not in MrDecision.Outcome.values:
        raise Refused(_("Kies de uitkomst van de MR."))
    if decided_on > timezone.localdate():
        raise Refused(_("De datum van de MR-vergadering kan niet in de toekomst liggen."))
    if version.adopted_on and decided_on < version.adopted_on.replace(day=1):
        raise Refused(_("De MR kan niet over deze versie besloten hebben vóór die werd vastgesteld."))
    from django.core.exceptions import ValidationError

    try:
        content_type, digest = accept_upload(minutes)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    decision = MrDecision(version=version, decided_on=decided_on, outcome=outcome, comment=comment.strip(),
                          recorded_by=actor, minutes_sha256=digest, minutes_content_type=content_type)
    decision.minutes.save(f"mr-versie-{version.number}-{decided_on.isoformat()}.{content_type.split('/')[-1]}",
                          minutes, save=False)
    decision.save()
    audit.record(actor=actor, action="policy.mr_decision", obj=version,
                 changes={"outcome": outcome, "decided_on": decided_on, "sha256": digest})
    return decision


# --- Review without changes


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
    audit.record(actor=actor, action="policy.record_review", obj=version,
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
    audit.record(actor=actor, action="policy.confirm_review", obj=version,
                 changes={"review_on": [before, version.review_on]})
    return review


def _review_recipients() -> list[str]:
    User = get_user_model()
    users = User.objects.filter(is_active=True, groups__name=Role.DIRECTIE).exclude(email="")
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
               "url": settings.PORTAL_BASE_URL + reverse("policy:version", args=[version.pk])}
    mail.policy_review_reminder(to=recipients, context=context)
    reminder = ReviewReminder.objects.create(version=version, review_on=version.review_on, milestone=milestone,
                                             recipients=", ".join(recipients))
    audit.record(actor=None, action="policy.review_reminder", obj=version,
                 changes={"milestone": milestone, "review_on": version.review_on, "recipients": recipients})
    return reminder


# --- Acknowledgement


@transaction.atomic
def acknowledge(*, user, version: ProtocolVersion) -> Acknowledgement:
    """A staff member declares they read the version in force (idempotent: once per version)."""
    from julianaschool.access import is_staff_member

    if not is_staff_member(user):
        raise Refused(_("Alleen medewerkers van de school bevestigen dat zij het protocol gelezen hebben."))
    if not version.is_in_force:
        raise Refused(_("Alleen het geldende protocol kan als gelezen worden bevestigd."))
    ack, created = Acknowledgement.objects.get_or_create(version=version, user=user)
    if created:
        audit.record(actor=user, action="policy.acknowledge", obj=version, changes={"version": version.number})
    return ack


@transaction.atomic
def send_acknowledgement_reminders(*, actor, version: ProtocolVersion) -> list[str]:
    """Mails every staff member who has not yet confirmed reading the version in force; returns
    the addresses mailed."""
    _require_directie(actor, _("een herinnering sturen"))
    if not version.is_in_force:
        raise Refused(_("Herinneringen gaan alleen over het geldende protocol."))
    missing = [row["staff"] for row in acknowledgements.status_per_staff(version) if row["acknowledgement"] is None]
    url = settings.PORTAL_BASE_URL + reverse("policy:acknowledge")
    sent = []
    for staff in missing:
        email = staff.user.email or staff.email
        if not email:
            continue
        context = {"version": version, "staff": staff, "url": url, "sender": _name(actor)}
        mail.policy_acknowledgement_request(to=email, context=context)
        sent.append(email)
    audit.record(actor=actor, action="policy.acknowledgement_reminder", obj=version, changes={"recipients": sent})
    return sent
