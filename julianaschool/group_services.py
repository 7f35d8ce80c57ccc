"""Groups of a school year, their teachers, and the pupils' places in them (issue 14, items 2 and 3).

Every write of a group, a teacher assignment or an enrollment goes through these functions (the
office's pages, the imports, the next school year, seed_demo and the tests), each with its audit row.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .audit_actions import Action
from .models import ClassGroup, Enrollment, GroupTeacher, Pupil, SchoolYear, StaffMember, TeacherRole


def _clean_year_groups(year_groups: str) -> str:
    parts = [p.strip() for p in year_groups.replace("/", ",").split(",") if p.strip()]
    if any(not p.isdigit() or not 1 <= int(p) <= 8 for p in parts):
        raise ValidationError(_("Jaargroepen: noem getallen van 1 tot en met 8, gescheiden door komma's (bijvoorbeeld 4,5)."),
                              code="year_groups")
    return ",".join(str(int(p)) for p in parts)


@transaction.atomic
def create_group(*, school_year: SchoolYear, name: str, year_groups: str = "", actor) -> ClassGroup:
    """A new group in `school_year`; its name is unique within the year."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Naam: vul de naam van de groep in."), code="name")
    if ClassGroup.objects.filter(school_year=school_year, name__iexact=name).exists():
        raise ValidationError(_("Er is in %(year)s al een groep %(name)s.") % {"year": school_year, "name": name}, code="name")
    group = ClassGroup.objects.create(school_year=school_year, name=name, year_groups=_clean_year_groups(year_groups))
    audit.record(actor=actor, action=Action.GROUP_CREATED, obj=group,
                 changes={"schooljaar": str(school_year), "naam": name, "jaargroepen": group.year_groups})
    return group


@transaction.atomic
def update_group(*, group: ClassGroup, name: str, year_groups: str = "", actor) -> ClassGroup:
    """Rename a group or correct its year groups; the pupils and teachers stay."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Naam: vul de naam van de groep in."), code="name")
    if ClassGroup.objects.filter(school_year=group.school_year, name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError(_("Er is in %(year)s al een groep %(name)s.") % {"year": group.school_year, "name": name},
                              code="name")
    fields = ["name", "year_groups"]
    before = audit.snapshot(group, fields)
    group.name, group.year_groups = name, _clean_year_groups(year_groups)
    group.save(update_fields=fields)
    changes = audit.diff(before, audit.snapshot(group, fields))
    if changes:
        audit.record(actor=actor, action=Action.GROUP_CHANGED, obj=group, changes=changes)
    return group


@transaction.atomic
def end_group(*, group: ClassGroup, ended_on: datetime.date, actor) -> ClassGroup:
    """End (opheffen) a group from a date. Only a group without pupils placed in it on or after that
    date can end: move them first. Its history (enrollments, teachers) stays."""
    group = ClassGroup.objects.select_for_update().get(pk=group.pk)
    if group.ended_on is not None:
        raise ValidationError(_("Deze groep is al opgeheven."), code="ended")
    if not group.school_year.starts_on <= ended_on <= group.school_year.ends_on:
        raise ValidationError(_("Opgeheven op: kies een datum in schooljaar %(year)s.") % {"year": group.school_year},
                              code="ended_on")
    if Enrollment.objects.current(ended_on, school_year=group.school_year).filter(
            group=group, pupil__left_on__isnull=True).exists():
        raise ValidationError(_("In deze groep zitten op die datum nog leerlingen; verplaats ze eerst naar een andere groep."),
                              code="has_pupils")
    group.ended_on = ended_on
    group.save(update_fields=["ended_on"])
    audit.record(actor=actor, action=Action.GROUP_ENDED, obj=group, changes={"opgeheven op": ended_on})
    return group


@transaction.atomic
def assign_teacher(*, group: ClassGroup, teacher: StaffMember, role: str = "", actor) -> GroupTeacher:
    """Make `teacher` one of the group's teachers, with an optional role (groepsleerkracht,
    onderwijsassistent, stagiair). Assigning again changes only the role. A duo is two calls."""
    if role and role not in TeacherRole.values:
        raise ValidationError(_("Rol: kies een van de rollen."), code="role")
    if teacher.left_on is not None and teacher.left_on <= timezone.localdate():
        raise ValidationError(_("%(name)s is uit dienst.") % {"name": teacher.full_name}, code="left")
    assignment, created = GroupTeacher.objects.get_or_create(group=group, teacher=teacher, defaults={"role": role})
    if created:
        audit.record(actor=actor, action=Action.TEACHER_ASSIGNED, obj=group,
                     changes={"leerkracht": teacher.full_name, "rol": role})
    elif assignment.role != role:
        audit.record(actor=actor, action=Action.TEACHER_ROLE_CHANGED, obj=group,
                     changes={"leerkracht": teacher.full_name, "rol": [assignment.role, role]})
        assignment.role = role
        assignment.save(update_fields=["role"])
    return assignment


@transaction.atomic
def unassign_teacher(*, group: ClassGroup, teacher: StaffMember, actor) -> None:
    """Take `teacher` off the group (she stops seeing its pupils); the audit trail keeps that she taught it."""
    deleted, _per_model = GroupTeacher.objects.filter(group=group, teacher=teacher).delete()
    if deleted:
        audit.record(actor=actor, action=Action.TEACHER_UNASSIGNED, obj=group,
                     changes={"leerkracht": teacher.full_name})


def assign_teachers_in_bulk(*, pairs: list[tuple[ClassGroup, StaffMember]]) -> None:
    """The imports' form of `assign_teacher` (their own audit rows are written by the caller, in bulk)."""
    GroupTeacher.objects.bulk_create([GroupTeacher(group=g, teacher=t) for g, t in pairs], ignore_conflicts=True)


def unassign_teachers_in_bulk(*, group_id: int, staff_ids: list[int]) -> None:
    GroupTeacher.objects.filter(group_id=group_id, teacher_id__in=staff_ids).delete()


def current_enrollment(pupil: Pupil, school_year: SchoolYear, on: datetime.date | None = None) -> Enrollment | None:
    """The pupil's enrollment in `school_year` on `on` (default: today within that year)."""
    return Enrollment.objects.current(on, school_year=school_year).filter(pupil=pupil).select_related("group").first()


def latest_enrollment(pupil: Pupil, school_year: SchoolYear) -> Enrollment | None:
    return (pupil.enrollments.filter(school_year=school_year).select_related("group")
            .order_by(F("starts_on").desc(nulls_last=True)).first())


@transaction.atomic
def move_pupil(*, pupil: Pupil, group: ClassGroup, on: datetime.date, actor) -> Enrollment:
    """Move `pupil` to `group` from `on`: the current enrollment ends the day before, a new one
    starts on `on`. From that day the old group's teachers no longer see the child and the new
    group's do; the consent ledger and the dossier belong to the pupil and follow. A pupil not yet
    placed in the year is placed from `on` (or from the year's start when `on` is its first day)."""
    year = group.school_year
    if pupil.left_on is not None:
        raise ValidationError(_("Deze leerling is uitgeschreven."), code="left")
    if group.ended_on is not None and group.ended_on <= on:
        raise ValidationError(_("Groep %(name)s is opgeheven.") % {"name": group.name}, code="group_ended")
    if not year.starts_on <= on <= year.ends_on:
        raise ValidationError(_("Vanaf: kies een datum in schooljaar %(year)s (%(start)s tot en met %(end)s).") % {
            "year": year, "start": f"{year.starts_on:%d-%m-%Y}", "end": f"{year.ends_on:%d-%m-%Y}"}, code="on")
    Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
    if pupil.enrollments.filter(school_year=year, starts_on__gt=on).exists():
        raise ValidationError(_("Er staat al een latere overplaatsing voor deze leerling; kies een latere datum."),
                              code="later_move")
    now = current_enrollment(pupil, year, on)
    if now is not None and now.group_id == group.pk:
        raise ValidationError(_("%(name)s zit op die datum al in groep %(group)s.") % {
            "name": pupil.full_name, "group": group.name}, code="same_group")
    old_group = now.group if now else None
    if now is not None and now.first_day >= on:
        # Moved on the enrollment's own first day: the earlier placement never took effect.
        now.group = group
        now.save(update_fields=["group"])
        enrollment = now
    else:
        if now is not None:
            now.ends_on = on - datetime.timedelta(days=1)
            now.save(update_fields=["ends_on"])
        starts_on = None if on == year.starts_on else on
        try:
            with transaction.atomic():
                enrollment = Enrollment.objects.create(pupil=pupil, group=group, school_year=year, starts_on=starts_on)
        except IntegrityError:
            raise ValidationError(_("Deze leerling heeft op die datum al een plaatsing."), code="duplicate") from None
    audit.record(actor=actor, action=Action.PUPIL_MOVED, obj=pupil, changes={
        "groep": [str(old_group) if old_group else None, str(group)], "vanaf": on})
    return enrollment


@transaction.atomic
def place_pupil(*, pupil: Pupil, group: ClassGroup, actor, on: datetime.date | None = None) -> Enrollment:
    """Place `pupil` in `group`: a first placement in that school year covers the whole year; a
    pupil already placed moves (from `on`, default today within the year; on the year's first day
    or before it starts, the placement itself changes)."""
    year = group.school_year
    latest = latest_enrollment(pupil, year)
    if latest is None:
        enrollment = Enrollment.objects.create(pupil=pupil, group=group, school_year=year)
        audit.record(actor=actor, action=Action.PUPIL_PLACED, obj=pupil, changes={"groep": str(group)})
        return enrollment
    if latest.group_id == group.pk:
        return latest
    on = on or min(max(timezone.localdate(), year.starts_on), year.ends_on)
    return move_pupil(pupil=pupil, group=group, on=max(on, latest.first_day), actor=actor)
