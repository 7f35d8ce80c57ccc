"""Who may be shown where: the teacher's groups and class sheet (page, PDF, CSV), the not-allowed
list per purpose, and directie's overview with the reminder."""


from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.confirm import confirmation, confirmed
from julianaschool.downloads import csv_response
from julianaschool.models import ClassGroup, Role, SchoolYear

from .. import access, counts, pdf, services, sheet
from ._common import active_purposes


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




@people_access.role_required(Role.MANAGEMENT)
def overview(request):
    """Coverage per group and purpose, pupils without an answer, the reminder button."""
    school_year = SchoolYear.objects.current()
    groups = ClassGroup.objects.filter(school_year=school_year).order_by("name")
    purposes = active_purposes()
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
    return render(request, "consent/overview.html", {"table": table, "table_html": sheet.overview_rows_html(table),
                                                     "purposes": purposes, "missing": missing,
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
