"""Pages of the consent app: the parent's and staff member's forms, receipts, the class sheet,
the office's paper forms, directie's overview, purposes and integration tokens."""

import itertools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.confirm import confirmation, confirmed
from julianaschool.downloads import csv_response
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import ClassGroup, Pupil, Role, SchoolYear

from . import access, avg, counts, pdf, services, sheet, state
from .forms import NO, YES, ChoicesForm, OfficeEntryForm, PurposeForm, TokenForm
from .models import ConsentRecord, IntegrationToken, PaperForm, Purpose
from .publications import export as publications_export


def _active_purposes():
    return list(Purpose.objects.active().select_related("current_version"))


# --- parents and staff


@people_access.role_required(Role.GUARDIAN, Role.STAFF, Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)
def index(request):
    """'Toestemming beeldmateriaal': each child of a parent with its open questions; the staff
    member's own choices."""
    purposes = _active_purposes()
    children = list(people_access.children_of(request.user).order_by("first_name"))
    answers = state.pupil_answers([c.pk for c in children], purposes)
    rows = []
    for child in children:
        cells = [state.answer(answers, child.pk, p.pk) for p in purposes]
        rows.append({"child": child, "open": sum(1 for c in cells if not c.answered and not c.ended),
                     "yes": sum(1 for c in cells if c.given), "disagreement": any(c.disagreement for c in cells)})
    staff = people_access.staff_of(request.user) if people_access.is_staff_member(request.user) else None
    staff_open = None
    if staff is not None:
        mine = state.staff_answers([staff.pk], purposes)
        staff_open = sum(1 for p in purposes if not state.answer(mine, staff.pk, p.pk).answered)
    return render(request, "consent/index.html", {"rows": rows, "purposes": purposes, "staff": staff,
                                                  "staff_open": staff_open})


def _question_rows(form, *, staff: bool = False) -> list[dict]:
    """(purpose, field, the words shown) per question, in the reader's language."""
    return [{"purpose": p, "field": field, "text": p.current_version.shown(staff=staff)} for p, field in form.rows()]


def _filled_in(request, purposes):
    """"Alles ja" / "Alles nee" (a button of the form): the form again with every answer ticked,
    to read and change before saving; None for any other request. Nothing is saved."""
    value = request.POST.get("alles", "") if request.method == "POST" else ""
    if value not in (YES, NO):
        return None
    messages.info(request, _("Nog niet opgeslagen: bekijk elke keuze en klik dan op Keuzes opslaan."))
    return ChoicesForm(purposes=purposes, current={p.pk: value == YES for p in purposes})


@people_access.role_required(Role.GUARDIAN)
def child_form(request, pk):
    """One child's form: an explicit ja/nee per purpose, the guardian's own answer shown."""
    child = access.consent_child_for(request.user, pk)
    guardian = people_access.guardian_of(request.user)
    purposes = _active_purposes()
    own = state.own_answers(pupil_id=child.pk, guardian_id=guardian.pk, purposes=purposes)
    form = (_filled_in(request, purposes)
            or ChoicesForm(request.POST or None, purposes=purposes, current={k: a.given for k, a in own.items()}))
    if form.is_bound and form.is_valid():
        try:
            records = services.record_guardian_choices(guardian=guardian, pupil=child, choices=form.choices(),
                                                       actor=request.user, shown=form.shown_versions(),
                                                       languages=form.shown_languages())
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            if records:
                messages.success(request, _("Uw keuze is opgeslagen en geldt meteen. U krijgt een bevestiging per e-mail."))
                return redirect("consent:receipt", submission=records[0].submission)
            messages.info(request, _("Er is niets veranderd."))
            return redirect("consent:child", pk=child.pk)
    answers = state.pupil_answers([child.pk], purposes)
    rows = [{**row, "own": own.get(row["purpose"].pk), "effective": state.answer(answers, child.pk, row["purpose"].pk)}
            for row in _question_rows(form)]
    return render(request, "consent/child_form.html", {
        "child": child, "form": form, "rows": rows, "ended": child.left_on is not None,
        "rule": state.guardian_rule(), "next_child": _next_child(request.user, child),
    })


def _next_child(user, child):
    """The parent's next child (by first name) still at school, for "Volgende kind"; None if there is none."""
    children = [c for c in people_access.children_of(user).filter(left_on__isnull=True).order_by("first_name", "pk")]
    if len(children) < 2 or child not in children:
        return None
    return children[(children.index(child) + 1) % len(children)]


@people_access.role_required(Role.STAFF, Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)
def staff_form(request):
    """A staff member's own choices about recordings of themselves, in the staff wording."""
    staff = people_access.staff_of(request.user)
    if staff is None:
        raise Http404
    purposes = _active_purposes()
    mine = state.staff_answers([staff.pk], purposes)
    current = {p.pk: state.answer(mine, staff.pk, p.pk).given for p in purposes
               if state.answer(mine, staff.pk, p.pk).answered}
    form = _filled_in(request, purposes) or ChoicesForm(request.POST or None, purposes=purposes, current=current)
    if form.is_bound and form.is_valid():
        try:
            records = services.record_staff_choices(staff=staff, choices=form.choices(), actor=request.user,
                                                    shown=form.shown_versions(), languages=form.shown_languages())
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            if records:
                messages.success(request, _("Uw keuze is opgeslagen en geldt meteen. U krijgt een bevestiging per e-mail."))
                return redirect("consent:receipt", submission=records[0].submission)
            messages.info(request, _("Er is niets veranderd."))
            return redirect("consent:staff")
    rows = [{**row, "own": state.answer(mine, staff.pk, row["purpose"].pk)} for row in _question_rows(form, staff=True)]
    return render(request, "consent/staff_form.html", {"staff": staff, "form": form, "rows": rows})


def _receipt_records(request, submission) -> list[ConsentRecord]:
    """The records of one submission, if the user may read them; 404 otherwise."""
    records = list(ConsentRecord.objects.filter(submission=submission)
                   .select_related("purpose", "purpose_version", "pupil", "staff", "paper_form"))
    if not records:
        raise Http404
    first = records[0]
    user = request.user
    if first.staff_id is not None:
        allowed = first.staff.user_id == user.pk or people_access.is_directie(user)
    else:
        allowed = access.can_manage_consent(user) or people_access.children_of(user).filter(pk=first.pupil_id).exists()
    if not allowed:
        raise Http404
    return records


def _receipt_context(request, records) -> dict:
    """The receipt in plain words: what holds now for every channel (not only what changed in
    this save), the changed ones marked. No hashes or version numbers: those are in the ledger."""
    first = records[0]
    person = first.staff if first.staff_id is not None else first.pupil
    lines = services.current_state_lines(first, records)
    next_child = None
    if first.pupil_id is not None and people_access.has_role(request.user, Role.GUARDIAN):
        next_child = _next_child(request.user, first.pupil)
    return {"records": records, "first": first, "lines": lines, "person": person, "for_staff": first.staff_id is not None,
            "next_child": next_child, "rule": state.guardian_rule()}


def receipt(request, submission):
    """The receipt of one save: what holds now, what changed, when and by whom."""
    records = _receipt_records(request, submission)
    return render(request, "consent/receipt.html", _receipt_context(request, records))


def receipt_pdf(request, submission):
    records = _receipt_records(request, submission)
    content = pdf.render("consent/receipt_pdf.html", _receipt_context(request, records), request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bevestiging-toestemming-{records[0].recorded_at:%Y%m%d-%H%M}.pdf"'
    return response


def pupil_ledger(request, pk):
    """Every ledger record about one pupil (the AVG right of access), for their guardians and the office."""
    pupil = access.consent_pupil_for(request.user, pk)
    records = list(pupil.consent_records.select_related("purpose", "purpose_version", "paper_form")
                   .order_by("-recorded_at", "-id"))
    purposes = _active_purposes()
    answers = state.pupil_answers([pupil.pk], purposes)
    current = [(p, state.answer(answers, pupil.pk, p.pk)) for p in purposes]
    return render(request, "consent/pupil_ledger.html", {
        "pupil": pupil, "records": records, "current": current,
        "can_enter": access.can_manage_consent(request.user) and pupil.left_on is None,
    })


def pupil_export(request, pk):
    pupil = access.consent_pupil_for(request.user, pk)
    records = pupil.consent_records.select_related("purpose", "purpose_version", "paper_form").order_by("recorded_at", "id")
    header = [_("leerling"), _("doel"), _("versie"), _("toestemming"), _("beëindigd"), _("besloten door"),
              _("namens"), _("rol"), _("manier"), _("tijdstip"), _("sha256 van de getoonde tekst"),
              _("scan (sha256)"), _("notitie"), _("bevestiging"), _("taal")]
    rows = ([pupil.full_name, r.purpose.name, r.purpose_version.number, _("ja") if r.given else _("nee"),
             _("ja") if r.ended else "", r.decided_by_name, r.on_behalf_of_name, r.get_decider_role_display(),
             r.get_method_display(), timezone.localtime(r.recorded_at).isoformat(), r.text_sha256,
             r.paper_form.sha256 if r.paper_form_id else "", r.note, str(r.submission), r.get_language_display()]
            for r in records)
    return csv_response(filename=f"toestemming-{slugify(pupil.full_name)}.csv", header=header,
                        rows=itertools.chain(rows, publications_export.rows(pupil), avg.csv_rows(pupil)))


def pupil_export_pdf(request, pk):
    """The same AVG export as a readable PDF: the pupil's and guardians' data, what holds now, every
    ledger record (with version, language and hash of the text shown) and every publication."""
    pupil = access.consent_pupil_for(request.user, pk)
    purposes = _active_purposes()
    answers = state.pupil_answers([pupil.pk], purposes)
    content = pdf.render("consent/pupil_export_pdf.html", {
        "pupil": pupil, "pupil_data": avg.pupil_data(pupil), "guardians": avg.guardians_data(pupil),
        "current": [(p, state.answer(answers, pupil.pk, p.pk)) for p in purposes],
        "records": list(avg.records(pupil)), "publications": avg.publications(pupil), "now": timezone.now(),
    }, request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gegevens-{slugify(pupil.full_name)}.pdf"'
    return response


# --- the office


@people_access.role_required(Role.OFFICE, Role.MANAGEMENT)
def office_entry(request, pk):
    """The office enters a paper form (with its scan) or a phone call for a pupil."""
    pupil = access.consent_pupil_for(request.user, pk)
    try:
        services.refuse_leaver(pupil)
    except Refused as error:
        show_refusal(request, error)
        return redirect("consent:pupil", pk=pupil.pk)
    purposes = _active_purposes()
    form = OfficeEntryForm(request.POST or None, request.FILES or None, purposes=purposes,
                           guardians=pupil.guardians.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_office_entry(pupil=pupil, choices=form.choices(), actor=request.user,
                                         method=data["method"], guardian=data["guardian"], scan=data.get("scan"),
                                         note=data.get("note", ""), shown=form.shown_versions())
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("Het formulier is ingevoerd."))
            return redirect("consent:pupil", pk=pupil.pk)
    return render(request, "consent/office_entry.html", {"pupil": pupil, "form": form, "rows": form.rows()})


def scan(request, pk):
    """A scanned paper form: the office, directie and the pupil's own guardians only."""
    paper_form = get_object_or_404(PaperForm, pk=pk)
    if paper_form.pupil_id is None:
        raise Http404
    access.consent_pupil_for(request.user, paper_form.pupil_id)
    response = FileResponse(paper_form.scan.open("rb"), content_type=paper_form.content_type)
    response["Content-Disposition"] = f'inline; filename="scan-{paper_form.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@people_access.role_required(Role.OFFICE, Role.MANAGEMENT)
def disagreements(request):
    """Pupils whose guardians gave different answers for a purpose."""
    school_year = SchoolYear.objects.current()
    pupils = list(Pupil.objects.active().in_school_year(school_year).prefetch_related("guardians"))
    purposes = _active_purposes()
    answers = state.pupil_answers([p.pk for p in pupils], purposes)
    guardians = {g.pk: g for p in pupils for g in p.guardians.all()}
    rows = []
    for pupil in pupils:
        for purpose in purposes:
            a = state.answer(answers, pupil.pk, purpose.pk)
            if a.disagreement:
                voices = [(guardians.get(gid), given, at) for gid, (given, at, _id) in a.voices.items()]
                rows.append({"pupil": pupil, "purpose": purpose, "answer": a, "voices": voices})
    return render(request, "consent/disagreements.html", {"rows": rows, "rule": state.guardian_rule()})


# --- the class sheet


@people_access.role_required(Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)
def groups(request):
    school_year = SchoolYear.objects.current()
    visible = people_access.visible_groups(request.user).filter(school_year=school_year).order_by("name")
    return render(request, "consent/groups.html", {"groups": visible, "school_year": school_year,
                                                   "office": access.can_manage_consent(request.user),
                                                   "directie": people_access.is_directie(request.user)})


def class_sheet(request, pk):
    group = access.class_sheet_group_for(request.user, pk)
    data = sheet.build(group, not_allowed_on=request.GET.get("niet", ""),
                       link_pupils=access.can_manage_consent(request.user))
    return render(request, "consent/class_sheet.html", {"sheet": data, "group": group, "now": timezone.now()})


def not_allowed(request, pk, slug):
    """"Wie mag NIET op <kanaal>": the names only, for a teacher's phone at the moment of posting."""
    group = access.class_sheet_group_for(request.user, pk)
    data = sheet.build(group, not_allowed_on=slug)
    if data.not_allowed_on is None:
        raise Http404
    index = data.purposes.index(data.not_allowed_on)
    people = [(row.person, row.cells[index].answer) for row in data.rows]
    return render(request, "consent/not_allowed.html", {"sheet": data, "group": group, "people": people,
                                                        "now": timezone.now()})


def class_sheet_pdf(request, pk):
    group = access.class_sheet_group_for(request.user, pk)
    data = sheet.build(group, not_allowed_on=request.GET.get("niet", ""))
    content = pdf.render("consent/class_sheet_pdf.html", {"sheet": data, "group": group, "now": timezone.now()}, request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="groepskaart-groep-{slugify(group.name)}.pdf"'
    return response


def class_sheet_csv(request, pk):
    group = access.class_sheet_group_for(request.user, pk)
    data = sheet.build(group, not_allowed_on=request.GET.get("niet", ""))
    header = [_("leerling")]
    for purpose in data.purposes:
        header += [purpose.local_name, _("%(name)s: laatst gewijzigd") % {"name": purpose.local_name}]
    rows = []
    for row in data.rows:
        line = [row.person.full_name]
        for cell in row.cells:
            changed_at = cell.answer.changed_at
            line += [_("ja") if cell.given else _("nee"),
                     timezone.localtime(changed_at).date().isoformat() if changed_at else ""]
        rows.append(line)
    return csv_response(filename=f"groepskaart-groep-{slugify(group.name)}.csv", header=header, rows=rows)


# --- directie


@people_access.role_required(Role.MANAGEMENT)
def overview(request):
    """Coverage per group and purpose, pupils without an answer, the reminder button."""
    school_year = SchoolYear.objects.current()
    groups = ClassGroup.objects.filter(school_year=school_year).order_by("name")
    purposes = _active_purposes()
    # Counted by the database in one pass over the ledger (consent/counts.py), not folded in Python.
    counted = counts.school_counts(groups, purposes)
    table, missing = counted.table, counted.missing_first
    totals = []
    # Bars are 400 units wide; the SVG's attributes carry the sizes (no inline styles, no JS).
    for index, purpose in enumerate(purposes):
        total = sum(row["cells"][index]["total"] for row in table)
        answered = sum(row["cells"][index]["answered"] for row in table)
        yes = sum(row["cells"][index]["yes"] for row in table)
        totals.append({"purpose": purpose, "total": total, "answered": answered, "yes": yes,
                       "answered_pct": round(100 * answered / total) if total else 0,
                       "yes_pct": round(100 * yes / total) if total else 0, "y": 10 + 32 * index,
                       "answered_width": round(400 * answered / total) if total else 0,
                       "yes_width": round(400 * yes / total) if total else 0})
    chart_height = 32 * len(totals) + 20
    return render(request, "consent/overview.html", {"table": table, "purposes": purposes, "missing": missing,
                                                     "totals": totals, "chart_height": chart_height,
                                                     "missing_total": counted.missing_total,
                                                     "school_year": school_year, "staff": sheet.staff_rows(purposes)})


@require_POST
@people_access.role_required(Role.MANAGEMENT)
def remind(request):
    if not confirmed(request):
        count = services.reminder_count()
        return confirmation(
            request, title=_("Herinnering versturen?"),
            explanation=ngettext("%(count)s ouder/verzorger met een kind zonder antwoord krijgt een herinnering per e-mail.",
                                 "%(count)s ouders/verzorgers met een kind zonder antwoord krijgen een herinnering per e-mail.",
                                 count) % {"count": count},
            button=_("Ja, verstuur de herinnering"), cancel=reverse("consent:overview"))
    sent = services.send_reminders(actor=request.user)
    messages.success(request, _("Herinnering verstuurd: %(count)s e-mail(s).") % {"count": sent})
    return redirect("consent:overview")


@people_access.role_required(Role.MANAGEMENT)
def purposes(request):
    items = Purpose.objects.select_related("current_version").order_by("retired_at", "position", "name")
    return render(request, "consent/purposes.html", {"purposes": items})


@people_access.role_required(Role.MANAGEMENT)
def purpose_create(request):
    form = PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_purpose(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Het doel is toegevoegd. Ouders en medewerkers krijgen de vraag op hun formulier."))
        return redirect("consent:purposes")
    return render(request, "consent/purpose_form.html", {"form": form})


@people_access.role_required(Role.MANAGEMENT)
def purpose_edit(request, pk):
    purpose = get_object_or_404(Purpose.objects.select_related("current_version"), pk=pk)
    version = purpose.current_version
    initial = {"name": purpose.name, "name_en": purpose.name_en,
               "explanation": version.explanation if version else "",
               "explanation_en": version.explanation_en if version else "",
               "staff_explanation": version.staff_explanation if version else "",
               "staff_explanation_en": version.staff_explanation_en if version else "",
               "covers_photo": purpose.covers_photo, "covers_film": purpose.covers_film,
               "covers_sound": purpose.covers_sound, "is_public": purpose.is_public, "position": purpose.position}
    form = PurposeForm(request.POST or None, initial=initial, purpose=purpose)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_purpose(purpose=purpose, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("Het doel is gewijzigd."))
            return redirect("consent:purposes")
    versions = purpose.versions.order_by("-number")
    return render(request, "consent/purpose_form.html", {"form": form, "purpose": purpose, "versions": versions})


@require_POST
@people_access.role_required(Role.MANAGEMENT)
def purpose_retire(request, pk):
    purpose = get_object_or_404(Purpose, pk=pk)
    services.retire_purpose(purpose=purpose, actor=request.user)
    messages.success(request, _("%(name)s wordt niet meer gevraagd. De antwoorden blijven bewaard.") % {"name": purpose.local_name})
    return redirect("consent:purposes")


@people_access.role_required(Role.MANAGEMENT)
def tokens(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.create_integration_token(
            name=form.cleaned_data["name"], purposes=form.cleaned_data["purposes"], actor=request.user,
            scopes=form.cleaned_data["scopes"])
        form = TokenForm()
    items = IntegrationToken.objects.prefetch_related("purposes").order_by("revoked_at", "-created_at")
    return render(request, "consent/tokens.html", {"form": form, "tokens": items, "new_token": new_token})


@require_POST
@people_access.role_required(Role.MANAGEMENT)
def token_revoke(request, pk):
    token = get_object_or_404(IntegrationToken, pk=pk)
    services.revoke_integration_token(token=token, actor=request.user)
    messages.success(request, _("De koppeling %(name)s is ingetrokken en werkt niet meer.") % {"name": token.name})
    return redirect("consent:tokens")
