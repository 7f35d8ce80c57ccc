"""Directie's settings and figures: the categories and the statistics (with their CSV)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.downloads import csv_response
from julianaschool.models import Role, SchoolYear

from .. import forms, services, stats
from ..models import (
    Category,
)


@people_access.role_required(Role.MANAGEMENT)
def categories(request):
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_category(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Categorie toegevoegd."))
        return redirect("incidents:categories")
    return render(request, "incidents/categories.html", {"categories": Category.objects.all(), "form": form})


@people_access.role_required(Role.MANAGEMENT)
def category_edit(request, pk):
    category = get_object_or_404(Category, pk=pk)
    form = forms.CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        services.save_category(actor=request.user, category=Category.objects.get(pk=pk), **form.cleaned_data)
        messages.success(request, _("Categorie opgeslagen."))
        return redirect("incidents:categories")
    return render(request, "incidents/category_form.html", {"category": category, "form": form})


def _school_year(request):
    form = forms.SchoolYearForm(request.GET or None)
    school_year = form.cleaned_data.get("school_year") if form.is_valid() else None
    return form, school_year or SchoolYear.objects.current()


@people_access.role_required(Role.MANAGEMENT)
def statistics(request):
    form, school_year = _school_year(request)
    figures = stats.figures(school_year) if school_year else None
    return render(request, "incidents/statistics.html", {"form": form, "school_year": school_year, "figures": figures})


@people_access.role_required(Role.MANAGEMENT)
def statistics_csv(request):
    _form, school_year = _school_year(request)
    return csv_response(filename=f"incidenten-{slugify(school_year.name) if school_year else 'leeg'}.csv",
                        header=["maand", "categorie", "groep", "ernst", "aantal"],
                        rows=stats.csv_rows(school_year) if school_year else [])
