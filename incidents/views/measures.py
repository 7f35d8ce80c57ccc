"""Measures after an incident: proposing one, the letter, the hearing (zienswijze), the decision and
the return after a schorsing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.errors import show_refusal

from .. import access, forms, ladders, letters, people, services
from ..models import (
    MeasureKind,
    MeasureStatus,
    Party,
    PartyRole,
)


def measure_new(request, pk, party_pk):
    """Directie decides a measure for one person involved (pupil/parent: at once; staff: an intention)."""
    incident = access.incident_for(request.user, pk)
    if not people_access.is_directie(request.user):
        raise PermissionDenied
    # A victim gets no measure: the page offers none, and the address answers 404.
    party = get_object_or_404(Party.objects.select_related("pupil", "guardian", "staff", "incident")
                              .exclude(role=PartyRole.VICTIM), pk=party_pk, incident=incident)
    proposal = ladders.proposal_for(party)
    earlier = list(ladders.earlier_measures(party)) if proposal else []
    chosen = request.GET.get("maatregel", "")
    form = forms.MeasureForm(request.POST or None, party=party,
                             initial={"kind": chosen if chosen in ladders.choices_for(party) else proposal and proposal.step})
    if request.method == "POST" and "choose" in request.POST:
        # Without a script: show the fields of the measure just chosen, keep what was typed.
        forms.quiet(form)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kwargs = {"incident": incident, "party": party, "actor": request.user, "kind": data["kind"],
                  "grounds": data["grounds"], **form.measure_fields()}
        try:
            if party.staff_id and data["kind"] not in ladders.SEPARATE:
                measure = services.intend_staff_measure(**kwargs)
                messages.success(request, _("Voornemen vastgelegd. Leg de zienswijze van de medewerker vast om te besluiten."))
            else:
                measure = services.decide_measure(**kwargs)
                messages.success(request, _("Maatregel besloten."))
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            return redirect("incidents:measure", pk=measure.pk)
    groups = people.current_groups([party.pupil_id] if party.pupil_id else [])
    return render(request, "incidents/measure_form.html", {
        "incident": incident, "party": party, "form": form, "proposal": proposal,
        "name": people.pupil_label(party.pupil, groups) if party.pupil_id else party.person_name,
        "earlier": earlier, "months": ladders.period_months(),
    })


def measure_detail(request, pk):
    measure = access.measure_for(request.user, pk)
    return render(request, "incidents/measure_detail.html", {
        "measure": measure,
        "documents": measure.documents.select_related("pupil"),
        "letter": measure.documents.filter(kind="brief").order_by("-created_at", "-id").first(),
        "email_to": letters.email_addresses(measure) if measure.is_decided else [],
        "addressees": letters.recipients(measure),
        "response_form": forms.ResponseForm() if measure.status == MeasureStatus.INTENDED else None,
        "can_decide": measure.status == MeasureStatus.RESPONSE_RECEIVED,
        "acceptance_form": forms.AcceptanceForm() if measure.kind == MeasureKind.EXPULSION and measure.status == MeasureStatus.DECIDED else None,
    })


@require_POST
def measure_email(request, pk):
    """Directie e-mails the decision letter to the parents (or the employee)."""
    measure = access.measure_for(request.user, pk)
    try:
        to = services.email_letter(measure=measure, actor=request.user)
        messages.success(request, _("De brief is per e-mail verstuurd aan %(count)s adres(sen); dit staat op de tijdlijn.")
                         % {"count": len(to)})
    except ValidationError as error:
        show_refusal(request, error)
    return redirect("incidents:measure", pk=measure.pk)


@require_POST
def measure_response(request, pk):
    measure = access.measure_for(request.user, pk)
    form = forms.ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.record_response(measure=measure, actor=request.user, response=form.cleaned_data["response"],
                                     received_on=form.cleaned_data["received_on"])
            messages.success(request, _("Zienswijze vastgelegd."))
        except ValidationError as error:
            show_refusal(request, error)
    else:
        messages.error(request, _("Ontvangen op: vul de datum in."))
    return redirect("incidents:measure", pk=measure.pk)


@require_POST
def measure_decide(request, pk):
    measure = access.measure_for(request.user, pk)
    try:
        services.decide_staff_measure(measure=measure, actor=request.user)
        messages.success(request, _("Maatregel besloten; de brief staat in het personeelsdossier."))
    except ValidationError as error:
        show_refusal(request, error)
    return redirect("incidents:measure", pk=measure.pk)


@require_POST
def measure_acceptance(request, pk):
    measure = access.measure_for(request.user, pk)
    form = forms.AcceptanceForm(request.POST)
    if form.is_valid():
        try:
            services.record_acceptance(measure=measure, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Toelating vastgelegd: de verwijdering is definitief."))
        except ValidationError as error:
            show_refusal(request, error)
    else:
        messages.error(request, _("Vul de naam van de school en de datum van toelating in."))
    return redirect("incidents:measure", pk=measure.pk)
