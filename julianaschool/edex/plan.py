"""Planning what a read EDEX file changes in the portal, line by line, in Dutch. Nothing here
writes; `edex_services.apply_edex` saves a plan. Strict where it matters: a school year the
portal does not know stops the plan."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .. import names
from ..models import ClassGroup, Enrollment, GroupTeacher, Pupil, SchoolYear, StaffMember
from .parse import EdexError, EdexFile, parse

# What a plan's lines are about. The office may leave any line out; `default` says whether it is
# ticked to start with (a pupil absent from the file is only proposed).
GROUP_NEW, GROUP_KEY, GROUP_RENAME = "group.new", "group.key", "group.rename"
PUPIL_NEW, PUPIL_KEY, PUPIL_UPDATE, PUPIL_MOVE = "pupil.new", "pupil.key", "pupil.update", "pupil.move"
PUPIL_LEAVE, PUPIL_ABSENT = "pupil.leave", "pupil.absent"
TEACHER_NEW, TEACHER_KEY, TEACHER_ASSIGN, TEACHER_UNASSIGN = "teacher.new", "teacher.key", "teacher.assign", "teacher.unassign"


@dataclass
class Change:
    id: str
    kind: str
    text: str
    data: dict
    default: bool = True


@dataclass
class EdexPlan:
    file: EdexFile
    school_year: SchoolYear | None
    changes: list[Change]
    problems: list[str]
    warnings: list[str]
    notes: list[str]  # what the file holds that is shown but not imported (composite groups)
    missing_school_year: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def defaults(self) -> set[str]:
        return {change.id for change in self.changes if change.default}

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


def _fold_person(first: str, tussenvoegsel: str, last: str, born) -> tuple:
    # "de Vries" typed in one field or split over two: the same person.
    return names.fold(first), names.fold(f"{tussenvoegsel} {last}"), born


def plan(edex: EdexFile, *, today: datetime.date | None = None) -> EdexPlan:
    """What saving `edex` would change, line by line, in Dutch. A handful of queries whatever the
    number of pupils: everything the comparison needs is read in bulk."""
    today = today or timezone.localdate()
    problems = list(edex.problems)
    warnings = list(edex.warnings)
    notes = [_("Samengestelde groep %(name)s wordt getoond maar niet als groep geïmporteerd.") % {"name": g.name}
             for g in edex.groups.values() if g.composite]
    school_year = SchoolYear.objects.filter(name=edex.school_year).first()
    if school_year is None:
        problems.append(_("Het portaal kent schooljaar %(year)s nog niet. Maak het eerst aan, dan kan dit bestand "
                          "worden ingelezen.") % {"year": edex.school_year})
        return EdexPlan(file=edex, school_year=None, changes=[], problems=problems, warnings=warnings, notes=notes,
                        missing_school_year=edex.school_year)
    changes: list[Change] = []
    # Groups: by key, else (a first import into groups made by hand) by name.
    existing_groups = list(ClassGroup.objects.filter(school_year=school_year))
    by_key = {g.external_key: g for g in existing_groups if g.external_key}
    by_name = {g.name.lower(): g for g in existing_groups}
    group_for: dict[str, ClassGroup | None] = {}  # file key -> existing group (None: new)
    for group in edex.groups.values():
        if group.composite:
            continue
        found = by_key.get(group.key)
        candidate = by_name.get(group.name.lower())
        if found is None and candidate is not None and not candidate.external_key:
            found = candidate
        group_for[group.key] = found
        if found is None:
            changes.append(Change(f"{GROUP_NEW}:{group.key}", GROUP_NEW, _("Nieuwe groep %(name)s.") % {"name": group.name},
                                  {"key": group.key, "name": group.name}))
            continue
        if found.external_key != group.key:
            changes.append(Change(f"{GROUP_KEY}:{group.key}", GROUP_KEY,
                                  _("Bestaande groep %(name)s wordt de groep %(name)s uit de administratie.") % {"name": found.name},
                                  {"key": group.key, "group": found.pk}))
        if found.name != group.name:
            other = by_name.get(group.name.lower())
            if other is not None and other.pk != found.pk:
                problems.append(_("Groep %(old)s kan niet %(new)s heten: die groep bestaat al in het portaal.")
                                % {"old": found.name, "new": group.name})
            changes.append(Change(f"{GROUP_RENAME}:{group.key}", GROUP_RENAME,
                                  _("Groep %(old)s heet voortaan %(new)s.") % {"old": found.name, "new": group.name},
                                  {"key": group.key, "group": found.pk, "name": group.name}))
    # Pupils: by key, else a pupil without key with the same name and birth date.
    keys = [p.key for p in edex.pupils]
    by_pupil_key = {p.external_key: p for p in Pupil.objects.filter(external_key__in=keys)}
    unmatched = [p for p in edex.pupils if p.key not in by_pupil_key and p.date_of_birth]
    unkeyed = {}
    if unmatched:
        for pupil in Pupil.objects.filter(external_key__isnull=True, left_on__isnull=True,
                                          date_of_birth__in={p.date_of_birth for p in unmatched}):
            unkeyed.setdefault(_fold_person(pupil.first_name, pupil.tussenvoegsel, pupil.last_name, pupil.date_of_birth), pupil)
    matched: dict[str, Pupil] = {}
    for edex_pupil in edex.pupils:
        found = by_pupil_key.get(edex_pupil.key) or unkeyed.pop(
            _fold_person(edex_pupil.first_name, edex_pupil.tussenvoegsel, edex_pupil.last_name, edex_pupil.date_of_birth), None)
        if found is not None:
            matched[edex_pupil.key] = found
    enrollments = {e.pupil_id: e for e in Enrollment.objects.current(school_year=school_year).filter(
        pupil__in=[p.pk for p in matched.values()]).select_related("group")}
    file_group_names = {g.key: g.name for g in edex.groups.values()}
    for edex_pupil in edex.pupils:
        pupil = matched.get(edex_pupil.key)
        name = edex_pupil.full_name
        if edex_pupil.group_key and edex_pupil.group_key not in group_for:
            continue  # in a group the file does not define: already a problem
        leaves = edex_pupil.left_on is not None and edex_pupil.left_on <= today
        if edex_pupil.left_on is not None and not leaves:
            warnings.append(_("%(name)s vertrekt op %(date)s; dat wordt bij een latere import verwerkt.")
                            % {"name": name, "date": _d(edex_pupil.left_on)})
        if pupil is None:
            if leaves:
                continue  # gone before the portal knew them
            if edex_pupil.date_of_birth is None:
                problems.append(_("Leerling %(name)s heeft geen geboortedatum; het portaal heeft die nodig.") % {"name": name})
                continue
            if not edex_pupil.group_key:
                warnings.append(_("Leerling %(name)s staat in geen groep en wordt niet ingelezen.") % {"name": name})
                continue
            changes.append(Change(f"{PUPIL_NEW}:{edex_pupil.key}", PUPIL_NEW,
                                  _("Nieuwe leerling %(name)s (geboren %(born)s) in groep %(group)s.") % {
                                      "name": name, "born": _d(edex_pupil.date_of_birth),
                                      "group": file_group_names[edex_pupil.group_key]},
                                  {"key": edex_pupil.key}))
            continue
        if pupil.external_key != edex_pupil.key:
            changes.append(Change(f"{PUPIL_KEY}:{edex_pupil.key}", PUPIL_KEY,
                                  _("Bestaande leerling %(name)s wordt gekoppeld aan de leerling uit de administratie.")
                                  % {"name": pupil.full_name}, {"key": edex_pupil.key, "pupil": pupil.pk}))
        wanted = {"first_name": edex_pupil.first_name, "tussenvoegsel": edex_pupil.tussenvoegsel,
                  "last_name": edex_pupil.last_name}
        if edex_pupil.date_of_birth:
            wanted["date_of_birth"] = edex_pupil.date_of_birth
        differs = {f: v for f, v in wanted.items() if getattr(pupil, f) != v}
        if differs:
            parts = []
            if {"first_name", "tussenvoegsel", "last_name"} & set(differs):
                parts.append(_("naam %(old)s wordt %(new)s") % {"old": pupil.full_name, "new": name})
            if "date_of_birth" in differs:
                parts.append(_("geboortedatum %(old)s wordt %(new)s") % {
                    "old": _d(pupil.date_of_birth), "new": _d(edex_pupil.date_of_birth)})
            changes.append(Change(f"{PUPIL_UPDATE}:{edex_pupil.key}", PUPIL_UPDATE,
                                  _("%(name)s: %(what)s.") % {"name": pupil.full_name, "what": "; ".join(parts)},
                                  {"key": edex_pupil.key, "pupil": pupil.pk, "fields": {f: str(v) for f, v in differs.items()}}))
        if pupil.left_on is not None:
            continue
        if leaves:
            changes.append(Change(f"{PUPIL_LEAVE}:{edex_pupil.key}", PUPIL_LEAVE,
                                  _("%(name)s verlaat de school op %(date)s (uitstroomdatum).") % {
                                      "name": pupil.full_name, "date": _d(edex_pupil.left_on)},
                                  {"pupil": pupil.pk, "on": edex_pupil.left_on.isoformat()}))
            continue
        if not edex_pupil.group_key:
            continue
        enrollment = enrollments.get(pupil.pk)
        target = group_for.get(edex_pupil.group_key)
        if enrollment is not None and target is not None and enrollment.group_id == target.pk:
            continue
        on = edex_pupil.changed_on or today
        new_name = file_group_names[edex_pupil.group_key]
        if enrollment is None:
            text = _("%(name)s wordt geplaatst in groep %(group)s (per %(date)s).") % {
                "name": pupil.full_name, "group": new_name, "date": _d(on)}
        else:
            text = _("%(name)s gaat van groep %(old)s naar groep %(new)s (per %(date)s).") % {
                "name": pupil.full_name, "old": enrollment.group.name, "new": new_name, "date": _d(on)}
        changes.append(Change(f"{PUPIL_MOVE}:{edex_pupil.key}", PUPIL_MOVE, text,
                              {"key": edex_pupil.key, "pupil": pupil.pk, "group_key": edex_pupil.group_key,
                               "on": on.isoformat()}))
    # Pupils of this school year the portal has from EDEX but this (full) export no longer has: proposed.
    in_file = set(keys)
    absent = Pupil.objects.filter(external_key__isnull=False, left_on__isnull=True,
                                  enrollments__school_year=school_year).exclude(external_key__in=in_file).distinct()
    for pupil in absent:
        changes.append(Change(f"{PUPIL_ABSENT}:{pupil.pk}", PUPIL_ABSENT,
                              _("%(name)s staat niet meer in de export: uitschrijven per %(date)s? (Alleen met vinkje.)")
                              % {"name": pupil.full_name, "date": _d(today)},
                              {"pupil": pupil.pk, "on": today.isoformat()}, default=False))
    _plan_teachers(edex, school_year, group_for, changes, warnings)
    return EdexPlan(file=edex, school_year=school_year, changes=changes, problems=problems, warnings=warnings, notes=notes)


def _plan_teachers(edex: EdexFile, school_year: SchoolYear, group_for: dict, changes: list[Change], warnings: list[str]) -> None:
    keys = [t.key for t in edex.teachers]
    by_key = {s.external_key: s for s in StaffMember.objects.filter(external_key__in=keys)}
    by_email = {s.email.lower(): s for s in StaffMember.objects.filter(external_key__isnull=True).exclude(email="")}
    staff_for: dict[str, StaffMember | None] = {}
    group_names = {g.key: g.name for g in edex.groups.values()}
    for teacher in edex.teachers:
        found = by_key.get(teacher.key) or (by_email.pop(teacher.email, None) if teacher.email else None)
        staff_for[teacher.key] = found
        roles = ", ".join(teacher.roles)
        if found is None:
            if not teacher.email:
                warnings.append(_("Leerkracht %(name)s heeft geen e-mailadres in het bestand en kan dus niet worden "
                                  "uitgenodigd.") % {"name": teacher.full_name})
            changes.append(Change(f"{TEACHER_NEW}:{teacher.key}", TEACHER_NEW,
                                  _("Nieuwe leerkracht %(name)s (%(email)s%(roles)s): wordt uitgenodigd.") % {
                                      "name": teacher.full_name, "email": teacher.email or _("geen e-mailadres"),
                                      "roles": f"; {roles}" if roles else ""},
                                  {"key": teacher.key}))
        elif found.external_key != teacher.key:
            changes.append(Change(f"{TEACHER_KEY}:{teacher.key}", TEACHER_KEY,
                                  _("Medewerker %(name)s wordt gekoppeld aan de leerkracht uit de administratie.")
                                  % {"name": found.full_name}, {"key": teacher.key, "staff": found.pk}))
    current = set(GroupTeacher.objects.filter(group__school_year=school_year).values_list("teacher_id", "group_id"))
    wanted: set[tuple[int, int]] = set()
    for teacher in edex.teachers:
        staff = staff_for[teacher.key]
        for group_key, group_roles in teacher.groups.items():
            group = group_for.get(group_key)
            if group_key not in group_for:
                continue  # a composite group
            if staff is not None and group is not None:
                wanted.add((staff.pk, group.pk))
                if (staff.pk, group.pk) in current:
                    continue
            role = f" ({', '.join(group_roles)})" if group_roles else ""
            changes.append(Change(f"{TEACHER_ASSIGN}:{teacher.key}:{group_key}", TEACHER_ASSIGN,
                                  _("%(name)s gaat lesgeven in groep %(group)s%(role)s.") % {
                                      "name": teacher.full_name, "group": group_names[group_key], "role": role},
                                  {"teacher_key": teacher.key, "group_key": group_key}))
    file_groups = {g.pk: g for g in group_for.values() if g is not None}
    staff_ids = {staff_id for staff_id, group_id in current if group_id in file_groups and (staff_id, group_id) not in wanted}
    staff_names = {s.pk: s.full_name for s in StaffMember.objects.filter(pk__in=staff_ids)}
    for staff_id, group_id in sorted(current - wanted):
        if group_id not in file_groups:
            continue
        changes.append(Change(f"{TEACHER_UNASSIGN}:{staff_id}:{group_id}", TEACHER_UNASSIGN,
                              _("%(name)s geeft geen les meer in groep %(group)s.") % {
                                  "name": staff_names[staff_id], "group": file_groups[group_id].name},
                              {"staff": staff_id, "group": group_id}))


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "–"


def read(data: bytes) -> EdexPlan | list[str]:
    """The plan for a file, or the problems that stop it being read at all."""
    try:
        edex = parse(data)
    except EdexError as error:
        return error.problems
    return plan(edex)
