"""What the core adds to the dashboard (who you are, your groups and children) and the menu."""

from django.urls import reverse
from django.utils.translation import gettext as _

from . import access
from .models import Guardian, MailStatus, OutgoingMail, Pupil, Role, SchoolYear


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
    result = [{"template": "julianaschool/_dashboard_me.html", "context": context, "priority": 10}]
    if access.can_manage_people(user):
        # The office's daily work: parents who cannot sign in yet, and where to start.
        uninvited = Guardian.objects.filter(user__isnull=True, anonymised_at__isnull=True).exclude(email="")
        result.append({
            "template": "julianaschool/_dashboard_office.html",
            "context": {"uninvited": uninvited.count(),
                        "pupils": Pupil.objects.active().in_school_year(school_year).count()},
            "priority": 20,
        })
    if access.is_directie(user):
        failed = OutgoingMail.objects.filter(status=MailStatus.FAILED).count()
        if failed:
            result.append({"template": "julianaschool/_dashboard_mail.html", "context": {"failed": failed},
                           "priority": 5})
    return result


def nav_items(request) -> list[dict]:
    user = request.user
    items = [{"label": _("Overzicht"), "url": reverse("dashboard"), "active_prefix": ""}]
    if access.can_manage_people(user):
        items.append({"label": _("Leerlingen"), "url": reverse("people:pupils"), "active_prefix": "/leerlingen/"})
    if access.can_manage_people(user):
        items.append({"label": _("Groepen"), "url": reverse("people:groups"), "active_prefix": "/groepen/",
                      "group": "office"})
    if access.can_manage_people(user):
        items.append({"label": _("Schoolkalender"), "url": reverse("office:calendar"), "active_prefix": "/kalender/",
                      "group": "office"})
    if access.is_directie(user):
        items.append({"label": _("Audittrail"), "url": reverse("people:audit"), "active_prefix": "/audit/",
                      "group": "office"})
        items.append({"label": _("Uitgaande mail"), "url": reverse("office:mail"), "active_prefix": "/mail/",
                      "group": "office"})
    return items
