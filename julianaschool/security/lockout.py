"""Lock-out after failed logins (django-axes): the hooks axes calls, the locks directie sees,
and unlocking (a service: keyword-only, atomic, audited)."""

from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..audit_actions import Action

User = get_user_model()


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
        action=Action.LOCKOUT_LIFTED,
        obj=user,
        changes={"soort": "account" if kind == "username" else "adres", "waarde": value, "pogingen": removed},
    )
    return removed
