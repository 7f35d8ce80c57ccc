"""A pupil's records: the ledger, the AVG access export (page and PDF), the office's entry of a
paper form or a phone call with its scan, and the list of guardians who disagree."""

import itertools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.downloads import csv_response
from julianaschool.errors import Refused, show_refusal
from julianaschool.models import Pupil, Role, SchoolYear

from .. import access, avg, pdf, services, state
from ..forms import OfficeEntryForm
from ..models import PaperForm
from ..publications import export as publications_export
from ._common import active_purposes


def pupil_ledger(request, pk):
    """Every ledger record about one pupil (the AVG right of access), for their guardians and the office."""
    pupil = access.consent_pupil_for(request.user, pk)
    records = list(pupil.consent_records.select_related("purpose", "purpose_version", "paper_form")
                   .order_by("-recorded_at", "-id"))
    purposes = active_purposes()
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
    purposes = active_purposes()
    answers = state.pupil_answers([pupil.pk], purposes)
    content = pdf.render("consent/pupil_export_pdf.html", {
        "pupil": pupil, "pupil_data": avg.pupil_data(pupil), "guardians": avg.guardians_data(pupil),
        "current": [(p, state.answer(answers, pupil.pk, p.pk)) for p in purposes],
        "records": list(avg.records(pupil)), "publications": avg.publications(pupil), "now": timezone.now(),
    }, request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gegevens-{slugify(pupil.full_name)}.pdf"'
    return response




@people_access.role_required(Role.OFFICE, Role.MANAGEMENT)
def office_entry(request, pk):
    """The office enters a paper form (with its scan) or a phone call for a pupil."""
    pupil = access.consent_pupil_for(request.user, pk)
    try:
        services.refuse_leaver(pupil)
    except Refused as error:
        show_refusal(request, error)
        return redirect("consent:pupil", pk=pupil.pk)
    purposes = active_purposes()
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
    purposes = active_purposes()
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


