"""The approval path (directie and bestuur), the medezeggenschapsraad's decision and minutes, informing
the parents, and a review without changes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from julianaschool.access import role_required
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import Role

from .. import services
from ..access import review_for, version_for
from ..forms import MrDecisionForm, PublishForm, ReviewForm, StepForm
from ..models import MrDecision, VersionStatus
from ._common import _form_errors

# --- The approval path (directie and bestuur)

STEPS = {
    "vaststellen": (services.adopt, gettext_lazy("Versie %(number)s is vastgesteld door de directie.")),
    "terug-naar-concept": (services.return_to_concept, gettext_lazy("Versie %(number)s is teruggezet naar concept.")),
    "goedkeuren": (services.approve, gettext_lazy("Versie %(number)s is goedgekeurd door het bestuur.")),
    "publiceren": (services.publish, gettext_lazy("Versie %(number)s is gepubliceerd.")),
}


@require_POST
@role_required(Role.MANAGEMENT, Role.BOARD)
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
@role_required(Role.MANAGEMENT)
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


@role_required(Role.MANAGEMENT, Role.BOARD)
def mr_minutes(request, pk):
    """The MR's minutes as uploaded (directie and bestuur read them on the version's page)."""


    decision = get_object_or_404(MrDecision.objects.select_related("version"), pk=pk)
    version_for(request.user, decision.version_id)
    response = FileResponse(decision.minutes.open("rb"), content_type=decision.minutes_content_type,
                            as_attachment=True, filename=decision.minutes.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.MANAGEMENT)
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
        "allowed": version.status == VersionStatus.PUBLISHED and (version.is_in_force or version.is_scheduled),
    })


# --- Review without changes


@require_POST
@role_required(Role.MANAGEMENT)
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
