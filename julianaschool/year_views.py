"""'Nieuw schooljaar': the office and directie plan, check and save the next school year (issue 14, item 6)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, year_services
from .errors import show_refusal
from .models import Pupil, Role, SchoolYear, StaffMember, YearPlanStatus
from .params import parse_id


def _teachers():
    return list(StaffMember.objects.filter(left_on__isnull=True, user__groups__name=Role.TEACHER)
                .order_by("sort_name").distinct())


def _edited(plan, post) -> dict:
    """The plan's data with the office's edits from the form; unknown or malformed fields are ignored."""
    active = {s.pk for s in _teachers()}
    groups = []
    for g in plan.data["groups"]:
        key = g["key"]
        if post.get(f"g-{key}-weg") == "1":
            continue
        roles = dict((staff_id, role) for staff_id, role in g.get("teachers", []))
        chosen = [i for i in (parse_id(v) for v in post.getlist(f"g-{key}-leerkrachten")) if i in active]
        groups.append({**g, "name": post.get(f"g-{key}-naam", g["name"]).strip()[:20],
                       "year_groups": post.get(f"g-{key}-jaargroepen", g.get("year_groups", "")).strip()[:20],
                       "teachers": [[i, roles.get(i, "")] for i in chosen] if f"g-{key}-naam" in post else g["teachers"]})
    new_name = post.get("nieuw-naam", "").strip()[:20]
    if new_name:
        taken = {g["key"] for g in plan.data["groups"]}
        n = len(taken) + 1
        while f"g{n}" in taken:
            n += 1
        groups.append({"key": f"g{n}", "name": new_name, "year_groups": post.get("nieuw-jaargroepen", "").strip()[:20],
                       "from": [], "teachers": []})
    keys = {g["key"] for g in groups}
    pupils = {}
    for pupil_id, key in plan.data["pupils"].items():
        value = post.get(f"p-{pupil_id}", key)
        pupils[pupil_id] = value if value in keys or value == year_services.LEAVES else key
    return {**plan.data, "groups": groups, "pupils": pupils}


def _rows(plan, year):
    """Per pupil: (pupil, this year's group, next key), by this year's group and name."""
    placed = year_services.placed_today(year)
    pupils = Pupil.objects.in_bulk([int(pk) for pk in plan.data["pupils"]])
    rows = [(pupils[int(pk)], placed.get(int(pk)), key) for pk, key in plan.data["pupils"].items() if int(pk) in pupils]
    return sorted(rows, key=lambda r: (r[1].name if r[1] else "", r[0].sort_name))


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def new_year(request):
    """The plan: make the proposal, then edit groups, teachers and each pupil's next group."""
    year = SchoolYear.objects.current()
    plan = year_services.current_plan(year)
    if request.method == "POST":
        try:
            if plan is None:
                year_services.start_plan(year=year, actor=request.user)
                messages.success(request, _("Het voorstel staat klaar. Pas aan wat anders moet en bekijk dan het hele plan."))
            else:
                if plan.status == YearPlanStatus.SAVED:
                    year_services.reopen_plan(plan=plan, actor=request.user)
                    plan.refresh_from_db()
                year_services.update_plan(plan=plan, data=_edited(plan, request.POST), actor=request.user)
                messages.success(request, _("Het plan is bijgewerkt (nog niet opgeslagen voor het nieuwe schooljaar)."))
                if request.POST.get("volgende") == "overzicht":
                    return redirect("people:new_year_preview")
        except ValidationError as error:
            show_refusal(request, error)
        return redirect("people:new_year")
    context = {"year": year, "plan": plan, "is_open": year_services.is_open(year),
               "opens_on": year_services.opens_on(year) if year else None}
    if plan is not None:
        context.update(rows=_rows(plan, year), teachers=_teachers(), groups=plan.data["groups"],
                       next_name=year_services.next_year_bounds(year)[0])
    return render(request, "julianaschool/new_year.html", context)


def _summary(plan, year):
    rows = _rows(plan, year)
    teachers = StaffMember.objects.in_bulk([i for g in plan.data["groups"] for i, _r in g.get("teachers", [])])
    groups = [{"group": g, "teachers": [teachers[i] for i, _r in g.get("teachers", []) if i in teachers],
               "pupils": [r for r in rows if r[2] == g["key"]]} for g in plan.data["groups"]]
    return groups, [r for r in rows if not r[2]]


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def new_year_preview(request):
    """The whole plan before anything is saved: every group with its teachers and pupils, the leavers."""
    year = SchoolYear.objects.current()
    plan = year_services.current_plan(year)
    if plan is None:
        return redirect("people:new_year")
    groups, leavers = _summary(plan, year)
    _data, unplaced = year_services.with_newcomers(plan=plan, data=plan.data)
    return render(request, "julianaschool/new_year_preview.html", {
        "year": year, "plan": plan, "groups": groups, "leavers": leavers, "unplaced": unplaced,
        "problems": year_services.validate(plan.data), "next_name": year_services.next_year_bounds(year)[0]})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def new_year_save(request):
    year = SchoolYear.objects.current()
    plan = year_services.current_plan(year)
    if plan is None:
        return redirect("people:new_year")
    try:
        plan = year_services.save_plan(plan=plan, actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("people:new_year_preview")
    messages.success(request, _("Schooljaar %(year)s is klaargezet. Het begint op %(date)s; tot dan kunt u het plan "
                                "nog wijzigen.") % {"year": plan.to_year, "date": f"{plan.to_year.starts_on:%d-%m-%Y}"})
    return redirect("people:new_year_check_mail")


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def new_year_check_mail(request):
    """At the end: the yearly 'check your choices' mail, offered with its count (consent does not reset)."""
    # The mail belongs to the consent app; the core knows it only as the slot PORTAL_NEW_YEAR_MAIL.
    count = import_string(settings.PORTAL_NEW_YEAR_MAIL["count"])()
    if request.method == "POST" and request.POST.get("bevestig") == "ja":
        sent = import_string(settings.PORTAL_NEW_YEAR_MAIL["send"])(actor=request.user)
        messages.success(request, _("%(count)s ouders/verzorgers krijgen de mail 'kloppen uw keuzes nog?'.") % {"count": sent})
        return redirect("people:new_year")
    return render(request, "julianaschool/new_year_check_mail.html", {"count": count})
