"""What the core adds to the dashboard (who you are, your groups and children) and the menu."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import access
from .models import Role, SchoolYear


def sections(request) -> list[dict]:
    user = request.user
    school_year = SchoolYear.objects.current()
    context = {
        "roles": [Role(r).label for r in Role.values if r in access.roles_of(user)],
        "school_year": school_year,
        "groups": list(access.taught_groups(user, school_year)),
        "children": [
            (child, child.group_in(school_year) if school_year else None)
            for child in access.children_of(user).prefetch_related("enrollments__group")
        ],
        "staff": access.staff_of(user),
    }
    return [{"template": "julianaschool/_dashboard_me.html", "context": context, "priority": 10}]


def nav_items(request) -> list[dict]:
    user = request.user
    items = [{"label": _("Overzicht"), "url": reverse("dashboard"), "active_prefix": ""}]
    if access.can_manage_people(user):
        items.append({"label": _("Leerlingen"), "url": reverse("people:pupils"), "active_prefix": "/leerlingen/"})
    if access.is_directie(user):
        items.append({"label": _("Audittrail"), "url": reverse("people:audit"), "active_prefix": "/audit/"})
    return items
