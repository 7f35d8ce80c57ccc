"""The audit trail: the one mechanism that records every write done through the portal.

Every service function that changes data calls `record` inside its transaction, so the entry
and the change land together or not at all. The action is a member of the app's
`audit_actions.Action` (see "the vocabulary" below).
"""

import datetime
import decimal
import re
import uuid
from dataclasses import dataclass
from enum import Enum, StrEnum

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import AuditEntry
from .names import account_name


def _plain(value):
    """A JSON-safe rendering of a field value."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The concrete field values of `obj`, to compare before and after a change."""
    names = fields or [f.name for f in obj._meta.concrete_fields]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for every field whose value changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def entry(*, actor, action: StrEnum, obj: models.Model | None = None, changes: dict | None = None) -> AuditEntry:
    """An unsaved audit entry, for writers that save many at once (`bulk_create`); `record` saves one.

    `action` must be a registered member of an app's `audit_actions.Action`: a string nobody named
    would read as code on the audit page and be missed by every filter that asks `stored_as`.
    """
    if not isinstance(action, Enum) or str(action) not in _ACTIONS:
        raise TypeError(f"audit action {action!r} is not a registered audit_actions.Action member")
    actor_name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = account_name(actor)
    else:
        actor = None
        actor_name = "systeem"
    return AuditEntry(
        actor=actor,
        actor_name=actor_name,
        action=str(action),
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=_plain(changes or {}),
    )


def record(*, actor, action: StrEnum, obj: models.Model | None = None, changes: dict | None = None) -> AuditEntry:
    """Write one audit entry. `actor` may be None for the system (cron, migrations)."""
    new = entry(actor=actor, action=action, obj=obj, changes=changes)
    new.save(force_insert=True)
    return new


# --- the vocabulary
#
# Each app names its actions once, as `Action` members in its `audit_actions.py`, and registers
# them from its AppConfig.ready() with their sentences (`audit_labels.py`) and the strings older
# code stored for them (`LEGACY`). The trail is append-only: an old row keeps its string, reads
# through the member it maps to, and is found by `stored_as`. An action nobody named still reads
# as words (never as a code name or a Python list).

_ACTIONS: dict[str, object] = {}  # action value -> sentence
_LEGACY: dict[str, str] = {}  # string stored by older code -> action value
_STORED: dict[str, set[str]] = {}  # action value -> every string stored for it
_FIELDS: dict[str, object] = {}


def register(*, actions: dict, legacy: dict | None = None, fields: dict | None = None) -> None:
    """Name an app's audit actions and change keys in the user's language (lazy gettext strings).

    `actions` maps each `Action` member to a sentence with `%(actor)s` and `%(object)s`; `legacy`
    maps a string that older code stored to the member it means; `fields` maps a change key that is
    not a field of the entry's model ("number", "kanaal") to its label.
    """
    for action, sentence_ in actions.items():
        _ACTIONS[str(action)] = sentence_
        _STORED.setdefault(str(action), {str(action)})
    for old, action in (legacy or {}).items():
        if str(action) not in _ACTIONS:
            raise ValueError(f"legacy audit action {old!r} maps to {action!r}, which has no sentence")
        _LEGACY[old] = str(action)
        _STORED[str(action)].add(old)
    _FIELDS.update(fields or {})


def registered() -> list[str]:
    """Every registered action value (not the legacy strings)."""
    return sorted(_ACTIONS)


def stored_as(*actions: StrEnum) -> list[str]:
    """Every string the trail holds for these actions: the value, and what older code stored for
    it. Filter with `action__in=audit.stored_as(Action.X)` so old rows are found too."""
    return sorted({stored for action in actions for stored in _STORED.get(str(action), {str(action)})})


def meaning(stored: str) -> str | None:
    """The action value a stored string means (itself, or the member a legacy string maps to)."""
    if stored in _ACTIONS:
        return stored
    return _LEGACY.get(stored)


@dataclass(frozen=True)
class Change:
    """One changed field of an entry, ready to show: its label, and the old and new value (or one value)."""

    label: str
    new: str
    old: str | None = None

    @property
    def is_change(self) -> bool:
        return self.old is not None


def _readable(code: str) -> str:
    """A code name as words: "policy.pdf_exported" -> "Policy pdf exported"."""
    return capfirst(re.sub(r"[._]+", " ", code).strip())


def _translated(text: str) -> str:
    # Keys and values stored in Dutch (gettext_noop at the caller) read in the user's language.
    return gettext(text) if text else text


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def field_label(key: str, model=None) -> str:
    """The label of a change key: the model field's verbose_name, a registered label, or the key as words."""
    field = _model_field(model, key)
    if field is not None and getattr(field, "verbose_name", None):
        return capfirst(str(field.verbose_name))
    if key in _FIELDS:
        return capfirst(str(_FIELDS[key]))
    return _readable(_translated(key))


def format_value(value, field=None) -> str:
    """A stored value in plain words: dates the Dutch way, booleans as ja/nee, lists joined."""
    if value is None or value == "":
        return gettext("(leeg)")
    if isinstance(value, bool) or value in ("ja", "nee"):
        return gettext("ja") if value in (True, "ja") else gettext("nee")
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v) for v in value) if value else gettext("(geen)")
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, (datetime.datetime, datetime.date)):
        return _format_moment(value)
    if isinstance(value, str):
        choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
        if value in choices:
            return str(choices[value])
        moment = _parse_moment(value)
        if moment is not None:
            return _format_moment(moment)
        return _translated(value)
    return str(value)


def _parse_moment(text: str):
    if not (10 <= len(text) <= 32 and text[:4].isdigit() and text[4:5] == "-"):
        return None
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def _format_moment(moment) -> str:
    if isinstance(moment, datetime.datetime):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return date_format(moment, "j F Y H:i")
    return date_format(moment, "j F Y")


def changes_of(entry: AuditEntry) -> list[Change]:
    """The entry's changes as labelled old -> new pairs (or single values), in the user's language."""
    model = entry.content_type.model_class() if entry.content_type_id and entry.content_type else None
    changes = entry.changes if isinstance(entry.changes, dict) else {"": entry.changes}
    result = []
    for key, value in changes.items():
        field = _model_field(model, key)
        label = field_label(key, model) if key else gettext("Gegevens")
        concrete = field is not None and getattr(field, "concrete", False) and not isinstance(field, models.JSONField)
        if isinstance(value, (list, tuple)) and len(value) == 2 and concrete:
            result.append(Change(label=label, old=format_value(value[0], field), new=format_value(value[1], field)))
        else:
            result.append(Change(label=label, new=format_value(value, field)))
    return result


def _object_phrase(entry: AuditEntry) -> str:
    if not entry.object_repr:
        return ""
    kind = entry.content_type.name if entry.content_type_id and entry.content_type else ""
    return f"{kind} “{entry.object_repr}”" if kind else f"“{entry.object_repr}”"


def _actor_phrase(entry: AuditEntry) -> str:
    if entry.actor_id is None and entry.actor_name in ("", "systeem"):
        return gettext("Het portaal")
    return entry.actor_name


# Where an import's entry came from: new entries say so in their changes ("bron"), entries the CSV
# import wrote before the vocabulary say so in their stored string ("leerling aangemaakt (import)").
_LEGACY_SOURCE = re.compile(r"^.+ \((?P<source>import|uit EDEX)\)$")


def _source_of(entry: AuditEntry) -> str:
    if isinstance(entry.changes, dict) and isinstance(entry.changes.get("bron"), str):
        return entry.changes["bron"]
    match = _LEGACY_SOURCE.match(entry.action) if entry.action in _LEGACY else None
    return match["source"] if match else ""


def sentence(entry: AuditEntry) -> str:
    """Who did what to which object, in the user's language ("Anja Hermans heeft protocolversie “…”
    vastgesteld."); an action nobody registered reads as words."""
    params = {"actor": _actor_phrase(entry), "object": _object_phrase(entry)}
    action = meaning(entry.action)
    template = _ACTIONS[action] if action is not None else None
    source = _translated(_source_of(entry)).replace("%", "%%") if template is not None else ""
    if template is None:
        return _plain_sentence(entry, params)
    text = str(template)
    if "%(object)s" not in text and params["object"]:
        text = text.rstrip(".") + " (%(object)s)."
    elif not params["object"]:
        params["object"] = gettext("een gegeven")
    if source:
        text = text.rstrip(".") + f" ({source})."
    try:
        return capfirst(text % params)
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not match must not take the page down.
        return _plain_sentence(entry, {"actor": _actor_phrase(entry), "object": _object_phrase(entry)})


def _plain_sentence(entry: AuditEntry, params: dict) -> str:
    what = _readable(_translated(entry.action))
    if params["object"]:
        return gettext("%(actor)s: %(what)s (%(object)s).") % {**params, "what": what}
    return gettext("%(actor)s: %(what)s.") % {**params, "what": what}
