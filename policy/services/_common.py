"""What every policy service shares: the role and state checks, the step record (refusals are the core's `Refused`)."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from julianaschool.access import has_role, is_directie
from julianaschool.errors import Refused
from julianaschool.models import Role
from julianaschool.names import account_name

from ..models import (
    ChangeKind,
    ProtocolVersion,
    VersionStatus,
    VersionStep,
)


def _date(day: datetime.date) -> str:

    return date_format(day, "j F Y")


def _require_directie(actor, what: str) -> None:
    if not is_directie(actor):
        raise Refused(_("Alleen de directie mag %(what)s.") % {"what": what})


def _require_board(actor, what: str) -> None:
    if not has_role(actor, Role.BOARD):
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
        actor_name=account_name(actor) if actor else "systeem", comment=comment, public_note=public_note.strip(),
    )


def _number_for(based_on: ProtocolVersion | None, kind: str) -> tuple[int, int]:
    """Editorial: 1.0 -> 1.1; substantive: 1.1 -> 2.0."""
    if based_on is None:
        return (1, 0)
    if kind == ChangeKind.EDITORIAL:
        return (based_on.major, based_on.minor + 1)
    return (based_on.major + 1, 0)
