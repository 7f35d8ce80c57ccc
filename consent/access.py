"""Who sees what of consent: the class sheets, the ledger of a pupil, a parent's own children.
One helper per object kind, 404 to outsiders. The people predicates are the core's."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from julianaschool.access import children_of, group_for, has_role
from julianaschool.models import ClassGroup, Pupil, Role


def can_see_class_sheets(user) -> bool:
    """The class sheet (groepskaart) is for teachers, directie and administratie."""
    return has_role(user, Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)


def can_manage_consent(user) -> bool:
    """The office enters paper forms and reads every pupil's consent ledger; directie too."""
    return has_role(user, Role.OFFICE, Role.MANAGEMENT)


def consent_child_for(user, pk) -> Pupil:
    """A child whose consent form this guardian fills in; 404 for every other pupil."""
    return get_object_or_404(children_of(user), pk=pk)


def consent_pupil_for(user, pk) -> Pupil:
    """A pupil whose consent ledger the user may read: their own child (ouder), or any pupil for
    administratie and directie (the AVG right of access); 404 otherwise. Teachers see consent
    only on the class sheet, not the ledger with its names of deciders."""
    if can_manage_consent(user):
        return get_object_or_404(Pupil, pk=pk)
    return consent_child_for(user, pk)


def class_sheet_group_for(user, pk) -> ClassGroup:
    """A group whose class sheet the user may open: 403 without a role that uses class sheets,
    404 for a teacher and a group they do not teach."""
    if not can_see_class_sheets(user):
        raise PermissionDenied
    return group_for(user, pk)
