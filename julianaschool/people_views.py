"""Pages of the office (administratie) and directie about the school's people, and the audit trail."""

import base64
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, group_services, import_columns, imports, pupil_services, services
from .downloads import csv_file_response
from .errors import show_refusal
from .forms import ImportUploadForm, LeaveForm, MovePupilForm, NewPupilForm, PupilForm, RedeemCodeForm
from .models import AuditEntry, ClassGroup, Enrollment, Role, SchoolYear
from .params import int_param, parse_id


def _search(pupils, query: str):
    """Every word of the query matches a part of the name or the leerlingnummer."""
    for word in query.split()[:5]:
        pupils = pupils.filter(Q(first_name__icontains=word) | Q(tussenvoegsel__icontains=word)
                               | Q(last_name__icontains=word) | Q(student_number__iexact=word))
    return pupils


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def pupil_list(request):
    """This year's pupils, by group, searched by name or leerlingnummer, 50 a page; each with the
    group they are in today, so that two pupils of the same name are told apart."""
    school_year = SchoolYear.objects.current()
    # (id, name) pairs for the dropdown: a stichting's 200 groups as model instances were the
    # part of this page that grew with the school (bench/scale.py).
    groups = list(ClassGroup.objects.filter(school_year=school_year).values_list("pk", "name"))
    group_pk = int_param(request, "groep")
    group = group_pk if any(pk == group_pk for pk, _name in groups) else None
    query = request.GET.get("q", "").strip()[:100]
    pupils = access.visible_pupils(request.user).prefetch_related("guardians")
    if group is not None:
        pupils = pupils.filter(pk__in=Enrollment.objects.current(school_year=school_year).filter(group_id=group)
                               .values("pupil"))  # Pupil.objects.in_group, from the group's id
    elif query:
        pupils = _search(pupils, query)  # a search finds pupils who left or are not placed this year too
    elif school_year is not None:
        pupils = pupils.in_school_year(school_year)
    if query and group is not None:
        pupils = _search(pupils, query)
    page = Paginator(pupils.order_by("sort_name", "pk"), 50).get_page(request.GET.get("pagina"))
    placed = {e.pupil_id: e.group for e in Enrollment.objects.current(school_year=school_year)
              .filter(pupil__in=[p.pk for p in page]).select_related("group")} if school_year else {}
    rows = [(pupil, placed.get(pupil.pk)) for pupil in page]
    return render(
        request,
        "julianaschool/pupil_list.html",
        {"page": page, "rows": rows, "groups": groups, "group": group, "school_year": school_year, "query": query},
    )


def _current_groups():
    return ClassGroup.objects.filter(school_year=SchoolYear.objects.current(), ended_on__isnull=True).order_by("name")


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def pupil_add(request):
    """Register a new pupil by hand, in a group of this school year."""
    form = NewPupilForm(request.POST or None, groups=_current_groups())
    if request.method == "POST" and form.is_valid():
        try:
            pupil = pupil_services.register_pupil(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(name)s is ingeschreven.") % {"name": pupil.full_name})
            return redirect("people:pupil", pk=pupil.pk)
    return render(request, "julianaschool/pupil_form.html", {"form": form, "pupil": None})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def pupil_edit(request, pk):
    pupil = access.pupil_for(request.user, pk)
    form = PupilForm(request.POST or None, initial={f: getattr(pupil, f) for f in pupil_services.FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            pupil_services.update_pupil(pupil=pupil, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": pupil.full_name})
            return redirect("people:pupil", pk=pupil.pk)
    return render(request, "julianaschool/pupil_form.html", {"form": form, "pupil": pupil})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def pupil_move(request, pk):
    """Move a pupil to another group from a date; the enrolment history keeps both."""
    pupil = access.pupil_for(request.user, pk)
    form = MovePupilForm(request.POST, groups=_current_groups())
    if not form.is_valid():
        messages.error(request, _("Kies een groep en een geldige datum."))
        return redirect("people:pupil", pk=pupil.pk)
    group, on = form.cleaned_data["group"], form.cleaned_data["on"]
    try:
        group_services.move_pupil(pupil=pupil, group=group, on=on, actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s zit vanaf %(date)s in %(group)s.") % {
            "name": pupil.full_name, "date": f"{on:%d-%m-%Y}", "group": group})
    return redirect("people:pupil", pk=pupil.pk)


@access.role_required(Role.MANAGEMENT)
def audit_log(request):
    """Directie reads the audit trail, filtered by person (actor) or object."""
    entries = AuditEntry.objects.select_related("content_type", "actor")
    person = request.GET.get("persoon", "").strip()
    if person:
        entries = entries.filter(actor_name__icontains=person)
    obj = request.GET.get("object", "").strip()
    if obj:
        entries = entries.filter(object_repr__icontains=obj)
    kind_id = int_param(request, "soort")
    kind = str(kind_id) if kind_id else ""
    if kind_id is not None:
        entries = entries.filter(content_type_id=kind_id)
    kinds = ContentType.objects.filter(pk__in=AuditEntry.objects.values("content_type")).order_by("model")
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "julianaschool/audit_log.html",
        {"page": page, "person": person, "object": obj, "kind": kind, "kinds": kinds},
    )


@login_not_required
def redeem(request):
    """A parent follows the koppelcode from the invitation: a new account, or a child added."""
    existing = request.user if request.user.is_authenticated else None
    form = RedeemCodeForm(request.POST or None, initial={"code": request.GET.get("code", "")}, existing_user=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.redeem_link_code(code=data["code"], user=existing,
                                             username=data.get("username", ""), password=data.get("password1", ""))
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            if existing is None:
                login(request, user, backend="julianaschool.security.PortalModelBackend")
            messages.success(request, _("Gelukt: uw kind(eren) zijn aan uw account gekoppeld."))
            return redirect("dashboard")
    return render(request, "julianaschool/redeem.html", {"form": form})


IMPORT_SESSION_KEY = "pending_import"
MAPPING_PREFIX = "kolom:"


def _pending_import(request) -> tuple[bytes, dict] | None:
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not isinstance(pending, dict):
        return None
    return base64.b64decode(pending["data"]), pending.get("mapping", {})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def import_upload(request):
    """Step 1: upload the CSV; step 2 (same page): the preview with every row's problems and
    warnings, a mapping for columns the portal does not recognise, and a checkbox for every new
    link to an existing account."""
    plan = None
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    pending = _pending_import(request) if request.method == "POST" and "koppel_kolommen" in request.POST else None
    if pending is not None:
        # The mapping step: the same file read again with the office's choice for each unknown column.
        data, _old = pending
        allowed = {value for value, _label in import_columns.column_choices()}
        mapping = {key.removeprefix(MAPPING_PREFIX): value for key, value in request.POST.items()
                   if key.startswith(MAPPING_PREFIX) and value in allowed}
        plan = imports.read(data, mapping=mapping)
        request.session[IMPORT_SESSION_KEY] = {"data": base64.b64encode(data).decode(), "mapping": mapping}
        form = ImportUploadForm()
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"]
        plan = imports.read(data)
        # The file waits in the session for the mapping step or the office's confirmation; nothing is saved yet.
        request.session[IMPORT_SESSION_KEY] = {"data": base64.b64encode(data).decode(), "mapping": {}}
    return render(request, "julianaschool/import.html", {
        "form": form, "plan": plan, "column_choices": import_columns.column_choices(), "mapping_prefix": MAPPING_PREFIX})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def import_sample(request):
    """The sample file the import page links to."""
    sample = Path(settings.BASE_DIR) / "docs" / "import-voorbeeld.csv"
    return csv_file_response(path=sample, filename="import-voorbeeld.csv")


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def import_confirm(request):
    """Step 3: save the previewed file, all or nothing; links to existing accounts only if ticked."""
    pending = _pending_import(request)
    request.session.pop(IMPORT_SESSION_KEY, None)
    if pending is None:
        messages.error(request, _("Er staat geen gecontroleerd bestand klaar. Upload het bestand opnieuw."))
        return redirect("people:import")
    data, mapping = pending
    plan = imports.read(data, mapping=mapping)
    try:
        counts = services.import_pupils(plan=plan, actor=request.user,
                                        confirmed_links=set(request.POST.getlist("bevestig")))
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("people:import")
    summary = ", ".join(f"{value} {_(key)}" for key, value in counts.items())
    messages.success(request, _("Import opgeslagen: %(summary)s.") % {"summary": summary})
    return redirect("people:pupils")


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def pupil_detail(request, pk):
    pupil = access.pupil_for(request.user, pk)
    guardians = pupil.guardians.prefetch_related("link_codes").select_related("user")
    enrollments = pupil.enrollments.select_related("group", "school_year").order_by(
        "-school_year__starts_on", F("starts_on").desc(nulls_last=True))
    earliest, latest = services.leave_date_bounds(pupil)
    return render(request, "julianaschool/pupil_detail.html",
                  {"pupil": pupil, "guardians": guardians, "enrollments": enrollments,
                   "move_form": MovePupilForm(groups=_current_groups(), initial={"on": timezone.localdate()}),
                   "leave_form": LeaveForm(earliest=earliest, latest=latest),
                   "can_undo_leave": services.can_undo_leave(pupil)})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def pupil_leave(request, pk):
    pupil = access.pupil_for(request.user, pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        try:
            services.mark_pupil_left(pupil=pupil, left_on=form.cleaned_data["left_on"], actor=request.user)
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("%(name)s is uitgeschreven.") % {"name": pupil.full_name})
    else:
        messages.error(request, _("Vul een geldige datum van uitschrijven in."))
    return redirect("people:pupil", pk=pupil.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def pupil_leave_undo(request, pk):
    """Undo a leave recorded by mistake, within the retention grace."""
    pupil = access.pupil_for(request.user, pk)
    try:
        services.undo_pupil_leave(pupil=pupil, actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De uitschrijving van %(name)s is teruggedraaid.") % {"name": pupil.full_name})
    return redirect("people:pupil", pk=pupil.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def guardian_invite(request, pk):
    """Send a guardian their koppelcode by e-mail."""
    guardian = access.guardian_for(request.user, pk)
    try:
        services.invite_guardian(guardian=guardian, invited_by=request.user, base_url=request.build_absolute_uri("/"))
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De uitnodiging met koppelcode is gemaild naar %(email)s.") % {"email": guardian.email})
    pupil_id = parse_id(request.POST.get("pupil", ""))
    if pupil_id is not None and access.visible_pupils(request.user).filter(pk=pupil_id).exists():
        return redirect("people:pupil", pk=pupil_id)
    return redirect("people:pupils")
