"""Drafting: a new draft from the version in force, its details and sections, throwing it away."""


from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from julianaschool import audit

from ..audit_actions import Action
from ..models import (
    OPEN_STATUSES,
    ChangeKind,
    ProtocolVersion,
    Section,
    VersionStatus,
)
from ._common import (
    Refused,
    _date,
    _lock,
    _number_for,
    _record_step,
    _require_directie,
    _require_editable,
    _require_status,
)


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
        major=major, minor=minor, kind=kind, status=VersionStatus.DRAFT, based_on=based_on,
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
    audit.record(actor=actor, action=Action.DRAFT_STARTED, obj=version,
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
    audit.record(actor=actor, action=Action.DETAILS_CHANGED, obj=version,
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
    audit.record(actor=actor, action=Action.SECTION_ADDED, obj=section,
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
    audit.record(actor=actor, action=Action.SECTION_CHANGED, obj=section,
                 changes=audit.diff(before, audit.snapshot(section, list(before))))
    return section


@transaction.atomic
def delete_section(*, actor, section: Section) -> None:
    """Removes a concept's section together with its sub-sections."""
    _require_directie(actor, _("een hoofdstuk verwijderen"))
    _require_editable(_lock(section.version))
    audit.record(actor=actor, action=Action.SECTION_DELETED, obj=section,
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
    audit.record(actor=actor, action=Action.SECTION_MOVED, obj=section,
                 changes={"direction": direction, "order": [s.title for s in siblings]})
    return Section.objects.get(pk=section.pk)


@transaction.atomic
def discard_draft(*, actor, version: ProtocolVersion) -> None:
    """Throws away a concept that will not be adopted (its number becomes free again)."""
    _require_directie(actor, _("een concept weggooien"))
    version = _lock(version)
    _require_status(version, VersionStatus.DRAFT, _("weggegooid worden"))
    if version.mr_decisions.exists():
        # The MR's decision is a record of its own (append-only): it keeps its version.
        raise Refused(_("De medezeggenschapsraad heeft over deze versie besloten; die kan niet meer worden "
                        "weggegooid. Pas het concept aan of stel het opnieuw vast."))
    audit.record(actor=actor, action=Action.DRAFT_DISCARDED, obj=version, changes={"number": version.number})
    version.sections.filter(parent__isnull=False).delete()
    version.delete()
