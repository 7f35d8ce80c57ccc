"""The next school year (issue 14, item 6): a plan the office edits from June, saved all or nothing,
reopened until the new year starts; `start_school_year` lets the leavers go on its first day.

The plan (`YearPlan.data`) holds the next year's groups, each with a key, a name, its year groups,
the groups of this year it continues and its teachers, and every pupil's next group (a key) or ""
for a pupil who leaves. Saving it writes the next year's groups, teachers and enrollments; saving
again brings them in line with the edited plan. Consent does not reset with the year.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, services
from .audit_actions import Action
from .models import (
    ClassGroup,
    Enrollment,
    GroupTeacher,
    Pupil,
    SchoolYear,
    StaffMember,
    YearPlan,
    YearPlanStatus,
    clamp_to_year,
)

LEAVES = ""
LAST_GRADE = 8


def next_year_bounds(year: SchoolYear) -> tuple[str, datetime.date, datetime.date]:
    starts_on = year.ends_on + datetime.timedelta(days=1)
    ends_on = datetime.date(starts_on.year + (1 if starts_on.month >= 8 else 0), 7, 31)
    return SchoolYear.for_date(starts_on), starts_on, ends_on


def opens_on(year: SchoolYear) -> datetime.date:
    """The first day the plan for the year after `year` can be made: the 1 June (NEW_YEAR_PLAN_FROM_MONTH)
    before the year's last day."""
    month = min(max(settings.NEW_YEAR_PLAN_FROM_MONTH, 1), 12)
    return datetime.date(year.ends_on.year if year.ends_on.month >= month else year.ends_on.year - 1, month, 1)


def is_open(year: SchoolYear | None, *, today: datetime.date | None = None) -> bool:
    """From June until the new year starts (its first day the plan is carried out, not edited)."""
    if year is None:
        return False
    today = today or timezone.localdate()
    return opens_on(year) <= today <= year.ends_on


def moved_up(name: str) -> str | None:
    """'3' -> '4', '4/5' -> '5/6', '7/8' -> '8'; None for groep 8 (its pupils leave)."""
    numbers = [int(n) for n in re.findall(r"\d+", name)]
    if not numbers:
        return name
    kept = [n + 1 for n in numbers if n + 1 <= LAST_GRADE]
    if not kept:
        return None
    if len(numbers) == 1:
        return re.sub(r"\d+", str(kept[0]), name, count=1)
    return "/".join(str(n) for n in kept)


def _grade_by_age(pupil: Pupil, year: SchoolYear) -> int:
    """A pupil's likely year group from their age on 1 October (groep N is about N + 4 years old)."""
    october = datetime.date(year.starts_on.year, 10, 1)
    age = october.year - pupil.date_of_birth.year - ((october.month, october.day) < (pupil.date_of_birth.month,
                                                                                      pupil.date_of_birth.day))
    return age - 4


def propose(*, year: SchoolYear) -> dict:
    """The proposal: each group moved up one (teachers stay with their year group's name), each
    pupil one group up, groep 8 leaving; in a combination group with groep 8 the oldest leave."""
    groups = list(ClassGroup.objects.filter(school_year=year, ended_on__isnull=True).order_by("name"))
    teachers_by_name: dict[str, list] = {}
    for a in GroupTeacher.objects.filter(group__in=groups).select_related("group"):
        teachers_by_name.setdefault(a.group.name, []).append([a.teacher_id, a.role])
    planned, key_of_old, names = [], {}, {}
    for group in groups:
        name = moved_up(group.name)
        if name is None:
            continue
        if name in names:
            key_of_old[group.pk] = names[name]
            next(g for g in planned if g["key"] == names[name])["from"].append(group.pk)
            continue
        key = f"g{len(planned) + 1}"
        names[name] = key
        key_of_old[group.pk] = key
        grades = [n + 1 for n in group.grades if n + 1 <= LAST_GRADE]
        planned.append({"key": key, "name": name, "year_groups": ",".join(map(str, grades)) if len(grades) > 1 else "",
                        "from": [group.pk], "teachers": teachers_by_name.get(name, [])})
    pupils = {}
    placements = (Enrollment.objects.current(school_year=year).filter(pupil__left_on__isnull=True, group__in=groups)
                  .select_related("pupil", "group"))
    for e in placements:
        key = key_of_old.get(e.group_id, LEAVES)
        if key and LAST_GRADE in e.group.grades and len(e.group.grades) > 1 \
                and _grade_by_age(e.pupil, year) >= LAST_GRADE:
            key = LEAVES
        pupils[str(e.pupil_id)] = key
    return {"groups": planned, "pupils": pupils}


def with_newcomers(*, plan: YearPlan, data: dict) -> tuple[dict, list[Pupil]]:
    """`data` with the pupils placed this year since the plan was made, each in the plan's group of
    the name the proposal gives them (or leaving, as the proposal says); and those for whom the
    plan has no such group (the office places them by hand after the year has started)."""
    proposal = propose(year=plan.from_year)
    proposed_names = {g["key"]: g["name"] for g in proposal["groups"]}
    plan_keys = {g["name"].strip().lower(): g["key"] for g in data["groups"]}
    pupils, unplaced = dict(data["pupils"]), []
    for pupil_id, key in proposal["pupils"].items():
        if pupil_id in pupils:
            continue
        if not key:
            pupils[pupil_id] = LEAVES
        elif proposed_names[key].strip().lower() in plan_keys:
            pupils[pupil_id] = plan_keys[proposed_names[key].strip().lower()]
        else:
            unplaced.append(int(pupil_id))
    return {**data, "pupils": pupils}, list(Pupil.objects.filter(pk__in=unplaced))


@transaction.atomic
def start_plan(*, year: SchoolYear, actor) -> YearPlan:
    """Make (or return) the plan for the year after `year`, filled with the proposal."""
    if not is_open(year):
        raise ValidationError(_("Het nieuwe schooljaar kan worden voorbereid vanaf %(date)s.") % {
            "date": f"{opens_on(year):%d-%m-%Y}"}, code="not_open")
    plan, created = YearPlan.objects.get_or_create(from_year=year, defaults={"data": propose(year=year)})
    if created:
        audit.record(actor=actor, action=Action.YEAR_PLAN_PROPOSED, obj=plan,
                     changes={"groepen": len(plan.data["groups"]), "leerlingen": len(plan.data["pupils"])})
    return plan


def _check_editable(plan: YearPlan) -> None:
    if plan.status == YearPlanStatus.STARTED:
        raise ValidationError(_("Het nieuwe schooljaar is al begonnen; het plan kan niet meer worden gewijzigd."),
                              code="started")
    if not is_open(plan.from_year):
        raise ValidationError(_("Het plan kan alleen worden gewijzigd tot het nieuwe schooljaar begint."), code="closed")


def validate(data: dict) -> list[str]:
    """Every problem of a plan, in Dutch; an empty list when it can be saved."""
    problems = []
    groups = data.get("groups", [])
    keys = {g["key"] for g in groups}
    seen = set()
    for g in groups:
        name = g["name"].strip()
        if not name:
            problems.append(_("Een groep heeft geen naam."))
        elif name.lower() in seen:
            problems.append(_("Er zijn twee groepen met de naam %(name)s.") % {"name": name})
        seen.add(name.lower())
        if g.get("year_groups") and not re.fullmatch(r"[1-8](,[1-8])*", g["year_groups"]):
            problems.append(_("Groep %(name)s: jaargroepen zijn getallen van 1 tot en met 8, zoals 4,5.") % {"name": name})
    active = set(StaffMember.objects.filter(left_on__isnull=True).values_list("pk", flat=True))
    for g in groups:
        for staff_id, _role in g.get("teachers", []):
            if staff_id not in active:
                problems.append(_("Groep %(name)s: een leerkracht is niet (meer) in dienst.") % {"name": g["name"]})
    if any(key and key not in keys for key in data.get("pupils", {}).values()):
        problems.append(_("Een leerling staat in een groep die niet in het plan staat."))
    return problems


@transaction.atomic
def update_plan(*, plan: YearPlan, data: dict, actor) -> YearPlan:
    """Store the office's edits (nothing of the next year is written until `save_plan`)."""
    plan = YearPlan.objects.select_for_update().get(pk=plan.pk)
    _check_editable(plan)
    data, _unplaced = with_newcomers(plan=plan, data=data)
    problems = validate(data)
    if problems:
        raise ValidationError(problems, code="invalid")
    plan.data = data
    plan.save(update_fields=["data"])
    audit.record(actor=actor, action=Action.YEAR_PLAN_EDITED, obj=plan,
                 changes={"groepen": len(data["groups"]), "leerlingen": len(data["pupils"])})
    return plan


@transaction.atomic
def save_plan(*, plan: YearPlan, actor) -> YearPlan:
    """Write the next year from the plan, all or nothing: its school year, groups, teachers and
    every pupil's enrollment. Saved again after reopening, the next year is brought in line with
    the plan (groups it made and no longer has go, when nobody is placed in them)."""
    plan = YearPlan.objects.select_for_update(of=("self",)).select_related("from_year", "to_year").get(pk=plan.pk)
    _check_editable(plan)
    problems = validate(plan.data)
    if problems:
        raise ValidationError(problems, code="invalid")
    name, starts_on, ends_on = next_year_bounds(plan.from_year)
    to_year = plan.to_year or SchoolYear.objects.filter(name=name).first()
    if to_year is not None and (to_year.pk == plan.from_year.pk or to_year.starts_on <= plan.from_year.ends_on):
        raise ValidationError(_("Schooljaar %(name)s bestaat al en overlapt dit schooljaar; laat de data van de "
                                "schooljaren corrigeren.") % {"name": name}, code="overlap")
    to_year = to_year or SchoolYear.objects.create(name=name, starts_on=starts_on, ends_on=ends_on)
    if to_year.starts_on <= timezone.localdate():
        raise ValidationError(_("Het nieuwe schooljaar is al begonnen."), code="started")
    groups: dict[str, ClassGroup] = {}
    for g in plan.data["groups"]:
        group, _created = ClassGroup.objects.get_or_create(school_year=to_year, name=g["name"].strip())
        group.year_groups, group.ended_on = g.get("year_groups", ""), None
        group.save(update_fields=["year_groups", "ended_on"])
        groups[g["key"]] = group
        wanted = {staff_id: role for staff_id, role in g.get("teachers", [])}
        GroupTeacher.objects.filter(group=group).exclude(teacher_id__in=list(wanted)).delete()
        for staff_id, role in wanted.items():
            GroupTeacher.objects.update_or_create(group=group, teacher_id=staff_id, defaults={"role": role or ""})
    pupil_ids = [int(pk) for pk in plan.data["pupils"]]
    Enrollment.objects.filter(school_year=to_year, pupil_id__in=pupil_ids).delete()
    Enrollment.objects.bulk_create([Enrollment(pupil_id=int(pk), group=groups[key], school_year=to_year)
                                    for pk, key in plan.data["pupils"].items() if key])
    made_before = set(plan.data.get("made_groups", []))
    kept = {g.pk for g in groups.values()}
    for group in ClassGroup.objects.filter(pk__in=made_before - kept):
        if not group.enrollments.exists():
            group.assignments.all().delete()
            group.delete()
    plan.data = {**plan.data, "made_groups": sorted(kept | {g for g in made_before if ClassGroup.objects.filter(pk=g).exists()})}
    first_save = plan.status == YearPlanStatus.DRAFT
    plan.to_year, plan.status, plan.saved_at = to_year, YearPlanStatus.SAVED, timezone.now()
    plan.saved_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.save(update_fields=["to_year", "status", "saved_at", "saved_by", "data"])
    leaving = sum(1 for key in plan.data["pupils"].values() if not key)
    audit.record(actor=actor, action=Action.YEAR_PLAN_SAVED if first_save else Action.YEAR_PLAN_RESAVED, obj=plan,
                 changes={"schooljaar": to_year.name, "groepen": len(groups), "leerlingen": len(pupil_ids) - leaving,
                          "vertrekken": leaving})
    return plan


@transaction.atomic
def reopen_plan(*, plan: YearPlan, actor) -> YearPlan:
    """Back to editing; the next year stays as saved until the plan is saved again."""
    plan = YearPlan.objects.select_for_update().get(pk=plan.pk)
    _check_editable(plan)
    if plan.status != YearPlanStatus.SAVED:
        return plan
    plan.status = YearPlanStatus.DRAFT
    plan.save(update_fields=["status"])
    audit.record(actor=actor, action=Action.YEAR_PLAN_REOPENED, obj=plan)
    return plan


def start_school_year(*, today: datetime.date | None = None) -> list[YearPlan]:
    """On (or after) the first day of a planned year: the pupils the plan lets go leave on the
    last day of the old year (their consent ends as for every leaver); the plan is marked started.
    Idempotent: a started plan is not carried out twice. Returns the plans it started."""
    today = today or timezone.localdate()
    started = []
    for plan in YearPlan.objects.filter(status=YearPlanStatus.SAVED, to_year__starts_on__lte=today).select_related(
            "from_year", "to_year"):
        with transaction.atomic():
            locked = YearPlan.objects.select_for_update().get(pk=plan.pk)
            if locked.status != YearPlanStatus.SAVED:
                continue
            leavers = [int(pk) for pk, key in plan.data["pupils"].items() if not key]
            for pupil in Pupil.objects.filter(pk__in=leavers, left_on__isnull=True):
                _leave(pupil=pupil, left_on=plan.from_year.ends_on, today=today)
            locked.status, locked.started_at = YearPlanStatus.STARTED, timezone.now()
            locked.save(update_fields=["status", "started_at"])
            audit.record(actor=None, action=Action.YEAR_PLAN_STARTED, obj=locked,
                         changes={"schooljaar": plan.to_year.name, "vertrokken": len(leavers)})
            started.append(locked)
    return started


def _leave(*, pupil: Pupil, left_on: datetime.date, today: datetime.date) -> None:
    earliest, _latest = services.leave_date_bounds(pupil, today=today)
    services.mark_pupil_left(pupil=pupil, left_on=max(left_on, earliest), actor=None)


def current_plan(year: SchoolYear | None) -> YearPlan | None:
    return YearPlan.objects.filter(from_year=year).select_related("to_year").first() if year else None


def placed_today(year: SchoolYear) -> dict[int, ClassGroup]:
    """Each active pupil's group of `year` today (within that year)."""
    on = clamp_to_year(None, year)
    return {e.pupil_id: e.group for e in Enrollment.objects.current(on, school_year=year)
            .filter(pupil__left_on__isnull=True).select_related("group")}
