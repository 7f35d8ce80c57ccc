"""Staff acknowledge the version in force; directie reminds who has not."""


from django.db import transaction
from django.utils.translation import gettext as _

from julianaschool import audit, mail
from julianaschool.access import is_staff_member
from julianaschool.links import absolute_reverse
from julianaschool.names import account_name

from .. import acknowledgements
from ..audit_actions import Action
from ..models import (
    Acknowledgement,
    ProtocolVersion,
)
from ._common import Refused, _require_directie


@transaction.atomic
def acknowledge(*, user, version: ProtocolVersion) -> Acknowledgement:
    """A staff member declares they read the version in force (idempotent: once per version)."""

    if not is_staff_member(user):
        raise Refused(_("Alleen medewerkers van de school bevestigen dat zij het protocol gelezen hebben."))
    if not version.is_in_force:
        raise Refused(_("Alleen het geldende protocol kan als gelezen worden bevestigd."))
    ack, created = Acknowledgement.objects.get_or_create(version=version, user=user)
    if created:
        audit.record(actor=user, action=Action.VERSION_ACKNOWLEDGED, obj=version, changes={"version": version.number})
    return ack


@transaction.atomic
def send_acknowledgement_reminders(*, actor, version: ProtocolVersion) -> list[str]:
    """Mails every staff member who has not yet confirmed reading the version in force; returns
    the addresses mailed."""
    _require_directie(actor, _("een herinnering sturen"))
    if not version.is_in_force:
        raise Refused(_("Herinneringen gaan alleen over het geldende protocol."))
    missing = [row["staff"] for row in acknowledgements.status_per_staff(version) if row["acknowledgement"] is None]
    url = absolute_reverse("policy:acknowledge")
    sent = []
    for staff in missing:
        email = staff.user.email or staff.email
        if not email:
            continue
        context = {"version": version, "staff": staff, "url": url, "sender": account_name(actor)}
        mail.policy_acknowledgement_request(to=email, context=context)
        sent.append(email)
    audit.record(actor=actor, action=Action.ACKNOWLEDGEMENT_REMINDER_SENT, obj=version, changes={"recipients": sent})
    return sent
