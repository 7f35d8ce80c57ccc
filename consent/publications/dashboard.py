"""What publications add to the dashboard and the menu (see PORTAL_DASHBOARD_PROVIDERS)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import access as people_access

from . import access
from .models import Takedown


def sections(request) -> list[dict]:
    """A publisher's open takedowns (top of the page when one is overdue); directie's counts."""
    user = request.user
    if not access.can_publish(user):
        return []
    today = timezone.localdate()
    mine = list(Takedown.objects.open().filter(assigned_to=user)
                .select_related("publication", "entry__pupil", "entry__staff").order_by("due_on", "pk")[:20])
    school = None
    if people_access.is_directie(user):
        school = {"open": Takedown.objects.open().count(), "overdue": Takedown.objects.overdue(today).count(),
                  "done": Takedown.objects.done().count()}
    overdue = any(t.due_on < today for t in mine) or bool(school and school["overdue"])
    context = {"open_takedowns": mine, "school": school, "today": today, "overdue": overdue}
    return [{"template": "consent/publications/_dashboard.html", "context": context,
             "priority": 3 if overdue else (6 if mine else 30)}]


def nav_items(request) -> list[dict]:
    if not access.can_publish(request.user):
        return []
    items = [{"label": _("Foto plaatsen?"), "url": reverse("publications:check"),
              "active_prefix": "/toestemming/publicaties/"}]
    return items
