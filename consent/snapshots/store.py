"""Pages that read a whole group or the whole school (the class sheet, directie's overview) keep
what they computed, and use it again until anything it was computed from changes.

How "never stale" holds:
- Triggers (migration 0008, `triggers.py`) raise `SnapshotStamp.n` in every transaction that
  inserts, changes or deletes a row of the tables a snapshot reads (pupils, staff, groups,
  school years, enrolments, guardian links, purposes and their versions, the current-consent
  projection), and empty `Snapshot`. No code path has to remember it: a bulk import, a shell or
  the retention purge bump it like a form does. On PostgreSQL the bump runs at commit (a
  deferred trigger), so a writer never holds the stamp's row lock while it waits for another
  lock, and two writers cannot deadlock on it.
- A snapshot is stored with the stamp read BEFORE its data was, so whatever it holds is at
  least as new as that stamp; it is used only while the stamp is unchanged.
- On PostgreSQL a transaction that has itself written (a test's transaction, a view that
  saved first) sees its own changes before the stamp counts them: it neither uses nor stores a
  snapshot.
- What else a page depends on (the language, today's date, a setting) is part of its key.

The first request after a change pays the full price once; bench/scale.py prints both.
"""

import json
from collections.abc import Callable

from django.db import connection

from .models import Snapshot, SnapshotStamp

# On PostgreSQL: true while this transaction has written nothing (it has no transaction id yet).
_CLEAN = {"postgresql": "txid_current_if_assigned() IS NULL"}


def remembered(key: str, compute: Callable[[], dict | list | str]) -> dict | list | str:
    """The payload stored under `key` if nothing it depends on changed since, else `compute()`
    (a JSON-able value), stored for the next request. One query when it is still valid."""
    stamp_table, snapshot_table = SnapshotStamp._meta.db_table, Snapshot._meta.db_table
    clean = _CLEAN.get(connection.vendor, "1 = 1")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(t.n, 0), s.payload, {clean} FROM (SELECT 1 AS one) o "
            f"LEFT JOIN {stamp_table} t ON t.id = 1 "
            f"LEFT JOIN {snapshot_table} s ON s.\"key\" = %s AND s.stamp = COALESCE(t.n, 0)", [key])
        stamp, payload, may_keep = cursor.fetchone()
    if payload is not None and may_keep:
        return json.loads(payload)
    value = compute()
    if may_keep:
        with connection.cursor() as cursor:
            # A slower request that read an older stamp does not overwrite a newer snapshot.
            cursor.execute(
                f"INSERT INTO {snapshot_table} (\"key\", stamp, payload) VALUES (%s, %s, %s) "
                f"ON CONFLICT (\"key\") DO UPDATE SET stamp = excluded.stamp, payload = excluded.payload "
                f"WHERE {snapshot_table}.stamp <= excluded.stamp",
                [key, stamp, json.dumps(value, separators=(",", ":"))])
    return value
