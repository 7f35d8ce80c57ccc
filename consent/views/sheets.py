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
from julianaschool.models import Role, SchoolYear

from .. import access, pdf, services, sheet
from .. import overview as consent_overview
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
    content = sheet.page(group, not_allowed_on=request.GET.get("niet", ""),
                         link_pupils=access.can_manage_consent(request.user))
    return render(request, "consent/class_sheet.html", {"page": content, "group": group})


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
    content = pdf.render("consent/class_sheet_pdf.html",
                         {"sheet": data, "group": group, "stand": sheet.stand(timezone.now())}, request)
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
    return render(request, "consent/overview.html", {
        "overview": consent_overview.build(school_year, active_purposes()), "school_year": school_year})


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
