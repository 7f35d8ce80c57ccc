"""Drafting a concept (directie): starting it, its details, adding, editing, moving and deleting sections,
discarding it."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool.access import role_required
from julianaschool.confirm import confirmation, confirmed
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import Role

from .. import services
from ..access import draft_for, section_for
from ..forms import AddSectionForm, SectionForm, StartDraftForm, VersionDetailsForm
from ..models import ProtocolVersion
from ..rendering import render_markdown, section_tree
from ._common import _form_errors, _with_sections


@require_POST
@role_required(Role.MANAGEMENT)
def draft_start(request):
    form = StartDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("policy:versions")
    try:
        version = services.start_draft(actor=request.user, kind=form.cleaned_data["kind"])
    except Refused as error:
        show_refusal(request, error)
        return redirect("policy:versions")
    messages.success(request, _("Versie %(number)s is begonnen als concept.") % {"number": version.number})
    return redirect("policy:draft_edit", pk=version.pk)


def draft_edit(request, pk):
    """The concept's overview: details (kind, summary, period) and its sections to edit."""
    version = draft_for(request.user, pk)
    if request.method == "POST":
        form = VersionDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.update_details(actor=request.user, version=version, **form.cleaned_data)
            except Refused as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("De gegevens van de versie zijn opgeslagen."))
            return redirect("policy:draft_edit", pk=version.pk)
    else:
        form = VersionDetailsForm(initial={"kind": version.kind, "period": version.period,
                                           "change_summary": version.change_summary, "needs_mr": version.mr_required})
    version = _with_sections(ProtocolVersion.objects.filter(pk=version.pk)).get()
    return render(request, "policy/draft_edit.html", {
        "version": version, "form": form, "tree": section_tree(version),
        "add_form": AddSectionForm(version=version),
    })


@require_POST
def section_add(request, pk):
    version = draft_for(request.user, pk)
    form = AddSectionForm(request.POST, version=version)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("policy:draft_edit", pk=version.pk)
    try:
        section = services.add_section(actor=request.user, version=version, title=form.cleaned_data["title"],
                                       parent=form.cleaned_data["parent"])
    except Refused as error:
        show_refusal(request, error)
        return redirect("policy:draft_edit", pk=version.pk)
    return redirect("policy:section_edit", pk=section.pk)


def section_edit(request, pk):
    """Edit one section's title and Markdown; 'Voorbeeld' shows the result without saving."""
    section = section_for(request.user, pk)
    preview = None
    if request.method == "POST":
        form = SectionForm(request.POST)
        if form.is_valid():
            if "preview" in request.POST:
                preview = render_markdown(form.cleaned_data["body"])
            else:
                try:
                    services.update_section(actor=request.user, section=section, **form.cleaned_data)
                except Refused as error:
                    show_refusal(request, error)
                else:
                    messages.success(request, _("Hoofdstuk '%(title)s' is opgeslagen.") % {"title": form.cleaned_data["title"]})
                    return redirect(reverse("policy:draft_edit", args=[section.version_id]) + f"#sectie-{section.pk}")
    else:
        form = SectionForm(initial={"title": section.title, "body": section.body, "style": section.style})
    return render(request, "policy/section_edit.html", {
        "section": section, "version": section.version, "form": form, "preview": preview,
    })


@require_POST
def section_delete(request, pk):
    section = section_for(request.user, pk)
    version_pk, title = section.version_id, section.title
    if not confirmed(request):
        return confirmation(
            request, title=_("Hoofdstuk verwijderen?"), danger=True,
            explanation=_("Het hoofdstuk '%(title)s' wordt met zijn tekst uit dit concept verwijderd.") % {"title": title},
            button=_("Ja, verwijder het hoofdstuk"), cancel=reverse("policy:draft_edit", args=[version_pk]))
    try:
        services.delete_section(actor=request.user, section=section)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Hoofdstuk '%(title)s' is verwijderd.") % {"title": title})
    return redirect("policy:draft_edit", pk=version_pk)


@require_POST
def section_move(request, pk):
    section = section_for(request.user, pk)
    try:
        services.move_section(actor=request.user, section=section, direction=request.POST.get("direction", ""))
    except Refused as error:
        show_refusal(request, error)
    return redirect(reverse("policy:draft_edit", args=[section.version_id]) + f"#sectie-{section.pk}")


@require_POST
def draft_discard(request, pk):
    version = draft_for(request.user, pk)
    if not confirmed(request):
        return confirmation(
            request, title=_("Concept weggooien?"), danger=True,
            explanation=_("Concept %(number)s en al zijn wijzigingen worden weggegooid. Dat kan niet ongedaan worden "
                          "gemaakt.") % {"number": version.number},
            button=_("Ja, gooi het concept weg"), cancel=reverse("policy:version", args=[version.pk]))
    try:
        services.discard_draft(actor=request.user, version=version)
    except Refused as error:
        show_refusal(request, error)
        return redirect("policy:version", pk=version.pk)
    messages.success(request, _("Het concept is weggegooid."))
    return redirect("policy:versions")
