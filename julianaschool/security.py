"""Login protection: lock-out after failed logins (django-axes) and two-factor login (TOTP).

The writes (unlocking, enrolling and removing a TOTP device) are service functions like every
other write of the portal: keyword-only, atomic, audited.
"""

import base64
import io
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .access import assigned_roles, awaits_second_factor

User = get_user_model()


# --- requests


class RejectNullCharactersMiddleware:
    """A NUL character in a query string or form field is never a real answer: 400, early.

    Django's form fields refuse it, but a view that reads request.GET directly (a filter, a
    page number) would hand it to PostgreSQL, which refuses it with an error (a 500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in key or "\x00" in value
                                           for key, values in request.GET.lists() for value in values):
            return HttpResponseBadRequest(_("Ongeldig teken in het verzoek."))
        # Form posts are looked at in their raw bytes: parsing request.POST here would stop a view
        # from choosing its own upload handlers. (Multipart fields go through the forms, whose
        # fields refuse NUL themselves.)
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            body = request.body
            if b"\x00" in body or b"%00" in body:
                return HttpResponseBadRequest(_("Ongeldig teken in het verzoek."))
        return self.get_response(request)


# --- passwords


class DutchPasswordValidator:
    """Refuses what Django's English list of common passwords misses for this school: a password
    that is, apart from digits and punctuation, a common Dutch word or the school's name, or that
    contains the username."""

    WORDS = {
        "wachtwoord", "welkom", "geheim", "juliana", "prinses", "julianaschool", "basisschool", "school",
        "nijmegen", "voetbal", "zomer", "winter", "hallo", "schatje", "liefde", "ajax", "feyenoord",
    }

    def validate(self, password, user=None):
        letters = "".join(ch for ch in password.lower() if ch.isalpha())
        if letters in self.WORDS or any(letters == word * 2 for word in self.WORDS):
            raise ValidationError(_("Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld een paar losse woorden achter elkaar."),
                                  code="password_too_common")
        username = (getattr(user, "username", "") or "").lower()
        if user is not None and len(username) >= 4 and username in password.lower():
            raise ValidationError(_("Uw wachtwoord mag uw gebruikersnaam niet bevatten."), code="password_has_username")

    def get_help_text(self):
        return _("Uw wachtwoord mag geen gewoon woord of uw gebruikersnaam zijn.")


# --- lock-out (django-axes)


def client_ip(request) -> str | None:
    """The visitor's address: the connection's, or the one the trusted proxies put in front.

    Only the entries appended by our own proxies are trusted; anything further left in
    X-Forwarded-For is whatever the visitor chose to send.
    """
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops > 0 and forwarded:
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        if len(parts) >= hops:
            return parts[-hops]
    return request.META.get("REMOTE_ADDR")


def attempted_username(request, credentials=None) -> str | None:
    """The username tried, cut to what axes can store: a 5,000-character username must fail
    like any wrong password, not with a database error."""
    if credentials:
        username = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        username = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return str(username)[:150] if username is not None else None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, first in AUTHENTICATION_BACKENDS.

    Every login through the portal's pages passes the request, so it is checked. Code that calls
    `authenticate` without a request (the test client's `login()`, a shell) is not a login
    attempt from outside and goes straight to the password check instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PortalModelBackend(ModelBackend):
    """Django's password backend, loading the signed-in user lean: the user with their staff and
    guardian record and whether they have a confirmed second factor in one query; their roles
    (groups) in a second, once, when the request first asks (access.roles_of). Everything a
    request asks about the user later reads these."""

    def user_can_authenticate(self, user):
        # A staff member whose uit-dienst date has come can no longer sign in, nor stay signed in.
        staff = getattr(user, "staff", None) if user is not None and user.pk else None
        if staff is not None and staff.left_on is not None and staff.left_on <= timezone.localdate():
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        user = (User._default_manager.select_related("staff", "guardian")
                .annotate(portal_has_device=Exists(confirmed)).filter(pk=user_id).first())
        return user if user is not None and self.user_can_authenticate(user) else None


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page (HTTP 429): what happened and what to do, in plain Dutch."""
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
    }
    return render(request, "registration/locked_out.html", context, status=429)


@dataclass
class Lock:
    """A locked account (username) or address (ip), with its failures and the last attempt."""

    kind: str  # "username" or "ip"
    value: str
    failures: int
    last_attempt: object


def _active_attempts():
    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts


def current_locks() -> list[Lock]:
    """Accounts and addresses that are locked out right now, the most recent first."""
    locks = []
    limit = settings.AXES_FAILURE_LIMIT
    for field, kind in (("username", "username"), ("ip_address", "ip")):
        # (No exclude of "" on ip_address: Django turns it into NULL for an IP field.)
        rows = (
            _active_attempts()
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=limit)
        )
        locks += [Lock(kind=kind, value=row[field], failures=row["failures"], last_attempt=row["last"])
                  for row in rows if row[field]]
    return sorted(locks, key=lambda lock: lock.last_attempt, reverse=True)


@transaction.atomic
def unlock(*, kind: str, value: str, actor) -> int:
    """Lift the lock-out of an account (kind "username") or an address (kind "ip").

    Removes the failed attempts that caused it, so the count starts again from zero, and
    records who unlocked what in the audit trail. Returns the number of attempts removed.
    """
    if kind == "username":
        removed = axes_reset(username=value)
    elif kind == "ip":
        removed = axes_reset(ip=value)
    else:
        raise ValidationError(_("Onbekend soort blokkade."))
    user = User.objects.filter(username=value).first() if kind == "username" else None
    audit.record(
        actor=actor,
        action="blokkade opgeheven",
        obj=user,
        changes={"soort": "account" if kind == "username" else "adres", "waarde": value, "pogingen": removed},
    )
    return removed


# --- two-factor login (django-otp, TOTP)


def two_factor_required(user) -> bool:
    """True when the school demands a second factor of this user (REQUIRE_2FA and their role)."""
    # The roles given, not the roles acted with: those are none until the code is given.
    return bool(settings.REQUIRE_2FA) and bool(assigned_roles(user) & set(settings.REQUIRE_2FA_ROLES))


def has_second_factor(user) -> bool:
    """Whether the user has a confirmed authenticator (read from the request's user when loaded)."""
    known = getattr(user, "portal_has_device", None)
    return known if known is not None else user_has_device(user)


def owes_second_factor(user) -> bool:
    """A signed-in user who has not yet given a TOTP code this session but must."""
    return awaits_second_factor(user)


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed TOTP device (made on first visit to the enrolment page).

    Not audited: an unconfirmed device cannot be used to log in; confirming it is the write.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator-app"), confirmed=False)
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// link as an SVG QR code in a data: URI (made here, no network)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_for_manual_entry(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps without a camera."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def confirm_device(*, request, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirm an enrolment with a first code from the app; the session counts as verified.

    Older devices of the user are removed: one authenticator per person keeps it simple.
    """
    if not device.verify_token((token or "").replace(" ", "")):
        raise ValidationError(_("Deze code klopt niet. Kijk in de app en typ de zes cijfers die u nu ziet."))
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit.record(actor=request.user, action="tweestapsverificatie ingesteld", obj=request.user)
    return device


def verify(*, request, token: str) -> TOTPDevice:
    """Check the code after the password; on success the session is verified."""
    token = (token or "").replace(" ", "")
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return device
    raise ValidationError(_("Deze code klopt niet. Kijk in de app en typ de zes cijfers die u nu ziet."))


@transaction.atomic
def remove_devices(*, user, actor) -> int:
    """Switch two-factor login off for `user` (refused while the school requires it of them)."""
    if two_factor_required(user):
        raise ValidationError(_("Voor uw rol is tweestapsverificatie verplicht; u kunt hem niet uitzetten."))
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="tweestapsverificatie uitgezet", obj=user, changes={"apparaten": removed})
    return removed


# Pages a user who still owes a code may reach: the two-factor pages themselves and logging out.
OTP_EXEMPT_URL_NAMES = {"security:otp_verify", "security:otp_setup", "logout", "set_language"}


class TwoFactorMiddleware:
    """Between password and code, a session may only reach the code and enrolment pages.

    Public pages (marked `login_not_required`) stay reachable; everything else sends the user
    to the verification page, or to enrolment when the school requires a code they have no app for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OTP_EXEMPT_URL_NAMES:
            return None
        if not owes_second_factor(user):
            return None
        if not getattr(view_func, "login_required", True):
            # A public page sees a half-finished login as a visitor: no role (see access.roles_of),
            # no account to add a koppelcode's children to.
            request.user = AnonymousUser()
            return None
        target = "security:otp_verify" if has_second_factor(user) else "security:otp_setup"
        response = redirect(target)
        response["Location"] += "?next=" + _safe_next(request)
        return response


def _safe_next(request) -> str:
    from urllib.parse import quote

    return quote(request.get_full_path(), safe="/")
