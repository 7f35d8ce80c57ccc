"""The read-only integration API for the tools that publish (website, newsletter).

Authentication is a bearer token per integration (only its hash is stored), scoped to the
channels directie chose. Answers hold pupil ids and true/false only: no names, no groups, no
reasons. Sessions do not count here: a signed-in browser is not an integration.
"""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from julianaschool.models import ClassGroup, Pupil

from . import state
from .models import IntegrationToken, Purpose
from .openapi import SPEC

MAX_PUPILS = 500


def _is_id(text: str) -> bool:
    # Fifteen digits at most: larger numbers are no pupil and would overflow the database integer.
    return text.isascii() and text.isdigit() and len(text) <= 15


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="julianaschool"'
    return response


def _token(request) -> IntegrationToken | None:
    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    token = IntegrationToken.objects.filter(token_hash=IntegrationToken.hash(raw.strip()), revoked_at__isnull=True).first()
    if token is not None and (token.last_used_at is None
                              or timezone.now() - token.last_used_at > datetime.timedelta(minutes=1)):
        IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def token_required(view):
    def wrapped(request, *args, **kwargs):
        token = _token(request)
        if token is None:
            return _error(401, "missing, unknown or revoked token")
        return view(request, token, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status)
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@login_not_required
@require_GET
def openapi(request):
    return JsonResponse(SPEC, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@login_not_required
@require_GET
@token_required
def channels(request, token):
    """The channels this integration may ask about."""
    items = token.purposes.active().order_by("position", "name")
    return _json({"channels": [{"channel": p.slug, "name": p.name, "public": p.is_public} for p in items]})


@csrf_exempt
@login_not_required
@require_GET
@token_required
def consent(request, token):
    """May these pupils be shown on this channel? Pupil ids and true/false only."""
    slug = request.GET.get("channel", "")
    group_id = request.GET.get("group")
    pupil_list = request.GET.get("pupils")
    if not slug:
        return _error(400, "channel is required")
    if (group_id is None) == (pupil_list is None):
        return _error(400, "give either group or pupils")
    purpose = Purpose.objects.filter(slug=slug).first()
    if purpose is None:
        return _error(404, "unknown channel")
    if not token.purposes.filter(pk=purpose.pk).exists():
        return _error(403, "this token may not ask about this channel")
    if group_id is not None:
        if not _is_id(group_id):
            return _error(400, "group must be a positive integer")
        group = ClassGroup.objects.filter(pk=int(group_id)).first()
        if group is None:
            return _error(404, "unknown group")
        ids = list(Pupil.objects.active().filter(enrollments__group=group).order_by("pk").values_list("pk", flat=True))
        known = set(ids)
    else:
        parts = pupil_list.split(",")
        if not all(_is_id(part) for part in parts):
            return _error(400, "pupils must be a comma-separated list of positive integers")
        ids = list(dict.fromkeys(int(part) for part in parts))
        if len(ids) > MAX_PUPILS:
            return _error(400, f"at most {MAX_PUPILS} pupils per request")
        # Unknown ids and pupils who left get false: the answer never tells who exists.
        known = set(Pupil.objects.active().filter(pk__in=ids).values_list("pk", flat=True))
    allowed = {}
    if not purpose.is_retired:
        answers = state.pupil_answers(sorted(known), [purpose])
        allowed = {pk: state.answer(answers, pk, purpose.pk).given for pk in known}
    return _json({"channel": purpose.slug,
                  "pupils": [{"id": pk, "allowed": bool(allowed.get(pk, False))} for pk in ids]})
