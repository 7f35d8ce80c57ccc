"""The approval path: adopt (directie), approve (the board), publish at once or per a date (the signed
PDF of what is in force), and informing the parents."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit, mail
from julianaschool.access import has_role, is_directie
from julianaschool.links import absolute_reverse
from julianaschool.models import AuditEntry, BoardMember, Guardian, Role, StaffMember
from julianaschool.names import account_name

from ..audit_actions import Action
from ..models import (
    ProtocolVersion,
    SignedCopy,
    VersionStatus,
)
from ..signed_pdf import services as pdf_services
from ..signed_pdf.sign import SigningNotConfigured
from ._common import (
    Refused,
    _date,
    _lock,
    _record_step,
    _require_board,
    _require_directie,
    _require_status,
)


@transaction.atomic
def adopt(*, actor, version: ProtocolVersion, comment: str = "", public_note: str = "") -> ProtocolVersion:
    """concept -> vastgesteld (directie). Requires a change summary; from now on the text is fixed."""
    _require_directie(actor, _("een versie vaststellen"))
    version = _lock(version)
    _require_status(version, VersionStatus.DRAFT, _("vastgesteld worden"))
    if not version.change_summary.strip():
        raise Refused(_("Schrijf eerst bij 'Wat is er veranderd en waarom' wat er veranderd is; dat is nodig om vast te stellen."))
    if not version.sections.exists():
        raise Refused(_("Een versie zonder hoofdstukken kan niet worden vastgesteld."))
    version.status = VersionStatus.ADOPTED
    version.adopted_on = timezone.localdate()
    version.save(update_fields=["status", "adopted_on"])
    _record_step(version=version, from_status=VersionStatus.DRAFT, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action=Action.VERSION_ADOPTED, obj=version, changes={"status": ["concept", "vastgesteld"]})
    board = BoardMember.objects.filter(user__is_active=True).select_related("user")
    mail.policy_adopted(to=[m.user.email for m in board],
                        context={"version": version, "actor_name": account_name(actor), "url": absolute_reverse("policy:version", version.pk)})
    return version


@transaction.atomic
def return_to_concept(*, actor, version: ProtocolVersion, comment: str, public_note: str = "") -> ProtocolVersion:
    """vastgesteld -> concept, when the board asks for changes (board or directie; a reason is required)."""
    if not (is_directie(actor) or has_role(actor, Role.BOARD)):
        raise Refused(_("Alleen de directie of het bestuur mag een versie terugzetten naar concept."))
    version = _lock(version)
    _require_status(version, VersionStatus.ADOPTED, _("terug naar concept"))
    if not comment.strip():
        raise Refused(_("Schrijf bij 'Toelichting' wat er moet veranderen."))
    version.status = VersionStatus.DRAFT
    version.adopted_on = None
    version.save(update_fields=["status", "adopted_on"])
    _record_step(version=version, from_status=VersionStatus.ADOPTED, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action=Action.VERSION_RETURNED, obj=version,
                 changes={"status": ["vastgesteld", "concept"], "comment": comment})
    return version


@transaction.atomic
def approve(*, actor, version: ProtocolVersion, comment: str = "", public_note: str = "") -> ProtocolVersion:
    """vastgesteld -> goedgekeurd (bestuur). The voorzitter's name goes on the version."""
    _require_board(actor, _("een versie goedkeuren"))
    version = _lock(version)
    _require_status(version, VersionStatus.ADOPTED, _("goedgekeurd worden"))
    if version.mr_required:
        decision = version.mr_decision
        if decision is None:
            raise Refused(_("Eerst legt de directie het advies of de instemming van de medezeggenschapsraad vast; "
                            "daarna kan het bestuur goedkeuren."))
        if not decision.allows_approval:
            raise Refused(_("De medezeggenschapsraad heeft de instemming geweigerd; deze versie kan niet worden "
                            "goedgekeurd. Zet haar terug naar concept."))
    chair = BoardMember.objects.filter(is_chair=True).first()
    version.status = VersionStatus.APPROVED
    version.approved_on = timezone.localdate()
    version.chair_name = chair.full_name if chair else account_name(actor)
    version.save(update_fields=["status", "approved_on", "chair_name"])
    _record_step(version=version, from_status=VersionStatus.ADOPTED, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action=Action.VERSION_APPROVED, obj=version, changes={"status": ["vastgesteld", "goedgekeurd"]})
    User = get_user_model()
    directie = User.objects.filter(is_active=True, groups__name=Role.MANAGEMENT).exclude(email="")
    mail.policy_approved(to=[u.email for u in directie],
                         context={"version": version, "actor_name": account_name(actor), "url": absolute_reverse("policy:version", version.pk)})
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
    _require_status(version, VersionStatus.APPROVED, _("gepubliceerd worden"))
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
            previous.status = VersionStatus.SUPERSEDED
            fields.append("status")
        previous.save(update_fields=fields)
        _record_step(version=previous, from_status=VersionStatus.PUBLISHED, actor=actor, comment="",
                     public_note=_("Vervangen door versie %(number)s per %(date)s.")
                     % {"number": version.number, "date": _date(effective_from)})
        audit.record(actor=actor, action=Action.VERSION_SUPERSEDED, obj=previous,
                     changes={"status": ["gepubliceerd", "vervallen"], "by": version.number,
                              "superseded_on": effective_from})
    # Tidy the stored status of versions whose end date has come (the dates already say so).
    ProtocolVersion.objects.filter(status=VersionStatus.PUBLISHED, superseded_on__lte=today).update(
        status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.PUBLISHED
    version.effective_from = effective_from
    version.review_on = review_on
    if not version.period:
        version.period = f"{effective_from.year}-{review_on.year}"
    version.save(update_fields=["status", "effective_from", "review_on", "period"])
    _record_step(version=version, from_status=VersionStatus.APPROVED, actor=actor, comment=comment,
                 public_note=public_note)
    audit.record(actor=actor, action=Action.VERSION_PUBLISHED, obj=version,
                 changes={"status": ["goedgekeurd", "gepubliceerd"], "effective_from": effective_from,
                          "review_on": review_on, "superseded": previous.number if previous else None,
                          "scheduled": not at_once})
    _sign(version=version, actor=actor, kind=SignedCopy.Kind.PUBLICATION)
    _mail_staff_published(version=version, at_once=at_once)
    return version


def _sign(*, version: ProtocolVersion, actor, kind: str) -> None:
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
    url = absolute_reverse("policy:acknowledge") if version.is_substantive else absolute_reverse("policy:current")
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
    if version.status != VersionStatus.PUBLISHED or not (version.is_in_force or version.is_scheduled):
        raise Refused(_("Ouders worden alleen geïnformeerd over een gepubliceerde versie die geldt of gaat gelden."))
    if parents_informed(version):
        raise Refused(_("De ouders zijn al geïnformeerd over versie %(number)s.") % {"number": version.number})
    url = absolute_reverse("policy:current")
    sent = []
    for guardian in parents_to_inform():
        email = guardian.user.email or guardian.email
        if email and email not in sent:
            mail.policy_parents_informed(to=email, context={"version": version, "url": url})
            sent.append(email)
    audit.record(actor=actor, action=Action.PARENTS_INFORMED, obj=version, changes={"count": len(sent)})
    return sent


def parents_informed(version: ProtocolVersion) -> bool:
    """Whether the guardians were already mailed about this version (the audit trail says)."""


    return AuditEntry.objects.filter(action__in=audit.stored_as(Action.PARENTS_INFORMED), object_id=str(version.pk),
                                     content_type=ContentType.objects.get_for_model(ProtocolVersion)).exists()
