"""Pages that read a whole group or the whole school (the class sheet, directie's overview) keep
what they computed, and use it again until anything it was computed from changes.

How "never stale" holds:
- Triggers (migrations 0008 and 0009, `triggers.py`) raise `SnapshotStamp.n` in every
  transaction that inserts, changes or deletes a row of the tables a snapshot reads (pupils,
  staff, groups, school years, enrolments, guardian links, purposes and their versions), and
  empty `Snapshot`. An answer (a row of the current-consent projection) raises instead the
  `GroupStamp` of every group its pupil is or was placed in (a staff member's answer: the
  stamp): a class sheet is kept under its group's stamp, the overview under the sum of all
  (stamps only grow, so any raise changes the sum). No code path has to remember it: a bulk import, a shell or
  the retention purge bump it like a form does. On PostgreSQL the bump runs at commit (a
  deferred trigger), so a writer never holds the stamp's row lock while it waits for another
  lock, and two writers cannot deadlock on it.
- A snapshot is stored with the stamps read BEFORE its data was, so whatever it holds is at
  least as new as those stamps; it is used only while they are unchanged.
- On PostgreSQL a transaction that has itself written (a test's transaction, a view that
  saved first) sees its own changes before the stamp counts them: it neither uses nor stores a
  snapshot.
- What else a page depends on (the language, today's date, a setting) is part of its key.

The first request after a change pays the full price once; bench/scale.py prints both.
"""

import json
from collections.abc import Callable

from django.db import connection

from .models import GroupStamp, Snapshot, SnapshotStamp

# On PostgreSQL: true while this transaction has written nothing (it has no transaction id yet).
_CLEAN = {"postgresql": "txid_current_if_assigned() IS NULL"}


def remembered(key: str, compute: Callable[[], dict | list | str], *, group: int | None = None) -> dict | list | str:
    """The payload stored under `key` if nothing it depends on changed since, else `compute()`
    (a JSON-able value), stored for the next request. One query when it is still valid.

    `group`: the snapshot shows one group (the class sheet): an answer about another group's
    pupil leaves it valid. Without it, it depends on every group's answers (the overview)."""
    stamp_table, group_table, snapshot_table = (SnapshotStamp._meta.db_table, GroupStamp._meta.db_table,
                                                Snapshot._meta.db_table)
    clean = _CLEAN.get(connection.vendor, "1 = 1")
    scope, params = ("group_id = %s", [group]) if group is not None else ("1 = 1", [])
    with connection.cursor() as cursor:
        # Both stamps in one statement: one view of the database, read before the data is.
        cursor.execute(
            f"SELECT COALESCE(t.n, 0), g.n, s.payload, {clean} FROM (SELECT 1 AS one) o "
            f"LEFT JOIN {stamp_table} t ON t.id = 1 "
            f"CROSS JOIN (SELECT COALESCE(SUM(n), 0) AS n FROM {group_table} WHERE {scope}) g "
            f"LEFT JOIN {snapshot_table} s ON s.\"key\" = %s AND s.stamp = COALESCE(t.n, 0) AND s.group_stamp = g.n",
            params + [key])
        stamp, group_stamp, payload, may_keep = cursor.fetchone()
    if payload is not None and may_keep:
        return json.loads(payload)
    value = compute()
    if may_keep:
        with connection.cursor() as cursor:
            # A slower request that read older stamps does not overwrite a newer snapshot.
            cursor.execute(
                f"INSERT INTO {snapshot_table} (\"key\", stamp, group_stamp, payload) VALUES (%s, %s, %s, %s) "
                f"ON CONFLICT (\"key\") DO UPDATE SET stamp = excluded.stamp, group_stamp = excluded.group_stamp, "
                f"payload = excluded.payload "
                f"WHERE {snapshot_table}.stamp <= excluded.stamp AND {snapshot_table}.group_stamp <= excluded.group_stamp",
                [key, stamp, group_stamp, json.dumps(value, separators=(",", ":"))])
    return value
