"""The school calendar per school year: the office and directie enter holidays and days off, or
import them from an iCalendar file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, calendar_services
from .calendar_forms import DayOffForm, IcsUploadForm
from .errors import show_refusal
from .models import DayOff, Role, SchoolYear


def _school_year(request) -> SchoolYear | None:
    value = request.GET.get("jaar", "") or request.POST.get("jaar", "")
    if value.isdigit() and len(value) < 10:
        chosen = SchoolYear.objects.filter(pk=int(value)).first()
        if chosen is not None:
            return chosen
    return SchoolYear.objects.current()


def _page(request, school_year, form=None, upload=None, status=200):
    days_off = list(DayOff.objects.filter(school_year=school_year)) if school_year else []
    return render(request, "julianaschool/calendar.html", {
        "school_year": school_year, "school_years": SchoolYear.objects.all(), "days_off": days_off,
        "form": form or DayOffForm(), "upload": upload or IcsUploadForm(),
    }, status=status)


def _back(school_year):
    return redirect(reverse("office:calendar") + (f"?jaar={school_year.pk}" if school_year else ""))


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def calendar(request):
    """GET shows the year's holidays and days off; POST adds one."""
    school_year = _school_year(request)
    if request.method != "POST":
        return _page(request, school_year)
    form = DayOffForm(request.POST)
    if form.is_valid() and school_year is not None:
        try:
            day_off = calendar_services.add_day_off(actor=request.user, school_year=school_year, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(name)s staat in de kalender.") % {"name": day_off.label})
            return _back(school_year)
    elif school_year is None:
        form.add_error(None, _("Er is nog geen schooljaar; maak dat eerst aan."))
    return _page(request, school_year, form=form, status=400)


@require_POST
@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def import_ics(request):
    school_year = _school_year(request)
    upload = IcsUploadForm(request.POST, request.FILES)
    if upload.is_valid() and school_year is not None:
        try:
            result = calendar_services.import_ics(actor=request.user, school_year=school_year,
                                                  content=upload.cleaned_data["file"])
        except ValidationError as error:
            upload.add_error("file", error)
        else:
            messages.success(request, _("%(added)s vrije periode(s) toegevoegd; %(already)s stond(en) er al, "
                                        "%(other_year)s hoort/horen bij een ander schooljaar.") % result)
            return _back(school_year)
    elif school_year is None:
        upload.add_error(None, _("Er is nog geen schooljaar; maak dat eerst aan."))
    return _page(request, school_year, upload=upload, status=400)


@require_POST
@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def delete(request, pk: int):
    day_off = get_object_or_404(DayOff, pk=pk)
    school_year = day_off.school_year
    calendar_services.remove_day_off(actor=request.user, day_off=day_off)
    messages.success(request, _("%(name)s is uit de kalender gehaald.") % {"name": day_off.label})
    return _back(school_year)
