"""Reporting an incident, the incident list and the incident page (notes, status, attachments)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.errors import show_refusal
from julianaschool.models import Guardian, Pupil, StaffMember

from .. import access, forms, ladders, people, services
from ..models import (
    EntryKind,
    Incident,
    Party,
    PartyRole,
    Status,
    TimelineEntry,
)
from ._common import REPORTERS, list_filters, name_match


@people_access.role_required(*REPORTERS)
def incident_list(request):
    """Directie: every incident (filter by status); others: what they reported and what concerns
    the pupils of their groups. Newest first (when it happened), 50 a page, searchable by the name
    of a person involved and by group."""
    user = request.user
    incidents = access.incidents_visible_to(user).select_related("category", "reported_by", "group")
    status = request.GET.get("status", "")
    if status in Status.values:
        incidents = incidents.filter(status=status)
    # From the dashboard's "alle N bekijken": the serious open ones, or those not picked up.
    attention = request.GET.get("aandacht", "")
    if attention == "ernstig":
        incidents = incidents.urgent()
    elif attention == "niet-opgepakt":
        incidents = incidents.overdue()
    query, words, group, groups = list_filters(request)
    if words:
        # Only names this user may see on the incident itself: a teacher finds their own pupils,
        # staff and outsiders, never a pupil or parent whose name the incident page hides from them.
        pupils = Pupil.objects.filter(name_match(words, ""))
        if not people_access.is_directie(user):
            pupils = pupils.filter(pk__in=people_access.visible_pupils(user).values("pk"))
        match = Q(parties__pupil__in=pupils.values("pk")) | Q(parties__staff__in=StaffMember.objects.filter(
            name_match(words, "")).values("pk"))
        outsider = Q()
        for word in words:
            outsider &= Q(parties__name__icontains=word)
        match |= outsider
        if people_access.is_directie(user):
            match |= Q(parties__guardian__in=Guardian.objects.filter(name_match(words, "")).values("pk"))
        incidents = incidents.filter(pk__in=Incident.objects.filter(match).values("pk"))
    if group is not None:
        incidents = incidents.filter(pk__in=Incident.objects.filter(
            Q(group_id=group) | Q(parties__pupil__enrollments__group_id=group)).values("pk"))
    page = Paginator(incidents.order_by("-occurred_at", "-reported_at", "-id"), 50).get_page(request.GET.get("pagina"))
    return render(request, "incidents/incident_list.html", {
        "page": page, "status": status, "statuses": Status.choices, "query": query, "group": group, "groups": groups,
        "is_directie": people_access.is_directie(user),
    })


@people_access.role_required(*REPORTERS)
def report(request):
    """The report form: quick on a phone, one page, no JavaScript needed ('Nog een betrokkene
    toevoegen' comes back with one more row; static/js/incidents.js adds it on the spot)."""
    form = forms.IncidentForm(request.POST or None, request.FILES or None)
    parties = forms.PartyFormSet(request.POST or None, prefix="betrokkene")
    if request.method == "POST" and "add_party" in request.POST:
        forms.quiet(form)
        parties.add_row()
    elif request.method == "POST" and form.is_valid() and parties.is_valid():
        data = form.cleaned_data
        try:
            incident = services.report_incident(
                reporter=request.user, occurred_at=data["occurred_at"], place=data["place"], platform=data["platform"],
                platform_other=data["platform_other"], category=data["category"], severity=data["severity"],
                description=data["description"], parties=parties.parties(), attachments=data["attachments"],
            )
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("Dank u. Het incident is gemeld."))
            return redirect("incidents:detail", pk=incident.pk)
    return render(request, "incidents/report.html", {"form": form, "parties": parties, "max_parties": forms.MAX_PARTIES})


def _party_view(party: Party, user, visible_pupil_ids: set[int], groups: dict[int, str]) -> dict:
    """A party as this user may see it: a pupil outside the user's groups is not named. A pupil's
    group stands beside their name, so two children of the same name are told apart."""
    name = party.person_name
    if party.pupil_id:
        name = people.pupil_label(party.pupil, groups)
        if not people_access.is_directie(user) and party.pupil_id not in visible_pupil_ids:
            name = _("een leerling uit een andere groep")
    if party.guardian_id and not people_access.is_directie(user):
        if not any(p.pk in visible_pupil_ids for p in party.guardian.pupils.all()):
            name = _("een ouder/verzorger")
    return {"party": party, "name": name, "may_get_measure": party.role != PartyRole.VICTIM}


def incident_detail(request, pk):
    user = request.user
    incident = access.incident_for(user, pk)
    incident = Incident.objects.with_related().prefetch_related("attachments").get(pk=incident.pk)
    is_directie = people_access.is_directie(user)
    visible_pupil_ids = set(people_access.visible_pupils(user).values_list("pk", flat=True))
    all_parties = list(incident.parties.all())
    groups = people.current_groups(p.pupil_id for p in all_parties if p.pupil_id)
    timeline = TimelineEntry.objects.filter(incident=incident).select_related("measure")
    if not access.sees_measures(user):
        # A reporter follows the status; measures, letters and others' notes are directie's.
        timeline = timeline.filter(kind=EntryKind.STATUS) | timeline.filter(kind=EntryKind.NOTE, author=user)
    context = {
        "incident": incident,
        "parties": [_party_view(p, user, visible_pupil_ids, groups) for p in all_parties],
        "timeline": timeline.order_by("at", "id"),
        "is_directie": is_directie,
        "note_form": forms.NoteForm(),
    }
    if is_directie:
        names = {p.pk: people.pupil_label(p.pupil, groups) if p.pupil_id else p.person_name for p in all_parties}
        context["measures"] = [{"measure": m, "name": names.get(m.party_id, m.party.person_name)} for m in
                               incident.measures.select_related("party__pupil", "party__guardian", "party__staff")]
        daders = [p for p in all_parties if p.role == PartyRole.PERPETRATOR]
        steps = ladders.proposals(daders)
        context["proposals"] = [{"party": p, "name": people.pupil_label(p.pupil, groups) if p.pupil_id else p.person_name,
                                 "proposal": steps[p.pk]} for p in daders]
        context["transitions"] = [new for old, new in services.TRANSITIONS if old == incident.status]
    return render(request, "incidents/incident_detail.html", context)


@require_POST
def add_note(request, pk):
    incident = access.incident_for(request.user, pk)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.add_note(incident=incident, author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Aanvulling toegevoegd aan de tijdlijn."))
    else:
        messages.error(request, _("Aanvulling: schrijf iets op."))
    return redirect("incidents:detail", pk=incident.pk)


@require_POST
def change_status(request, pk):
    incident = access.incident_for(request.user, pk)
    if not people_access.is_directie(request.user):
        raise PermissionDenied
    try:
        services.change_status(incident=incident, new_status=request.POST.get("status", ""), actor=request.user,
                               note=request.POST.get("note", ""))
    except ValidationError as error:
        show_refusal(request, error)
    except ValueError:
        messages.error(request, _("Status: onbekende status."))
    return redirect("incidents:detail", pk=incident.pk)


def attachment(request, pk):
    item = access.attachment_for(request.user, pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, filename=item.original_name,
                            as_attachment=item.content_type == "application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
