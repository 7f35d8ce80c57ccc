"""What the incidents app adds to the dashboard and the navigation (see PORTAL_DASHBOARD_PROVIDERS)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.models import Role

from . import access
from .models import Incident

SHOWN = 10  # items per list on the dashboard; the rest behind "alle N bekijken"


def sections(request) -> list[dict]:
    """Directie: serious and possibly-criminal open incidents first of all (priority 0), with those
    not picked up within 2 school days flagged. Reporters: the status of their own reports."""
    user = request.user
    result = []
    if people_access.is_directie(user):
        # The first SHOWN of each list, oldest first, and how many there are ("alle N bekijken").
        urgent = Incident.objects.urgent().select_related("category").order_by("reported_at", "id")
        overdue = Incident.objects.overdue().select_related("category").order_by("reported_at", "id")
        urgent_count, overdue_count = urgent.count(), overdue.count()
        if urgent_count or overdue_count:
            result.append({"template": "incidents/_dashboard_urgent.html", "priority": 0, "context": {
                "urgent": list(urgent[:SHOWN]), "overdue": list(overdue[:SHOWN]),
                "urgent_count": urgent_count, "overdue_count": overdue_count}})
    if access.can_report_incident(user):
        mine = Incident.objects.filter(reported_by=user).select_related("category")[:5]
        result.append({"template": "incidents/_dashboard_mine.html", "priority": 30, "context": {"mine": list(mine)}})
    return result


def nav_items(request) -> list[dict]:
    user = request.user
    items = []
    if access.can_report_incident(user):
        items.append({"label": _("Incidenten"), "url": reverse("incidents:list"), "active_prefix": "/incidenten/"})
    if people_access.is_directie(user) or people_access.has_role(user, Role.BOARD):
        items.append({"label": _("Dossiers"), "url": reverse("incidents:dossiers"), "active_prefix": "/incidenten/dossiers/"})
    return items
