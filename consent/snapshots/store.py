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


# `remembered(..., group=NO_GROUP)`: a snapshot that shows no group's answers (staff rows): only
# the school's stamp counts.
NO_GROUP = 0


def remembered_per_group(keys: dict[int, str], compute: Callable[[list[int]], dict[int, dict]]) -> dict[int, dict]:
    """For each group id in `keys`, the payload stored under its key while the school's stamp and
    that group's stamp are unchanged; `compute(group ids)` for the others, stored. Two queries
    when all are still valid."""
    stamp_table, group_table, snapshot_table = (SnapshotStamp._meta.db_table, GroupStamp._meta.db_table,
                                                Snapshot._meta.db_table)
    clean = _CLEAN.get(connection.vendor, "1 = 1")
    with connection.cursor() as cursor:
        # Every stamp in one statement (one view of the database), before any data is read.
        cursor.execute(f"SELECT 0, COALESCE(MAX(n), 0), {clean} FROM {stamp_table} WHERE id = 1 "
                       f"UNION ALL SELECT group_id, n, NULL FROM {group_table}")
        rows = cursor.fetchall()
        stamp, may_keep = rows[0][1], rows[0][2]
        group_stamps = {group_id: n for group_id, n, _ in rows[1:]}
        placeholders = ", ".join(["%s"] * len(keys)) or "NULL"
        cursor.execute(f"SELECT \"key\", stamp, group_stamp, payload FROM {snapshot_table} "
                       f"WHERE \"key\" IN ({placeholders})", list(keys.values()))
        stored = {key: (s, g, payload) for key, s, g, payload in cursor.fetchall()}
    found, stale = {}, []
    for group_id, key in keys.items():
        s, g, payload = stored.get(key, (None, None, None))
        if may_keep and s == stamp and g == group_stamps.get(group_id, 0):
            found[group_id] = json.loads(payload)
        else:
            stale.append(group_id)
    if stale:
        computed = compute(stale)
        found.update(computed)
        if may_keep:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {snapshot_table} (\"key\", stamp, group_stamp, payload) VALUES (%s, %s, %s, %s) "
                    f"ON CONFLICT (\"key\") DO UPDATE SET stamp = excluded.stamp, group_stamp = excluded.group_stamp, "
                    f"payload = excluded.payload WHERE {snapshot_table}.stamp <= excluded.stamp "
                    f"AND {snapshot_table}.group_stamp <= excluded.group_stamp",
                    [(keys[g], stamp, group_stamps.get(g, 0), json.dumps(computed[g], separators=(",", ":")))
                     for g in stale])
    return found
