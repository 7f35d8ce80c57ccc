"""The office's pages for families: guardians of a pupil, their details, invitations (issue 14, item 5)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, family_services
from .errors import show_refusal
from .forms import GuardianContactForm, GuardianForm, RemoveGuardianForm
from .models import ClassGroup, Guardian, LinkCode, Pupil, Role, SchoolYear
from .params import int_param, parse_id


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def guardian_add(request, pk):
    pupil = access.pupil_for(request.user, pk)
    form = GuardianForm(request.POST or None, initial={"tussenvoegsel": pupil.tussenvoegsel, "last_name": pupil.last_name})
    if request.method == "POST" and form.is_valid():
        try:
            guardian = family_services.add_guardian(pupil=pupil, **form.cleaned_data, actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("%(name)s is toegevoegd als ouder/verzorger van %(child)s.") % {
                "name": guardian.full_name, "child": pupil.full_name})
            return redirect("people:pupil", pk=pupil.pk)
    return render(request, "julianaschool/guardian_form.html", {"form": form, "pupil": pupil, "guardian": None})


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
@require_POST
def guardian_remove(request, pk):
    pupil = access.pupil_for(request.user, pk)
    form = RemoveGuardianForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reden: vul in waarom deze ouder/verzorger niet meer bij het kind hoort."))
        return redirect("people:pupil", pk=pupil.pk)
    guardian = pupil.guardians.filter(pk=form.cleaned_data["guardian"]).first()
    if guardian is None:
        messages.error(request, _("Deze ouder/verzorger hoort niet (meer) bij dit kind."))
        return redirect("people:pupil", pk=pupil.pk)
    try:
        family_services.remove_guardian(pupil=pupil, guardian=guardian, reason=form.cleaned_data["reason"],
                                        actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("%(name)s is geen ouder/verzorger van %(child)s meer; de eerdere keuzes blijven in "
                                    "het register.") % {"name": guardian.full_name, "child": pupil.full_name})
    return redirect("people:pupil", pk=pupil.pk)


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def guardian_edit(request, pk):
    guardian = access.guardian_for(request.user, pk)
    form = GuardianContactForm(request.POST or None, initial={f: getattr(guardian, f) for f in family_services.CONTACT_FIELDS})
    if request.method == "POST" and form.is_valid():
        family_services.update_guardian(guardian=guardian, **form.cleaned_data, actor=request.user)
        messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": guardian.full_name})
        return redirect("people:guardian_edit", pk=guardian.pk)
    codes = guardian.link_codes.select_related("created_by").order_by("-created_at")
    return render(request, "julianaschool/guardian_form.html", {
        "form": form, "guardian": guardian, "pupil": None, "codes": codes,
        "children": guardian.pupils.all(), "ended": guardian.ended_links.select_related("pupil", "ended_by")})



@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def guardian_list(request):
    """Every guardian of this year's pupils with their invitation state; filter, search, select."""
    school_year = SchoolYear.objects.current()
    groups = ClassGroup.objects.filter(school_year=school_year).only("id", "name")
    group_pk = int_param(request, "groep")
    group = next((g for g in groups if g.pk == group_pk), None)
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    pupils = Pupil.objects.active()
    pupils = pupils.in_group(group) if group is not None else pupils.in_school_year(school_year)
    guardians = Guardian.objects.filter(pupils__in=pupils, anonymised_at__isnull=True).distinct()
    if query:
        for word in query.split()[:5]:
            guardians = guardians.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                                         | Q(email__icontains=word))
    if status == "zonder":
        guardians = guardians.filter(user__isnull=True)
    elif status == "account":
        guardians = guardians.filter(user__isnull=False)
    guardians = guardians.prefetch_related(
        Prefetch("link_codes", LinkCode.objects.select_related("created_by")), "pupils").order_by("sort_name", "pk")
    page = Paginator(guardians, 50).get_page(request.GET.get("pagina"))
    rows = [(g, family_services.invitation_state(g)) for g in page]
    return render(request, "julianaschool/guardian_list.html", {
        "page": page, "rows": rows, "groups": groups, "group_id": str(group.pk) if group else "", "query": query,
        "status": status})


def _invite_scope(request):
    """(label, guardians) for the scope the office chose: the school, a group or a selection."""
    data = request.POST if request.method == "POST" else request.GET
    group_id = parse_id(data.get("groep", ""))
    ids = [i for i in (parse_id(v) for v in data.getlist("ouder")) if i is not None]
    if ids:
        return "selection", None, family_services.uninvited_guardians(ids=ids), ids
    group = ClassGroup.objects.filter(pk=group_id, school_year=SchoolYear.objects.current()).first() if group_id else None
    return ("group" if group else "school"), group, family_services.uninvited_guardians(group=group), []


@access.role_required(Role.OFFICE, Role.MANAGEMENT)
def guardians_invite(request):
    """'Nodig alle ouders zonder account uit': first the count (nothing sent), then on
    confirmation the mails go to the worker as non-urgent mail."""
    scope, group, guardians, ids = _invite_scope(request)
    if request.method == "POST" and request.POST.get("bevestig") == "ja":
        count = family_services.invite_in_bulk(guardians=list(guardians), actor=request.user,
                                               base_url=request.build_absolute_uri("/"))
        messages.success(request, _("%(count)s uitnodigingen staan klaar; ze gaan op de eerstvolgende schooldag vanaf "
                                    "07:30 de deur uit (of meteen, als het nu een schooldag is).") % {"count": count})
        return redirect("people:guardians")
    return render(request, "julianaschool/guardians_invite.html", {
        "scope": scope, "group": group, "count": guardians.count(), "ids": ids, "preview": list(guardians[:20])})
