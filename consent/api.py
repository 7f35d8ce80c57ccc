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
from julianaschool.params import parse_id

from . import state
from .models import IntegrationToken, Purpose
from .openapi import SPEC

# The list of ids is at most this long: at most 1,000 ids, and no database IN-list too long.
MAX_PUPILS_TEXT = 1999


def _is_id(text: str) -> bool:
    # The portal's one reading of an id in a query string (larger numbers would overflow the column).
    return parse_id(text) is not None


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


def token_with(scope: str):
    """View decorator: a valid token (401 otherwise) holding `scope` (403 otherwise)."""

    def decorator(view):
        def wrapped(request, *args, **kwargs):
            token = _token(request)
            if token is None:
                return _error(401, "missing, unknown or revoked token")
            if not token.has_scope(scope):
                return _error(403, f"this token lacks the {scope} scope")
            return view(request, token, *args, **kwargs)

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorator


token_required = token_with("read")


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


def _purpose_for(token, slug: str):
    """(purpose, None) or (None, error response) for a channel this token asks about."""
    if not slug:
        return None, _error(400, "channel is required")
    # One query when the token may ask (every real call); the second only tells a refusal apart.
    purpose = token.purposes.filter(slug=slug).first()
    if purpose is not None:
        return purpose, None
    if not Purpose.objects.filter(slug=slug).exists():
        return None, _error(404, "unknown channel")
    return None, _error(403, "this token may not ask about this channel")


def _answer(purpose, ids: list[int], known: set[int]) -> JsonResponse:
    allowed = {}
    if not purpose.is_retired:
        answers = state.pupil_answers(sorted(known), [purpose])
        allowed = {pk: state.answer(answers, pk, purpose.pk).given for pk in known}
    return _json({"channel": purpose.slug,
                  "pupils": [{"id": pk, "allowed": bool(allowed.get(pk, False))} for pk in ids]})


@csrf_exempt
@login_not_required
@require_GET
@token_required
def group_consent(request, token):
    """May the pupils of this group be shown on this channel? Pupil ids and true/false only."""
    purpose, error = _purpose_for(token, request.GET.get("channel", ""))
    if error:
        return error
    group_id = request.GET.get("group", "")
    if not _is_id(group_id) or int(group_id) < 1:
        return _error(400, "group must be a positive integer")
    group = ClassGroup.objects.filter(pk=int(group_id)).first()
    if group is None:
        return _error(404, "unknown group")
    ids = list(Pupil.objects.active().in_group(group).order_by("pk").values_list("pk", flat=True))
    return _answer(purpose, ids, set(ids))


@csrf_exempt
@login_not_required
@require_GET
@token_required
def pupils_consent(request, token):
    """May these pupils be shown on this channel? Unknown ids and pupils who left get false, so
    the answer never tells who exists."""
    purpose, error = _purpose_for(token, request.GET.get("channel", ""))
    if error:
        return error
    text = request.GET.get("pupils", "")
    parts = text.split(",")
    if not text or len(text) > MAX_PUPILS_TEXT or not all(_is_id(part) for part in parts):
        return _error(400, "pupils must be a comma-separated list of pupil ids")
    ids = list(dict.fromkeys(int(part) for part in parts))
    known = set(Pupil.objects.active().filter(pk__in=ids).values_list("pk", flat=True))
    return _answer(purpose, ids, known)
