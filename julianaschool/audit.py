"""The audit trail: the one mechanism that records every write done through the portal.

Every service function that changes data calls `record` inside its transaction, so the entry
and the change land together or not at all.
"""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models

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
