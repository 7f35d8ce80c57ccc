"""What the policy app adds to the dashboard and the navigation (see PORTAL_DASHBOARD_PROVIDERS)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from julianaschool.access import has_role, is_directie
from julianaschool.models import Role

from . import acknowledgements
from .models import ProtocolVersion, VersionStatus


def sections(request) -> list[dict]:
    """Dashboard sections for this user: dicts with 'template', 'context' and 'priority'
    (lower comes first; 0 is for what must be seen before anything else)."""
    user = request.user
    result = []
    directie, board = is_directie(user), has_role(user, Role.BOARD)
    if directie or board:
        in_force = ProtocolVersion.objects.in_force()
        status = in_force.review_status() if in_force else None
        pending_review = in_force.reviews.filter(confirmed_at__isnull=True).first() if in_force else None
        if status or pending_review:
            # The review date passing is what the directie and the board must see first.
            result.append({"template": "policy/_dashboard_review.html", "priority": 0, "context": {
                "version": in_force, "status": status or {}, "pending_review": pending_review,
            }})
        draft = ProtocolVersion.objects.open_draft() or ProtocolVersion.objects.scheduled().first()
        if draft is not None:
            waiting = ""
            if board and draft.status == VersionStatus.ADOPTED:
                waiting = _("Wacht op goedkeuring door het bestuur.")
            elif directie and draft.status == VersionStatus.APPROVED:
                waiting = _("Goedgekeurd: klaar om te publiceren.")
            elif directie and draft.status == VersionStatus.ADOPTED and draft.mr_required and not draft.mr_decision:
                waiting = _("Leg het advies of de instemming van de MR vast.")
            result.append({"template": "policy/_dashboard_workflow.html", "priority": 5,
                           "context": {"draft": draft, "waiting_for_you": waiting}})
        if directie and in_force is not None:
            missing, total = acknowledgements.counts_for(in_force)
            result.append({"template": "policy/_dashboard_acknowledgements.html", "priority": 20,
                           "context": {"version": in_force, "missing": missing, "total": total}})
    pending = acknowledgements.pending_for(user)
    if pending:
        result.append({"template": "policy/_dashboard_acknowledge.html", "priority": 5, "context": {"pending": pending}})
    return result


def nav_items(request) -> list[dict]:
    """Navigation items for this user: dicts with 'label', 'url' and 'active_prefix'."""
    return [{"label": _("Protocol"), "url": reverse("policy:current"), "active_prefix": "/protocol/"}]
