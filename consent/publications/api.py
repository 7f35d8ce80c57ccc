"""The API for publishing tools: register a publication, poll and close takedowns.

Same bearer tokens as the consent API, limited to their channels; reading takedowns needs the
`read` scope, registering and closing `publish`. Answers hold ids, dates and titles: no names.
"""

import datetime
import json

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from julianaschool.models import Pupil

from ..api import _error, _is_id, _json, _purpose_for, token_with
from . import services
from .models import Takedown, TakedownOutcome

MAX_BODY = 100_000
MAX_PEOPLE = 500


def _body(request) -> tuple[dict | None, object]:
    if len(request.body) > MAX_BODY:
        return None, _error(400, "body too large")
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, _error(400, "body must be JSON")
    if not isinstance(data, dict):
        return None, _error(400, "body must be a JSON object")
    return data, None


def _text(data: dict, key: str, limit: int, *, required: bool = False) -> str | None:
    value = data.get(key, "")
    if not isinstance(value, str) or len(value) > limit or "\x00" in value or (required and not value.strip()):
        return None
    return value


def _takedown_json(takedown: Takedown) -> dict:
    publication = takedown.publication
    return {"id": takedown.pk, "publication": publication.pk, "title": publication.title,
            "location": publication.location, "pupil": takedown.entry.pupil_id,
            "due": takedown.due_on.isoformat(), "reason": takedown.reason}


@csrf_exempt
@login_not_required
@require_POST
@token_with("publish")
def register(request, token):
    """Register a publication on one of this token's channels, with the pupils on it."""
    data, error = _body(request)
    if error:
        return error
    purpose, error = _purpose_for(token, data.get("channel") if isinstance(data.get("channel"), str) else "")
    if error:
        return error
    title = _text(data, "title", 200, required=True)
    location = _text(data, "location", 500)
    if title is None or location is None:
        return _error(400, "title (at most 200 characters) is required; location at most 500")
    try:
        published_on = datetime.date.fromisoformat(data.get("date") or "")
    except (TypeError, ValueError):
        return _error(400, "date must be YYYY-MM-DD")
    people = data.get("pupils")
    if (not isinstance(people, list) or len(people) > MAX_PEOPLE
            or not all(isinstance(p, dict) and isinstance(p.get("id"), int) and not isinstance(p.get("id"), bool)
                       and isinstance(p.get("recognisable"), bool) and 0 < p["id"] < 10**15 for p in people)):
        return _error(400, "pupils must be a list of {id, recognisable}")
    wanted = {p["id"]: p["recognisable"] for p in people}
    found = {p.pk: p for p in Pupil.objects.filter(pk__in=list(wanted))}
    if set(wanted) - set(found):
        return _error(404, "unknown pupil id")
    try:
        publication = services.register_publication(
            purpose=purpose, title=title, published_on=published_on, location=location, token=token,
            people=[services.Shown(person=found[pk], recognisable=rec) for pk, rec in wanted.items()])
    except ValidationError:
        return _error(409, "a pupil who may not be shown is registered as recognisable; nothing was registered")
    entries = publication.people.order_by("pk")
    return _json({"id": publication.pk, "channel": purpose.slug,
                  "pupils": [{"id": e.pupil_id, "allowed": e.allowed, "recognisable": e.recognisable}
                             for e in entries]}, status=201)


@csrf_exempt
@login_not_required
@require_GET
@token_with("read")
def open_takedowns(request, token):
    """The open takedowns on this channel: what must come down, and by when."""
    purpose, error = _purpose_for(token, request.GET.get("channel", ""))
    if error:
        return error
    items = (Takedown.objects.open().filter(publication__purpose=purpose)
             .select_related("publication", "entry").order_by("due_on", "pk"))
    return _json({"channel": purpose.slug, "takedowns": [_takedown_json(t) for t in items]})


@csrf_exempt
@login_not_required
@require_POST
@token_with("publish")
def takedown_done(request, token, pk):
    """Mark a takedown done: removed, or made unrecognisable."""
    if not _is_id(str(pk)):
        return _error(404, "unknown takedown")
    takedown = (Takedown.objects.filter(pk=pk, publication__purpose__in=token.purposes.all())
                .select_related("publication").first())
    if takedown is None:
        return _error(404, "unknown takedown")
    data, error = _body(request)
    if error:
        return error
    outcome = data.get("outcome")
    note = _text(data, "note", 2000)
    if outcome not in TakedownOutcome.values or note is None:
        return _error(400, "outcome must be verwijderd or onherkenbaar; note at most 2000 characters")
    try:
        services.mark_takedown_done(takedown=takedown, outcome=outcome, note=note, token=token)
    except ValidationError:
        return _error(409, "this takedown is already done")
    return _json({"id": takedown.pk, "done": True, "outcome": outcome})
