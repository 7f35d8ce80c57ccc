"""The audit trail: the one mechanism that records every write done through the portal.

Every service function that changes data calls `record` inside its transaction, so the entry
and the change land together or not at all.
"""

import datetime
import decimal
import re
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import AuditEntry


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


def record(*, actor, action: str, obj: models.Model | None = None, changes: dict | None = None) -> AuditEntry:
    """Write one audit entry. `actor` may be None for the system (cron, migrations)."""
    actor_name = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        actor_name = actor.get_full_name() or actor.get_username()
    else:
        actor = None
        actor_name = "systeem"
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor_name,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes=_plain(changes or {}),
    )


# --- reading the trail: sentences in the reader's language
#
# Actions are stored as the strings their callers chose ("policy.adopt", "doel aangemaakt"); the
# page never shows those. Each app names its actions and its change keys once, from its
# AppConfig.ready(), through `register`; the core names its own below. An action that nobody
# named still reads as words (never as a code name or a Python list).

_ACTIONS: dict[str, object] = {}
_PATTERNS: list[tuple[re.Pattern, object]] = []
_FIELDS: dict[str, object] = {}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def register(*, actions: dict | None = None, fields: dict | None = None) -> None:
    """Name audit actions and change keys in the user's language (lazy gettext strings).

    `actions` maps a stored action to a sentence with `%(actor)s` and `%(object)s`; a stored action
    with a variable part is registered with a `{name}` placeholder ("toestemming ingevoerd
    ({method})") and its sentence gets that part as `%(name)s`. `fields` maps a change key that is
    not a field of the entry's model ("number", "kanaal") to its label.
    """
    for action, sentence in (actions or {}).items():
        if _PLACEHOLDER.search(action):
            parts = _PLACEHOLDER.split(action)
            pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
            _PATTERNS.append((re.compile(f"^{pattern}$"), sentence))
        else:
            _ACTIONS[action] = sentence
    _FIELDS.update(fields or {})


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


_SUFFIX = re.compile(r"^(?P<base>.+) \((?P<source>[^()]+)\)$")


def _template_for(action: str) -> tuple[object | None, dict]:
    """The registered sentence for a stored action and the values of its variable parts."""
    if action in _ACTIONS:
        return _ACTIONS[action], {}
    for pattern, candidate in _PATTERNS:
        match = pattern.match(action)
        if match:
            return candidate, {k: _translated(v) for k, v in match.groupdict().items()}
    return None, {}


def sentence(entry: AuditEntry) -> str:
    """Who did what to which object, in the user's language ("Anja Hermans heeft protocolversie “…”
    vastgesteld."); an action nobody registered reads as words."""
    params = {"actor": _actor_phrase(entry), "object": _object_phrase(entry)}
    template, extra = _template_for(entry.action)
    source = ""
    if template is None:
        # "leerling aangemaakt (import)", "groep hernoemd (uit EDEX)": the base action, and where it came from.
        match = _SUFFIX.match(entry.action)
        if match:
            template, extra = _template_for(match["base"])
            source = _translated(match["source"]).replace("%", "%%") if template is not None else ""
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
        return capfirst(text % {**params, **extra})
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not match must not take the page down.
        return _plain_sentence(entry, {"actor": _actor_phrase(entry), "object": _object_phrase(entry)})


def _plain_sentence(entry: AuditEntry, params: dict) -> str:
    what = _readable(_translated(entry.action))
    if params["object"]:
        return gettext("%(actor)s: %(what)s (%(object)s).") % {**params, "what": what}
    return gettext("%(actor)s: %(what)s.") % {**params, "what": what}
