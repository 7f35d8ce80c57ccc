"""The office's pages for the groups of a school year and their teachers (issue 14, item 2)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, group_services
from .errors import show_refusal
from .forms import AssignTeacherForm, EndDateForm, GroupForm
from .models import ClassGroup, Enrollment, GroupTeacher, Pupil, Role, SchoolYear, StaffMember
from .params import int_param, parse_id


def _school_year(request) -> SchoolYear | None:
    year_id = int_param(request, "jaar")
    if year_id is not None:
        found = SchoolYear.objects.filter(pk=year_id).first()
        if found is not None:
            return found
    return SchoolYear.objects.current()


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def group_list(request):
    school_year = _school_year(request)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and school_year is not None:
        try:
            group = group_services.create_group(school_year=school_year, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(group)s is aangemaakt.") % {"group": group})
            return redirect("people:group", pk=group.pk)
    current = Enrollment.objects.current(school_year=school_year).filter(pupil__left_on__isnull=True) if school_year else None
    groups = (ClassGroup.objects.filter(school_year=school_year)
              .prefetch_related(Prefetch("assignments", GroupTeacher.objects.select_related("teacher")))
              .order_by("name")) if school_year else ClassGroup.objects.none()
    counts = dict(current.values_list("group").annotate(n=Count("id")).values_list("group", "n")) if current is not None else {}
    return render(request, "julianaschool/group_list.html", {
        "school_year": school_year, "school_years": SchoolYear.objects.all(), "form": form,
        "groups": [(g, counts.get(g.pk, 0)) for g in groups]})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def group_detail(request, pk):
    group = access.managed_group_for(request.user, pk)
    form = GroupForm(request.POST or None, initial={"name": group.name, "year_groups": group.year_groups})
    if request.method == "POST" and form.is_valid():
        try:
            group_services.update_group(group=group, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(group)s is opgeslagen.") % {"group": group})
            return redirect("people:group", pk=group.pk)
    pupils = Pupil.objects.active().in_group(group).order_by("sort_name")
    return render(request, "julianaschool/group_detail.html", {
        "group": group, "form": form, "assign_form": AssignTeacherForm(), "end_form": EndDateForm(),
        "assignments": group.assignments.select_related("teacher"), "pupils": pupils})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def group_assign(request, pk):
    group = access.managed_group_for(request.user, pk)
    form = AssignTeacherForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Leerkracht: kies een leerkracht die in dienst is."))
        return redirect("people:group", pk=group.pk)
    teacher = form.cleaned_data["teacher"]
    try:
        group_services.assign_teacher(group=group, teacher=teacher, role=form.cleaned_data["role"], actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s is leerkracht van %(group)s.") % {"name": teacher.full_name, "group": group})
    return redirect("people:group", pk=group.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def group_unassign(request, pk):
    group = access.managed_group_for(request.user, pk)
    staff_id = parse_id(request.POST.get("leerkracht", ""))
    teacher = StaffMember.objects.filter(pk=staff_id).first() if staff_id is not None else None
    if teacher is None:
        messages.error(request, _("Leerkracht: kies een leerkracht van deze groep."))
    else:
        group_services.unassign_teacher(group=group, teacher=teacher, actor=request.user)
        messages.success(request, _("%(name)s is niet langer leerkracht van %(group)s.") % {
            "name": teacher.full_name, "group": group})
    return redirect("people:group", pk=group.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def group_end(request, pk):
    group = access.managed_group_for(request.user, pk)
    form = EndDateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Per datum: vul een geldige datum in."))
        return redirect("people:group", pk=group.pk)
    try:
        group_services.end_group(group=group, ended_on=form.cleaned_data["left_on"], actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(group)s is opgeheven.") % {"group": group})
    return redirect("people:group", pk=group.pk)
