"""Pupils registered and corrected by hand by the office (issue 14, item 3); moves: group_services."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, group_services
from .audit_actions import Action
from .models import ClassGroup, Pupil

FIELDS = ["first_name", "tussenvoegsel", "last_name", "date_of_birth", "student_number"]


def _check_number(student_number: str, pupil: Pupil | None) -> str | None:
    number = (student_number or "").strip() or None
    if number and Pupil.objects.filter(student_number=number).exclude(pk=getattr(pupil, "pk", None)).exists():
        raise ValidationError(_("Leerlingnummer: %(number)s hoort al bij een andere leerling.") % {"number": number},
                              code="student_number")
    return number


@transaction.atomic
def register_pupil(*, first_name: str, tussenvoegsel: str = "", last_name: str, date_of_birth, student_number: str = "",
                   group: ClassGroup, actor) -> Pupil:
    """A new pupil entered by hand, placed in `group` (for its whole school year, or from today when it has begun)."""
    number = _check_number(student_number, None)
    pupil = Pupil.objects.create(first_name=first_name.strip(), tussenvoegsel=tussenvoegsel.strip(),
                                 last_name=last_name.strip(), date_of_birth=date_of_birth, student_number=number)
    audit.record(actor=actor, action=Action.PUPIL_REGISTERED, obj=pupil, changes=audit.snapshot(pupil, FIELDS))
    group_services.place_pupil(pupil=pupil, group=group, actor=actor)
    return pupil


@transaction.atomic
def update_pupil(*, pupil: Pupil, first_name: str, tussenvoegsel: str = "", last_name: str, date_of_birth,
                 student_number: str = "", actor) -> Pupil:
    """Correct a pupil's name, date of birth or leerlingnummer; every change in the audit trail."""
    number = _check_number(student_number, pupil)
    before = audit.snapshot(pupil, FIELDS)
    pupil.first_name, pupil.tussenvoegsel, pupil.last_name = first_name.strip(), tussenvoegsel.strip(), last_name.strip()
    pupil.date_of_birth, pupil.student_number = date_of_birth, number
    changes = audit.diff(before, audit.snapshot(pupil, FIELDS))
    if changes:
        pupil.save(update_fields=FIELDS)
        audit.record(actor=actor, action=Action.PUPIL_CHANGED, obj=pupil, changes=changes)
    return pupil
