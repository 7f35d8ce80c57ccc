"""Pages of the protocol: public reading, drafting, the approval path, compare, acknowledgement.

Every object goes through a helper of policy.access; every write through policy.services, whose
`Refused` the view shows with `show_refusal` (nothing changed).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from julianaschool.access import is_directie, is_staff_member, role_required
from julianaschool.confirm import confirmation, confirmed
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import Role

from . import acknowledgements, services
from .access import (
    can_edit_protocol,
    can_see_drafts,
    draft_for,
    is_board,
    review_for,
    section_for,
    version_for,
    visible_versions,
)
from .diff import changed_only
from .diff import compare as compare_versions
from .forms import (
    AddSectionForm,
    CompareForm,
    MrDecisionForm,
    PublishForm,
    ReviewForm,
    SectionForm,
    StartDraftForm,
    StepForm,
    VersionDetailsForm,
)
from .models import MrDecision, ProtocolVersion, Section, VersionStatus
from .rendering import render_markdown, section_tree


def _with_sections(queryset):
    return queryset.prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("position", "pk")))


def _form_errors(form) -> str:
    """Form errors as one message that names each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)


# --- Reading (public)


@login_not_required
def current(request):
    """The version in force, for everyone: metadata block, table of contents, the text."""
    in_force = ProtocolVersion.objects.in_force()
    version = _with_sections(ProtocolVersion.objects.filter(pk=in_force.pk)).first() if in_force else None
    tree = section_tree(version) if version else []
    scheduled = ProtocolVersion.objects.scheduled().first() if can_see_drafts(request.user) else None
    return render(request, "policy/current.html", {
        "version": version, "tree": tree, "scheduled": scheduled,
        "published": _published_list(), "is_staff": is_staff_member(request.user),
    })


def _published_list() -> list[ProtocolVersion]:
    """Every published version, the one in force first, then the others newest first."""
    versions = list(ProtocolVersion.objects.published().order_by("-major", "-minor"))
    versions.sort(key=lambda v: not v.is_in_force)
    return versions


@login_not_required
def version_list(request):
    """Published versions with their periods; staff and board also see versions in progress."""
    versions = list(visible_versions(request.user).order_by("-major", "-minor"))
    # The version in force first: the one a visitor most likely came for.
    versions.sort(key=lambda v: not v.is_in_force)
    return render(request, "policy/version_list.html", {
        "versions": versions, "can_start": can_edit_protocol(request.user),
        "start_form": StartDraftForm(), "sees_drafts": can_see_drafts(request.user),
    })


@login_not_required
def version_detail(request, pk):
    """One version: its metadata, history, the steps this user may take, and its text."""
    version = version_for(request.user, pk)
    version = _with_sections(ProtocolVersion.objects.filter(pk=version.pk)).prefetch_related("steps").get()
    user = request.user
    context = {
        "version": version,
        "tree": section_tree(version),
        "steps": list(version.steps.all()),
        # A step's reason is internal; visitors see who decided what and when, and any public note.
        "sees_internal_notes": can_see_drafts(user),
        "is_directie": is_directie(user),
        "is_board": is_board(user),
        "step_form": StepForm(), "return_form": StepForm(auto_id="id_return_%s"),  # two forms, one page: ids of their own
        "publish_form": PublishForm(),
        "review_form": ReviewForm(),
        "mr_form": MrDecisionForm(),
        "mr_decisions": list(version.mr_decisions.select_related("recorded_by")) if can_see_drafts(user) else [],
        "parents_informed": services.parents_informed(version) if is_directie(user) else False,
        "reviews": list(version.reviews.select_related("recorded_by", "confirmed_by")) if can_see_drafts(user) else [],
        # The review reminder is for the school and the board, not for visitors.
        "review_status": version.review_status() if can_see_drafts(user) else None,
    }
    return render(request, "policy/version_detail.html", context)


@login_not_required
def compare(request):
    """Two versions section by section; by default the version in force against its predecessor."""
    versions = visible_versions(request.user).order_by("-major", "-minor")
    form = CompareForm(request.GET or None, versions=versions)
    old = new = None
    if request.GET and form.is_valid():
        old, new = form.cleaned_data["old"], form.cleaned_data["new"]
    elif not request.GET:
        new = ProtocolVersion.objects.in_force()
        old = new.based_on if new is not None and new.based_on_id else None
        if old is not None:
            form = CompareForm(initial={"old": old.pk, "new": new.pk}, versions=versions)
    diffs = []
    if old is not None and new is not None:
        old = _with_sections(ProtocolVersion.objects.filter(pk=old.pk)).get()
        new = _with_sections(ProtocolVersion.objects.filter(pk=new.pk)).get()
        diffs = compare_versions(old, new)
    return render(request, "policy/compare.html", {
        "form": form, "old": old, "new": new, "diffs": diffs, "changed": changed_only(diffs),
    })


# --- Drafting (directie)


@require_POST
@role_required(Role.DIRECTIE)
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


# --- The approval path (directie and bestuur)

STEPS = {
    "vaststellen": (services.adopt, gettext_lazy("Versie %(number)s is vastgesteld door de directie.")),
    "terug-naar-concept": (services.return_to_concept, gettext_lazy("Versie %(number)s is teruggezet naar concept.")),
    "goedkeuren": (services.approve, gettext_lazy("Versie %(number)s is goedgekeurd door het bestuur.")),
    "publiceren": (services.publish, gettext_lazy("Versie %(number)s is gepubliceerd.")),
}


@require_POST
@role_required(Role.DIRECTIE, Role.BESTUUR)
def step(request, pk, step):
    version = version_for(request.user, pk)
    if step not in STEPS:
        raise PermissionDenied
    service, done = STEPS[step]
    form = PublishForm(request.POST) if step == "publiceren" else StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("policy:version", pk=version.pk)
    try:
        service(actor=request.user, version=version, **form.cleaned_data)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, done % {"number": version.number})
    return redirect("policy:version", pk=version.pk)


# --- The medezeggenschapsraad, informing parents


@require_POST
@role_required(Role.DIRECTIE)
def mr_record(request, pk):
    version = version_for(request.user, pk)
    form = MrDecisionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("policy:version", pk=version.pk)
    try:
        services.record_mr_decision(actor=request.user, version=version, **form.cleaned_data)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Het besluit van de medezeggenschapsraad is vastgelegd."))
    return redirect("policy:version", pk=version.pk)


@role_required(Role.DIRECTIE, Role.BESTUUR)
def mr_minutes(request, pk):
    """The MR's minutes as uploaded (directie and bestuur read them on the version's page)."""


    decision = get_object_or_404(MrDecision.objects.select_related("version"), pk=pk)
    version_for(request.user, decision.version_id)
    response = FileResponse(decision.minutes.open("rb"), content_type=decision.minutes_content_type,
                            as_attachment=True, filename=decision.minutes.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.DIRECTIE)
def inform_parents(request, pk):
    """'Ouders informeren': first the count of guardians who will get the note, then the mail."""
    version = version_for(request.user, pk)
    if request.method == "POST":
        try:
            sent = services.inform_parents(actor=request.user, version=version)
        except Refused as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Bericht verstuurd aan %(count)s ouder(s)/verzorger(s).") % {"count": len(sent)})
        return redirect("policy:version", pk=version.pk)
    return render(request, "policy/inform_parents.html", {
        "version": version, "count": services.parents_to_inform().count(),
        "already": services.parents_informed(version),
        "allowed": version.status == VersionStatus.GEPUBLICEERD and (version.is_in_force or version.is_scheduled),
    })


# --- Review without changes


@require_POST
@role_required(Role.DIRECTIE)
def review_record(request, pk):
    version = version_for(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("policy:version", pk=version.pk)
    try:
        services.record_review(actor=request.user, version=version, **form.cleaned_data)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De herziening is vastgelegd; het bestuur wordt gevraagd die te bevestigen."))
    return redirect("policy:version", pk=version.pk)


@require_POST
def review_confirm(request, pk):
    review = review_for(request.user, pk)
    try:
        services.confirm_review(actor=request.user, review=review)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De herziening is bevestigd; de nieuwe herzieningsdatum geldt."))
    return redirect("policy:version", pk=review.version_id)


# --- Acknowledgement


@role_required(Role.DIRECTIE)
def acknowledgement_list(request, pk):
    """Per version: which staff members confirmed reading it (and when), and who did not."""
    version = version_for(request.user, pk)
    if not version.is_published:
        raise PermissionDenied
    rows = acknowledgements.status_per_staff(version)
    return render(request, "policy/acknowledgement_list.html", {
        "version": version, "rows": rows, "missing": sum(1 for r in rows if r["acknowledgement"] is None),
        "baseline": acknowledgements.baseline(version),
    })


@require_POST
@role_required(Role.DIRECTIE)
def acknowledgement_remind(request, pk):
    version = version_for(request.user, pk)
    try:
        sent = services.send_acknowledgement_reminders(actor=request.user, version=version)
    except Refused as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Herinnering verstuurd aan %(count)s medewerker(s).") % {"count": len(sent)})
    return redirect("policy:acknowledgements", pk=version.pk)


def acknowledge(request):
    """A staff member reads what changed since the version they last confirmed, and confirms."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    pending = acknowledgements.pending_for(request.user)
    if request.method == "POST":
        # A tampered form (no number) is a missing version, not a server error.
        version_id = request.POST.get("version", "")
        version = get_object_or_404(ProtocolVersion, pk=version_id if version_id.isdigit() else None,
                                    status=VersionStatus.GEPUBLICEERD)
        try:
            services.acknowledge(user=request.user, version=version)
        except Refused as error:
            show_refusal(request, error)
            return redirect("policy:acknowledge")
        messages.success(request, _("Bedankt: u hebt bevestigd dat u versie %(number)s gelezen hebt.") % {"number": version.number})
        return redirect("dashboard")
    context = {"pending": pending, "last": acknowledgements.last_acknowledged(request.user), "changes": [], "tree": []}
    if pending:
        version = _with_sections(ProtocolVersion.objects.filter(pk=pending["version"].pk)).get()
        context["version"] = version
        if pending["since"] is not None:
            since = _with_sections(ProtocolVersion.objects.filter(pk=pending["since"].pk)).get()
            context["changes"] = changed_only(compare_versions(since, version))
        # First what changed (rule by rule), then the new text in full.
        context["tree"] = section_tree(version)
    return render(request, "policy/acknowledge.html", context)
