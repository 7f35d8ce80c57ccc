"""Pages of the incidents app: reporting, the incident page, measures, dossiers, categories, figures.

Every object is fetched through a `*_for(user, pk)` helper in julianaschool.access (404 to whoever
may not see it); role pages answer 403 to roles that have no business there.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.downloads import csv_response
from julianaschool.errors import show_refusal
from julianaschool.models import ClassGroup, Guardian, Pupil, Role, SchoolYear, StaffMember

from . import access, forms, ladders, letters, people, services, stats
from .models import (
    Category,
    DossierDocument,
    EntryKind,
    Incident,
    Measure,
    MeasureKind,
    MeasureStatus,
    Party,
    PartyRole,
    Status,
    TimelineEntry,
)

REPORTERS = (Role.MANAGEMENT, Role.TEACHER, Role.OFFICE, Role.STAFF)


def _name_match(words: list[str], prefix: str) -> Q:
    match = Q()
    for word in words:
        match &= (Q(**{f"{prefix}first_name__icontains": word}) | Q(**{f"{prefix}tussenvoegsel__icontains": word})
                  | Q(**{f"{prefix}last_name__icontains": word}))
    return match


def _search(request) -> tuple[str, list[str], ClassGroup | None, list[ClassGroup]]:
    """The list filters: a name (at most 5 words) and one of this school year's groups."""
    query = request.GET.get("q", "").strip()[:100]
    school_year = SchoolYear.objects.current()
    groups = list(ClassGroup.objects.filter(school_year=school_year)) if school_year else []
    group = next((g for g in groups if str(g.pk) == request.GET.get("groep", "")), None)
    return query, query.split()[:5], group, groups


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
    query, words, group, groups = _search(request)
    if words:
        # Only names this user may see on the incident itself: a teacher finds their own pupils,
        # staff and outsiders, never a pupil or parent whose name the incident page hides from them.
        pupils = Pupil.objects.filter(_name_match(words, ""))
        if not people_access.is_directie(user):
            pupils = pupils.filter(pk__in=people_access.visible_pupils(user).values("pk"))
        match = Q(parties__pupil__in=pupils.values("pk")) | Q(parties__staff__in=StaffMember.objects.filter(
            _name_match(words, "")).values("pk"))
        outsider = Q()
        for word in words:
            outsider &= Q(parties__name__icontains=word)
        match |= outsider
        if people_access.is_directie(user):
            match |= Q(parties__guardian__in=Guardian.objects.filter(_name_match(words, "")).values("pk"))
        incidents = incidents.filter(pk__in=Incident.objects.filter(match).values("pk"))
    if group is not None:
        incidents = incidents.filter(pk__in=Incident.objects.filter(
            Q(group=group) | Q(parties__pupil__enrollments__group=group)).values("pk"))
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


@people_access.role_required(Role.MANAGEMENT, Role.BOARD, Role.TEACHER)
def dossiers(request):
    """The dossiers this user may open: pupils (directie; a teacher their groups'), staff (directie,
    bestuur). Searchable by name and group; each pupil with their group, 50 a page."""
    user = request.user
    query, words, group, groups = _search(request)
    name_fields = ("id", "first_name", "tussenvoegsel", "last_name")
    pupils = access.dossier_pupils(user).filter(left_on__isnull=True).only(*name_fields)
    staff = access.dossier_staff(user).filter(left_on__isnull=True).only(*name_fields, "function")
    if words:
        pupils = pupils.filter(_name_match(words, ""))
        staff = staff.filter(_name_match(words, ""))
    if group is not None:
        pupils = pupils.filter(enrollments__group=group)
        staff = staff.none()
    # Paged: a stichting's school has thousands of pupils; staff may pass 50 too.
    page = Paginator(pupils.order_by("sort_name", "id"), 50).get_page(request.GET.get("pagina"))
    pupil_rows = list(page.object_list)
    labels = people.current_groups(p.pk for p in pupil_rows)
    staff_page = Paginator(staff.order_by("sort_name", "id"), 50).get_page(request.GET.get("pagina_personeel"))
    return render(request, "incidents/dossiers.html", {
        "page": page, "pupils": [{"pupil": p, "group": labels.get(p.pk, "")} for p in pupil_rows],
        "staff_page": staff_page, "staff": list(staff_page.object_list), "query": query, "group": group,
        "groups": groups if pupil_rows or access.dossier_pupils(user).exists() else [],
    })


def _chronology(parties, measures, documents) -> list[dict]:
    items = [{"date": p.incident.occurred_at.date(), "kind": "incident", "party": p} for p in parties]
    items += [{"date": m.decided_on or m.created_at.date(), "kind": "measure", "measure": m} for m in measures]
    items += [{"date": d.created_at.date(), "kind": "document", "document": d} for d in documents]
    return sorted(items, key=lambda item: item["date"], reverse=True)


def pupil_dossier(request, pk):
    """A pupil's dossier: their part in incidents, measures (theirs and their parents'), letters
    and correspondence. Teachers see incidents and measures only, never the letters."""
    pupil = access.pupil_dossier_for(request.user, pk)
    full = access.sees_dossier_documents(request.user, staff=False)
    parties = Party.objects.filter(pupil=pupil).select_related("incident__category")
    guardians = list(pupil.guardians.all())
    measures = Measure.objects.decided().filter(party__pupil=pupil) | Measure.objects.decided().filter(party__guardian__in=guardians)
    measures = measures.select_related("party__pupil", "party__guardian", "incident")
    documents = DossierDocument.objects.filter(pupil=pupil) if full else DossierDocument.objects.none()
    return render(request, "incidents/dossier.html", {
        "subject": pupil, "group": people.current_groups([pupil.pk]).get(pupil.pk, ""), "is_pupil": True, "full": full, "link_incidents": True, "items": _chronology(parties, measures, documents),
        "upload_form": forms.UploadForm() if people_access.is_directie(request.user) else None,
        "upload_url": "incidents:pupil_dossier_upload",
    })


def staff_dossier(request, pk):
    staff = access.staff_dossier_for(request.user, pk)
    parties = Party.objects.filter(staff=staff).select_related("incident__category")
    measures = Measure.objects.decided().filter(party__staff=staff).select_related("party__staff", "incident")
    documents = DossierDocument.objects.filter(staff=staff)
    return render(request, "incidents/dossier.html", {
        "subject": staff, "is_pupil": False, "full": True, "link_incidents": people_access.is_directie(request.user), "items": _chronology(parties, measures, documents),
        "upload_form": forms.UploadForm() if people_access.is_directie(request.user) else None,
        "upload_url": "incidents:staff_dossier_upload",
    })


def _upload(request, *, pupil=None, staff=None):
    if not people_access.is_directie(request.user):
        raise PermissionDenied
    form = forms.UploadForm(request.POST, request.FILES)
    if form.is_valid():
        services.upload_correspondence(actor=request.user, title=form.cleaned_data["title"], upload=form.cleaned_data["file"],
                                       pupil=pupil, staff=staff)
        messages.success(request, _("Stuk opgenomen in het dossier."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))


@require_POST
def pupil_dossier_upload(request, pk):
    pupil = access.pupil_dossier_for(request.user, pk)
    _upload(request, pupil=pupil)
    return redirect("incidents:pupil_dossier", pk=pupil.pk)


@require_POST
def staff_dossier_upload(request, pk):
    staff = access.staff_dossier_for(request.user, pk)
    _upload(request, staff=staff)
    return redirect("incidents:staff_dossier", pk=staff.pk)


def document(request, pk):
    item = access.dossier_document_for(request.user, pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, filename=item.original_name,
                            as_attachment=True)
    response["Cache-Control"] = "private, no-store"
    return response


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
