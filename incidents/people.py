"""Who can be named in an incident, and how two people of the same name are told apart: a pupil by
their current group, a parent by their children, a staff member by their function."""

from django.utils.translation import gettext as _

from julianaschool.models import Enrollment, Guardian, Pupil, SchoolYear, StaffMember


def current_groups(pupil_ids) -> dict[int, str]:
    """pupil id -> the name of their group this school year ('groep 5'), in one query."""
    school_year = SchoolYear.objects.current()
    if school_year is None:
        return {}
    enrollments = Enrollment.objects.filter(school_year=school_year, pupil_id__in=list(pupil_ids)).select_related("group")
    return {e.pupil_id: str(e.group) for e in enrollments}


def pupil_label(pupil: Pupil, groups: dict[int, str]) -> str:
    group = groups.get(pupil.pk)
    return f"{pupil.full_name} ({group})" if group else pupil.full_name


def pupil_choices() -> list[tuple[str, str]]:
    """Every pupil at school now, any group (bullying crosses groups), with their group beside the name."""
    pupils = list(Pupil.objects.active().order_by("sort_name", "id").only("id", "first_name", "tussenvoegsel", "last_name"))
    groups = current_groups(p.pk for p in pupils)
    return [(str(p.pk), pupil_label(p, groups)) for p in pupils]


def guardian_choices() -> list[tuple[str, str]]:
    """The parents of the pupils at school now, each with their children (and those children's groups)."""
    guardians = list(Guardian.objects.filter(pupils__left_on__isnull=True, anonymised_at__isnull=True).distinct()
                     .order_by("sort_name", "id").prefetch_related("pupils"))
    children = {p.pk: p for g in guardians for p in g.pupils.all() if p.left_on is None}
    groups = current_groups(children)
    choices = []
    for guardian in guardians:
        names = ", ".join(pupil_label(p, groups) for p in guardian.pupils.all() if p.left_on is None)
        choices.append((str(guardian.pk), _("%(name)s (ouder van %(children)s)") % {"name": guardian.full_name, "children": names}))
    return choices


def staff_choices() -> list[tuple[str, str]]:
    staff = StaffMember.objects.filter(left_on__isnull=True).order_by("sort_name", "id")
    return [(str(s.pk), f"{s.full_name} ({s.function})" if s.function else s.full_name) for s in staff]
