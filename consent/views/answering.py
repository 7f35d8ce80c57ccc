"""Answering: the consent pages of parents and staff, the forms per child and for oneself, and the
receipt (on screen and as PDF) that proves what was seen and chosen."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.errors import show_refusal
from julianaschool.models import Role

from .. import access, pdf, services, state
from ..forms import NO, YES, ChoicesForm
from ..models import ConsentRecord
from ._common import active_purposes


@people_access.role_required(Role.GUARDIAN, Role.STAFF, Role.TEACHER, Role.MANAGEMENT, Role.OFFICE)
def index(request):
    """'Toestemming beeldmateriaal': each child of a parent with its open questions; the staff
    member's own choices."""
    purposes = active_purposes()
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
    purposes = active_purposes()
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
    purposes = active_purposes()
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
