"""Pages for two-factor login (enrol, verify, switch off) and for lifting login lock-outs."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from julianaschool.errors import show_refusal

from .. import access
from ..models import Role
from . import lockout, two_factor
from .forms import TokenForm, UnlockForm


def _next_url(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return settings.LOGIN_REDIRECT_URL


def otp_setup(request):
    """Enrol an authenticator app: a QR code made on the server, then a first code to confirm."""
    if user_has_device(request.user) and not request.user.is_verified():
        return redirect("security:otp_verify")
    device = two_factor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.confirm_device(request=request, device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            messages.success(request, _("Tweestapsverificatie staat aan. Voortaan vragen wij na uw wachtwoord een code."))
            return redirect(_next_url(request))
    return render(request, "julianaschool/security/otp_setup.html", {
        "form": form,
        "qr": two_factor.qr_data_uri(device),
        "secret": two_factor.secret_for_manual_entry(device),
        "has_device": user_has_device(request.user),
        "required": two_factor.two_factor_required(request.user),
        "next": _next_url(request),
    })


def otp_verify(request):
    """The second step of logging in: the code from the authenticator app."""
    if not user_has_device(request.user):
        return redirect("security:otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            return redirect(_next_url(request))
    return render(request, "julianaschool/security/otp_verify.html", {"form": form, "next": _next_url(request)})


@require_POST
def otp_remove(request):
    try:
        two_factor.remove_devices(user=request.user, actor=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Tweestapsverificatie staat uit."))
    return redirect("security:otp_setup")


@access.role_required(Role.OFFICE)
def lock_list(request):
    """Administratie sees which accounts and addresses are locked out after failed logins."""
    return render(request, "julianaschool/security/locks.html", {
        "locks": lockout.current_locks(),
        "limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60) if settings.AXES_COOLOFF_TIME else None,
    })


@require_POST
@access.role_required(Role.OFFICE)
def lock_release(request):
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een blokkade om op te heffen."))
        return redirect("security:locks")
    kind, value = form.cleaned_data["kind"], form.cleaned_data["value"]
    lockout.unlock(kind=kind, value=value, actor=request.user)
    if kind == "username":
        messages.success(request, _("Het account %(name)s kan weer inloggen.") % {"name": value})
    else:
        messages.success(request, _("Het adres %(ip)s kan weer inloggen.") % {"ip": value})
    return redirect("security:locks")


# --- dashboard and menu (registered in settings.PORTAL_DASHBOARD_PROVIDERS / PORTAL_NAV_PROVIDERS)


def dashboard_sections(request) -> list[dict]:
    """A small card: two-step verification on or off, with the way to change it."""
    user = request.user
    context = {"has_device": two_factor.has_second_factor(user), "required": two_factor.two_factor_required(user)}
    return [{"template": "julianaschool/security/_dashboard_2fa.html", "context": context, "priority": 90}]


def nav_items(request) -> list[dict]:
    if access.has_role(request.user, Role.OFFICE):
        return [{"label": _("Blokkades"), "url": reverse("security:locks"), "active_prefix": "/beveiliging/blokkades/",
                 "group": "office"}]
    return []
