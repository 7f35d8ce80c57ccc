"""Saving an EDEX plan (see julianaschool/edex/): all or nothing, in bulk, every change in the
audit trail as "uit EDEX" with the file's SHA-256."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from . import audit, edex, group_services, services
from .audit_actions import Action
from .models import AuditEntry, ClassGroup, Enrollment, Pupil, Role, SchoolYear, StaffMember

User = get_user_model()
SOURCE = "uit EDEX"


class _Trail:
    """Audit entries of one import, written in one INSERT at the end (a query per change would make
    the save's query count grow with the school)."""

    def __init__(self, actor, sha256: str):
        self.actor = actor
        self.sha256 = sha256
        self.entries: list[AuditEntry] = []

    def add(self, *, action: Action, obj, changes: dict) -> None:
        self.entries.append(audit.entry(actor=self.actor, action=action, obj=obj,
                                        changes={**changes, "bron": SOURCE, "bestand_sha256": self.sha256}))

    def save(self) -> None:
        AuditEntry.objects.bulk_create(self.entries)


@transaction.atomic
def create_school_year(*, name: str, actor) -> SchoolYear:
    """Create the school year an EDEX file names ("2027-2028": 1 August to 31 July)."""
    start, _dash, end = name.partition("-")
    if not (start.isdigit() and end.isdigit() and int(end) == int(start) + 1):
        raise ValidationError(_("'%(name)s' is geen schooljaar zoals 2026-2027.") % {"name": name})
    if SchoolYear.objects.filter(name=name).exists():
        raise ValidationError(_("Schooljaar %(name)s bestaat al.") % {"name": name})
    year = SchoolYear.objects.create(name=name, starts_on=datetime.date(int(start), 8, 1),
                                     ends_on=datetime.date(int(end), 7, 31))
    audit.record(actor=actor, action=Action.SCHOOL_YEAR_CREATED, obj=year, changes={"naam": name})
    return year


def place_pupils(*, placements: list[tuple[Pupil, ClassGroup, datetime.date]], school_year: SchoolYear) -> None:
    """Put each pupil in its group for the school year (moving them when already placed).

    The one place the import writes enrollments. A move during the year ends the pupil's current
    enrollment the day before the file's date and starts a new one on it (the history is kept, as
    `group_services.move_pupil` does); a move dated on or before the enrollment's first day changes it.
    """
    current = {e.pupil_id: e for e in Enrollment.objects.current(school_year=school_year).filter(
        pupil__in=[pupil.pk for pupil, _g, _d in placements]).select_related("school_year")}
    moved, ended, created = [], [], []
    for pupil, group, on in placements:
        enrollment = current.get(pupil.pk)
        on = min(max(on, school_year.starts_on), school_year.ends_on)
        if enrollment is None:
            created.append(Enrollment(pupil=pupil, group=group, school_year=school_year))
        elif enrollment.group_id == group.pk:
            continue
        elif on <= enrollment.first_day:
            enrollment.group = group
            moved.append(enrollment)
        else:
            enrollment.ends_on = on - datetime.timedelta(days=1)
            ended.append(enrollment)
            created.append(Enrollment(pupil=pupil, group=group, school_year=school_year, starts_on=on))
    Enrollment.objects.bulk_update(moved, ["group"])
    Enrollment.objects.bulk_update(ended, ["ends_on"])
    Enrollment.objects.bulk_create(created)


def _username(teacher: edex.EdexTeacher, taken: set[str]) -> str:
    base = teacher.email or "edex-" + re.sub(r"[^\w.@+-]", "", teacher.key).lower()
    name, n = base[:150], 1
    while name.lower() in taken:
        n += 1
        name = f"{base[:140]}-{n}"
    taken.add(name.lower())
    return name


@transaction.atomic
def apply_edex(*, plan: edex.EdexPlan, selected: set[str] | None = None, actor) -> dict:
    """Save the lines of `plan` whose id is in `selected` (None: the lines ticked by default),
    all or nothing. Groups, pupils, enrollments, teachers and assignments are read and written in
    bulk, so the number of queries does not grow with the number of pupils. A line that needs a
    group the office left out is skipped. Returns counts of what changed (Dutch keys, as data)."""
    if not plan.ok:
        raise ValidationError(_("Het bestand bevat nog fouten; er is niets opgeslagen."))
    chosen = plan.defaults() if selected is None else set(selected)
    lines = [change for change in plan.changes if change.id in chosen]
    if not lines:
        return {}
    file = plan.file
    school_year = plan.school_year
    trail = _Trail(actor, file.sha256)
    by_kind: dict[str, list[edex.Change]] = {}
    for line in lines:
        by_kind.setdefault(line.kind, []).append(line)
    pupils_by_key = {p.key: p for p in file.pupils}
    teachers_by_key = {t.key: t for t in file.teachers}

    # Groups first: pupils and teachers are placed in them.
    new_groups = [ClassGroup(school_year=school_year, name=c.data["name"], external_key=c.data["key"])
                  for c in by_kind.get(edex.GROUP_NEW, [])]
    ClassGroup.objects.bulk_create(new_groups)
    changed_groups = {g.pk: g for g in ClassGroup.objects.filter(
        pk__in=[c.data["group"] for c in by_kind.get(edex.GROUP_KEY, []) + by_kind.get(edex.GROUP_RENAME, [])])}
    for change in by_kind.get(edex.GROUP_KEY, []):
        changed_groups[change.data["group"]].external_key = change.data["key"]
    for change in by_kind.get(edex.GROUP_RENAME, []):
        group = changed_groups[change.data["group"]]
        trail.add(action=Action.GROUP_RENAMED, obj=group, changes={"naam": [group.name, change.data["name"]]})
        group.name = change.data["name"]
    ClassGroup.objects.bulk_update(list(changed_groups.values()), ["name", "external_key"])
    for group in new_groups:
        trail.add(action=Action.GROUP_CREATED, obj=group, changes={"naam": group.name, "sleutel": group.external_key})
    groups = {g.external_key: g for g in ClassGroup.objects.filter(school_year=school_year).exclude(external_key="")}

    # Pupils.
    skipped = 0
    created_pupils = []
    for change in by_kind.get(edex.PUPIL_NEW, []):
        source = pupils_by_key[change.data["key"]]
        if source.group_key not in groups:
            skipped += 1
            continue
        pupil = Pupil(first_name=source.first_name, tussenvoegsel=source.tussenvoegsel, last_name=source.last_name,
                      date_of_birth=source.date_of_birth, external_key=source.key)
        pupil.refresh_sort_name()
        created_pupils.append(pupil)
    Pupil.objects.bulk_create(created_pupils)
    placements = []
    for pupil in created_pupils:
        source = pupils_by_key[pupil.external_key]
        placements.append((pupil, groups[source.group_key], source.entered_on or datetime.date.today()))
        trail.add(action=Action.PUPIL_REGISTERED, obj=pupil, changes={"naam": pupil.full_name, "geboortedatum": pupil.date_of_birth,
                                                 "groep": groups[source.group_key].name})
    edits = by_kind.get(edex.PUPIL_KEY, []) + by_kind.get(edex.PUPIL_UPDATE, [])
    moves = by_kind.get(edex.PUPIL_MOVE, [])
    leaves = by_kind.get(edex.PUPIL_LEAVE, []) + by_kind.get(edex.PUPIL_ABSENT, [])
    existing = Pupil.objects.in_bulk([c.data["pupil"] for c in edits + moves + leaves])
    fields = set()
    for change in by_kind.get(edex.PUPIL_KEY, []):
        existing[change.data["pupil"]].external_key = change.data["key"]
        fields.add("external_key")
        trail.add(action=Action.PUPIL_LINKED, obj=existing[change.data["pupil"]], changes={"sleutel": change.data["key"]})
    for change in by_kind.get(edex.PUPIL_UPDATE, []):
        pupil, source = existing[change.data["pupil"]], pupils_by_key[change.data["key"]]
        before = audit.snapshot(pupil, ["first_name", "tussenvoegsel", "last_name", "date_of_birth"])
        pupil.first_name, pupil.tussenvoegsel, pupil.last_name = source.first_name, source.tussenvoegsel, source.last_name
        pupil.date_of_birth = source.date_of_birth or pupil.date_of_birth
        pupil.refresh_sort_name()
        fields |= {"first_name", "tussenvoegsel", "last_name", "date_of_birth", "sort_name"}
        trail.add(action=Action.PUPIL_CHANGED, obj=pupil, changes=audit.diff(before, audit.snapshot(pupil, list(before))))
    Pupil.objects.bulk_update([existing[c.data["pupil"]] for c in edits], sorted(fields) or ["external_key"])
    for change in moves:
        if change.data["group_key"] not in groups:
            skipped += 1
            continue
        pupil, group = existing[change.data["pupil"]], groups[change.data["group_key"]]
        on = datetime.date.fromisoformat(change.data["on"])
        placements.append((pupil, group, on))
        trail.add(action=Action.PUPIL_MOVED, obj=pupil, changes={"groep": group.name, "per": on})
    place_pupils(placements=placements, school_year=school_year)
    for change in leaves:
        # Few at a time; the service also ends the pupil's consent in the ledger.
        pupil = existing[change.data["pupil"]]
        services.mark_pupil_left(pupil=pupil, left_on=datetime.date.fromisoformat(change.data["on"]), actor=actor)
        trail.add(action=Action.PUPIL_DEREGISTERED, obj=pupil, changes={"per": change.data["on"],
                                                    "reden": "uitstroomdatum" if change.kind == edex.PUPIL_LEAVE
                                                    else "niet meer in de export"})

    # Teachers: a staff member and a user without a usable password, to invite.
    new_teachers = [teachers_by_key[c.data["key"]] for c in by_kind.get(edex.TEACHER_NEW, [])]
    staff_by_key = {}
    if new_teachers:
        taken = {u.lower() for u in User.objects.filter(
            username__in=[t.email for t in new_teachers if t.email]).values_list("username", flat=True)}
        taken |= {u.lower() for u in User.objects.filter(username__startswith="edex-").values_list("username", flat=True)}
        users = []
        for teacher in new_teachers:
            user = User(username=_username(teacher, taken), email=teacher.email, first_name=teacher.first_name,
                        last_name=" ".join(p for p in (teacher.tussenvoegsel, teacher.last_name) if p))
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users)
        saved = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
        users = [saved[u.username] for u in users]  # in the order of new_teachers, with their pks
        members = []
        for teacher, user in zip(new_teachers, users, strict=True):
            member = StaffMember(user=user, first_name=teacher.first_name, tussenvoegsel=teacher.tussenvoegsel,
                                 last_name=teacher.last_name, email=teacher.email, external_key=teacher.key,
                                 function=", ".join(teacher.roles))
            member.refresh_sort_name()
            members.append(member)
        StaffMember.objects.bulk_create(members)
        roles = {r: AuthGroup.objects.get_or_create(name=str(r))[0] for r in (Role.STAFF, Role.TEACHER)}
        memberships = []
        for teacher, user in zip(new_teachers, users, strict=True):
            memberships.append(User.groups.through(user_id=user.pk, group_id=roles[Role.STAFF].pk))
            if "LRK" in teacher.roles or teacher.groups:
                memberships.append(User.groups.through(user_id=user.pk, group_id=roles[Role.TEACHER].pk))
        User.groups.through.objects.bulk_create(memberships)
        for member in members:
            staff_by_key[member.external_key] = member
            trail.add(action=Action.STAFF_MEMBER_ADDED, obj=member, changes={"naam": member.full_name, "e-mail": member.email,
                                                        "uit te nodigen": bool(member.email)})
    key_links = by_kind.get(edex.TEACHER_KEY, [])
    linked = StaffMember.objects.in_bulk([c.data["staff"] for c in key_links])
    for change in key_links:
        linked[change.data["staff"]].external_key = change.data["key"]
        trail.add(action=Action.STAFF_MEMBER_LINKED, obj=linked[change.data["staff"]], changes={"sleutel": change.data["key"]})
    StaffMember.objects.bulk_update(list(linked.values()), ["external_key"])
    assigns = by_kind.get(edex.TEACHER_ASSIGN, [])
    wanted_keys = {c.data["teacher_key"] for c in assigns} - set(staff_by_key)
    staff_by_key |= {s.external_key: s for s in StaffMember.objects.filter(external_key__in=wanted_keys)}
    per_group: dict[int, list[StaffMember]] = {}
    for change in assigns:
        staff, group = staff_by_key.get(change.data["teacher_key"]), groups.get(change.data["group_key"])
        if staff is None or group is None:
            skipped += 1
            continue
        per_group.setdefault(group.pk, []).append(staff)
        trail.add(action=Action.TEACHER_ASSIGNED, obj=group, changes={"leerkracht": staff.full_name})
    group_objects = {g.pk: g for g in groups.values()}
    group_services.assign_teachers_in_bulk(
        pairs=[(group_objects[group_id], s) for group_id, staff in per_group.items() for s in staff])
    removals: dict[int, list[int]] = {}
    for change in by_kind.get(edex.TEACHER_UNASSIGN, []):
        removals.setdefault(change.data["group"], []).append(change.data["staff"])
    removed_groups = ClassGroup.objects.in_bulk(list(removals))
    removed_staff = StaffMember.objects.in_bulk([s for ids in removals.values() for s in ids])
    for group_id, staff_ids in removals.items():
        group_services.unassign_teachers_in_bulk(group_id=group_id, staff_ids=staff_ids)
        for staff_id in staff_ids:
            trail.add(action=Action.TEACHER_UNASSIGNED, obj=removed_groups[group_id], changes={"leerkracht": removed_staff[staff_id].full_name})

    counts = {
        gettext_noop("nieuwe groepen"): len(new_groups),
        gettext_noop("nieuwe leerlingen"): len(created_pupils),
        gettext_noop("gewijzigde leerlingen"): len(by_kind.get(edex.PUPIL_UPDATE, [])),
        gettext_noop("verplaatste leerlingen"): len(moves),
        gettext_noop("uitgeschreven leerlingen"): len(leaves),
        gettext_noop("nieuwe leerkrachten"): len(new_teachers),
        gettext_noop("groepstoewijzingen"): len(assigns) + len(by_kind.get(edex.TEACHER_UNASSIGN, [])),
    }
    if skipped:
        counts[gettext_noop("overgeslagen regels")] = skipped
    trail.add(action=Action.FILE_IMPORTED, obj=None, changes={**counts, "schooljaar": school_year.name, "regels": len(lines)})
    trail.save()
    return counts


def teachers_to_invite(*, plan: edex.EdexPlan) -> list[StaffMember]:
    """The staff the plan's new-teacher lines made (after saving): the office invites them."""
    keys = [c.data["key"] for c in plan.changes if c.kind == edex.TEACHER_NEW]
    return list(StaffMember.objects.filter(external_key__in=keys).exclude(email=""))
