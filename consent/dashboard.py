"""What the consent app adds to the dashboard and the navigation (see PORTAL_DASHBOARD_PROVIDERS)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.models import Role, SchoolYear

from . import access, state
from .models import Purpose


def _uses_form(user) -> bool:
    return people_access.has_role(user, Role.GUARDIAN) or people_access.is_staff_member(user)


def sections(request) -> list[dict]:
    """Parents with open questions see them first; teachers get their groups' class sheets."""
    user = request.user
    if not (_uses_form(user) or access.can_see_class_sheets(user)):
        return []
    purposes = list(Purpose.objects.active())
    open_questions = 0
    disagreement = False
    children = list(people_access.children_of(user).filter(left_on__isnull=True).values_list("pk", flat=True))
    if children:
        answers = state.pupil_answers(children, purposes)
        for pk in children:
            for purpose in purposes:
                answer = state.answer(answers, pk, purpose.pk)
                open_questions += 0 if answer.answered else 1
                disagreement = disagreement or answer.disagreement
    staff = people_access.staff_of(user) if people_access.is_staff_member(user) else None
    if staff is not None:
        mine = state.staff_answers([staff.pk], purposes)
        open_questions += sum(1 for p in purposes if not state.answer(mine, staff.pk, p.pk).answered)
    groups = []
    if people_access.has_role(user, Role.TEACHER):
        groups = list(people_access.taught_groups(user, SchoolYear.objects.current()))
    context = {"open_questions": open_questions, "disagreement": disagreement, "groups": groups, "purposes": purposes,
               "show_form": _uses_form(user), "show_overview": people_access.is_directie(user)}
    return [{"template": "consent/_dashboard.html", "context": context, "priority": 5 if open_questions else 20}]


def nav_items(request) -> list[dict]:
    """Navigation items for this user: dicts with 'label', 'url' and 'active_prefix'."""
    user = request.user
    items = []
    if _uses_form(user):
        items.append({"label": _("Toestemming"), "url": reverse("consent:index"), "active_prefix": "/toestemming/kind"})
    if access.can_see_class_sheets(user):
        items.append({"label": _("Groepskaart"), "url": reverse("consent:groups"),
                      "active_prefix": "/toestemming/groepskaart"})
    if people_access.is_directie(user):
        items.append({"label": _("Toestemming overzicht"), "url": reverse("consent:overview"),
                      "active_prefix": "/toestemming/overzicht"})
    return items
