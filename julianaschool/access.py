"""Who may see or change what: the portal's one module of predicates.

Roles are Django auth groups (see `Role`). Object rules (a teacher and the groups they teach, a
parent and their own children) live here and nowhere else. The `*_for(user, pk)` helpers answer
404 when the user may not see the object at all, so that outsiders learn nothing of its existence.
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_otp import user_has_device

from .models import BoardMember, ClassGroup, GroupTeacher, Guardian, Pupil, Role, SchoolYear, StaffMember
from .params import parse_id


def assigned_roles(user) -> set[str]:
    """The role names given to the account, cached on the user object for the request, whether
    or not this session has finished logging in. Only the login steps themselves ask this."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_portal_roles"):
        user._portal_roles = set(user.groups.values_list("name", flat=True))
    return user._portal_roles


def awaits_second_factor(user, roles: set[str] | None = None) -> bool:
    """A session that gave the password but still owes its TOTP code (it has an authenticator,
    or the school requires one for its role). A user object that is no session (a command, a
    service called from a shell) has no `is_verified` and owes nothing."""
    is_verified = getattr(user, "is_verified", None)
    if not user.is_authenticated or is_verified is None or is_verified():
        return False
    if not hasattr(user, "_portal_has_device"):
        # The request's user comes with the flag (security.PortalModelBackend); others ask once.
        known = getattr(user, "portal_has_device", None)
        user._portal_has_device = known if known is not None else user_has_device(user)
    if user._portal_has_device or not settings.REQUIRE_2FA:
        # Without REQUIRE_2FA the roles do not matter here: a page that needs none (a download,
        # the trivial view of bench/scale.py) is spared the roles query.
        return user._portal_has_device
    roles = assigned_roles(user) if roles is None else roles
    return bool(roles & set(settings.REQUIRE_2FA_ROLES))


def roles_of(user) -> set[str]:
    """The roles a user acts with now: none at all until the session has given its second factor,
    so that no page, public ones included, treats a half-finished login as staff or parent."""
    roles = assigned_roles(user)
    if roles and awaits_second_factor(user, roles):
        return set()
    return roles


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & {str(r) for r in roles})


def is_directie(user) -> bool:
    return has_role(user, Role.MANAGEMENT)


def require_directie(user) -> None:
    """For a service acting for directie only. The view has let the user in already; this is the
    service's own guard (403), not a business rule, so it is `PermissionDenied`, not `Refused`."""
    if not is_directie(user):
        raise PermissionDenied


def is_staff_member(user) -> bool:
    """Any employee of the school: medewerker, leerkracht, directie or administratie."""
    return has_role(user, Role.STAFF, Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)


def role_required(*roles: str):
    """View decorator: 403 for a signed-in user without any of these roles.

    Role pages are no secret (every school has an import page); objects are, and those go
    through the `*_for` helpers below, which answer 404.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_of(user) -> StaffMember | None:
    return getattr(user, "staff", None) if user.is_authenticated else None


def guardian_of(user) -> Guardian | None:
    return getattr(user, "guardian", None) if user.is_authenticated else None


def taught_groups(user, school_year: SchoolYear | None = None) -> QuerySet[ClassGroup]:
    """The groups a teacher teaches in the given (default: current) school year."""
    staff = staff_of(user)
    if staff is None or not has_role(user, Role.TEACHER):
        return ClassGroup.objects.none()
    school_year = school_year or SchoolYear.objects.current()
    return ClassGroup.objects.filter(teachers=staff, school_year=school_year)


def visible_groups(user) -> QuerySet[ClassGroup]:
    """Groups whose pupils the user may list: all for directie/administratie, own for teachers."""
    if has_role(user, Role.MANAGEMENT, Role.OFFICE):
        return ClassGroup.objects.all()
    return taught_groups(user)


def visible_pupils(user) -> QuerySet[Pupil]:
    """Pupils the user may see: all for directie and administratie, the current groups' pupils for
    a teacher, their own children for a guardian. Pupils who left stay visible to directie and
    administratie only (their history is kept)."""
    if has_role(user, Role.MANAGEMENT, Role.OFFICE):
        return Pupil.objects.all()
    ids = set()
    groups = taught_groups(user)
    if groups.exists():
        ids |= set(Pupil.objects.active().in_groups(groups).values_list("pk", flat=True))
    guardian = guardian_of(user)
    if guardian is not None and has_role(user, Role.GUARDIAN):
        ids |= set(guardian.pupils.values_list("pk", flat=True))
    return Pupil.objects.filter(pk__in=ids)


def children_of(user) -> QuerySet[Pupil]:
    """A guardian's own children (empty for everyone else)."""
    guardian = guardian_of(user)
    if guardian is None or not has_role(user, Role.GUARDIAN):
        return Pupil.objects.none()
    return guardian.pupils.all()


def pupil_for(user, pk) -> Pupil:
    """The pupil, if the user may see them; 404 otherwise."""
    return get_object_or_404(visible_pupils(user), pk=pk)


def group_for(user, pk) -> ClassGroup:
    """The group, if the user may see its pupils; 404 otherwise."""
    if has_role(user, Role.MANAGEMENT, Role.OFFICE):
        return get_object_or_404(ClassGroup, pk=pk)
    staff = staff_of(user)
    school_year = SchoolYear.objects.current() if staff is not None and has_role(user, Role.TEACHER) else None
    number = parse_id(str(pk))
    if school_year is None or number is None:
        raise Http404
    # taught_groups(user).get(pk=pk) as one fixed query: a teacher opens a class sheet before
    # every post, and building the ORM's join cost more than running it (bench/consent.py).
    group, teacher = ClassGroup._meta.db_table, GroupTeacher._meta.db_table
    found = list(ClassGroup.objects.raw(
        f'SELECT g.* FROM "{group}" g WHERE g.id = %s AND g.school_year_id = %s AND EXISTS '
        f'(SELECT 1 FROM "{teacher}" a WHERE a.group_id = g.id AND a.teacher_id = %s)',
        [number, school_year.pk, staff.pk]))
    if not found:
        raise Http404
    return found[0]


def guardian_for(user, pk) -> Guardian:
    """A guardian record, for the office and directie only (others: 404)."""
    if not has_role(user, Role.OFFICE, Role.MANAGEMENT):
        return get_object_or_404(Guardian.objects.none(), pk=pk)
    return get_object_or_404(Guardian, pk=pk)


def staff_member_for(user, pk) -> StaffMember:
    """A staff member's record, for the office and directie only (others: 404)."""
    if not has_role(user, Role.OFFICE, Role.MANAGEMENT):
        return get_object_or_404(StaffMember.objects.none(), pk=pk)
    return get_object_or_404(StaffMember.objects.select_related("user"), pk=pk)


def board_member_for(user, pk) -> BoardMember:
    """A board member's record, for directie only (others: 404)."""
    if not is_directie(user):
        return get_object_or_404(BoardMember.objects.none(), pk=pk)
    return get_object_or_404(BoardMember.objects.select_related("user"), pk=pk)


def managed_group_for(user, pk) -> ClassGroup:
    """A group the user may change (name, teachers, pupils): the office and directie only (others: 404)."""
    if not has_role(user, Role.OFFICE, Role.MANAGEMENT):
        return get_object_or_404(ClassGroup.objects.none(), pk=pk)
    return get_object_or_404(ClassGroup.objects.select_related("school_year"), pk=pk)


def can_manage_people(user) -> bool:
    """Pupils, guardians, invitations and imports are the office's work (and the director's)."""
    return has_role(user, Role.OFFICE, Role.MANAGEMENT)
