"""The dossiers of pupils and staff: the list, a dossier's chronology and its documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from julianaschool import access as people_access
from julianaschool.models import Role

from .. import access, forms, people, services
from ..models import (
    DossierDocument,
    Measure,
    Party,
)
from ._common import list_filters, name_match


@people_access.role_required(Role.MANAGEMENT, Role.BOARD, Role.TEACHER)
def dossiers(request):
    """The dossiers this user may open: pupils (directie; a teacher their groups'), staff (directie,
    bestuur). Searchable by name and group; each pupil with their group, 50 a page."""
    user = request.user
    query, words, group, groups = list_filters(request)
    name_fields = ("id", "first_name", "tussenvoegsel", "last_name")
    pupils = access.dossier_pupils(user).filter(left_on__isnull=True).only(*name_fields)
    staff = access.dossier_staff(user).filter(left_on__isnull=True).only(*name_fields, "function")
    if words:
        pupils = pupils.filter(name_match(words, ""))
        staff = staff.filter(name_match(words, ""))
    if group is not None:
        pupils = pupils.filter(enrollments__group_id=group)
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
