"""Pages of the office (administratie) and directie about the school's people, and the audit trail."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import access, services
from .forms import RedeemCodeForm
from .models import AuditEntry, ClassGroup, Role, SchoolYear


@access.role_required(Role.ADMINISTRATIE, Role.DIRECTIE)
def pupil_list(request):
    school_year = SchoolYear.objects.current()
    groups = ClassGroup.objects.filter(school_year=school_year).prefetch_related("teachers")
    group_id = request.GET.get("groep", "")
    pupils = access.visible_pupils(request.user).prefetch_related("guardians", "enrollments__group")
    if group_id.isdigit():
        pupils = pupils.filter(enrollments__group_id=int(group_id))
    else:
        pupils = pupils.filter(enrollments__school_year=school_year)
    page = Paginator(pupils.order_by("last_name", "first_name"), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "julianaschool/pupil_list.html",
        {"page": page, "groups": groups, "group_id": group_id, "school_year": school_year},
    )


@access.role_required(Role.DIRECTIE)
def audit_log(request):
    """Directie reads the audit trail, filtered by person (actor) or object."""
    entries = AuditEntry.objects.select_related("content_type", "actor")
    person = request.GET.get("persoon", "").strip()
    if person:
        entries = entries.filter(actor_name__icontains=person)
    obj = request.GET.get("object", "").strip()
    if obj:
        entries = entries.filter(object_repr__icontains=obj)
    kind = request.GET.get("soort", "")
    if kind.isdigit():
        entries = entries.filter(content_type_id=int(kind))
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
            form.add_error(None, error)
        else:
            if existing is None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Gelukt: uw kind(eren) zijn aan uw account gekoppeld."))
            return redirect("dashboard")
    return render(request, "julianaschool/redeem.html", {"form": form})
