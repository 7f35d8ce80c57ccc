"""The medezeggenschapsraad (optional step between adopted and approved): its recorded decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit
from julianaschool.uploads import accept_upload

from ..audit_actions import Action
from ..models import (
    MrDecision,
    ProtocolVersion,
    VersionStatus,
)
from ._common import Refused, _lock, _require_directie, _require_status


@transaction.atomic
def record_mr_decision(*, actor, version: ProtocolVersion, decided_on: datetime.date, outcome: str, minutes,
                       comment: str = "") -> MrDecision:
    """Directie records the MR's advice or consent on an adopted version, with the minutes
    (checked by the portal's upload check). Append-only: a later decision is a new row."""
    _require_directie(actor, _("het besluit van de MR vastleggen"))
    version = _lock(version)
    _require_status(version, VersionStatus.ADOPTED, _("een besluit van de MR krijgen"))
    if outcome not in MrDecision.Outcome.values:
        raise Refused(_("Kies de uitkomst van de MR."))
    if decided_on > timezone.localdate():
        raise Refused(_("De datum van de MR-vergadering kan niet in de toekomst liggen."))
    if version.adopted_on and decided_on < version.adopted_on.replace(day=1):
        raise Refused(_("De MR kan niet over deze versie besloten hebben vóór die werd vastgesteld."))

    try:
        content_type, digest = accept_upload(minutes)
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    decision = MrDecision(version=version, decided_on=decided_on, outcome=outcome, comment=comment.strip(),
                          recorded_by=actor, minutes_sha256=digest, minutes_content_type=content_type)
    decision.minutes.save(f"mr-versie-{version.number}-{decided_on.isoformat()}.{content_type.split('/')[-1]}",
                          minutes, save=False)
    decision.save()
    audit.record(actor=actor, action=Action.MR_DECISION_RECORDED, obj=version,
                 changes={"outcome": outcome, "decided_on": decided_on, "sha256": digest})
    return decision
