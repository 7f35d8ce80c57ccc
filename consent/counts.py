"""The whole school's consent in numbers, counted by the database (directie's overview), from
the current-consent projection (`CurrentAnswer`), not the whole ledger.

`state.py` folds the ledger in Python for the people on one page; for the whole school that
would send every group's latest records through the ORM. These queries give the same answers
as `state.pupil_answers` (the latest record per voice, `asked_from`, an ended record voiding
what came before, the guardian rule) but return only the counts: per group and purpose the
pupils who answered, who may be shown (yes) and whose guardians disagree; and the pupils with an
open question, the first few by name. A fixed number of queries whatever the school's size.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count

from julianaschool.models import EndedGuardianLink, Enrollment, GuardianLink, Pupil

from . import state
from .models import CurrentAnswer, Purpose


def _current_placements(group_ids: list[int]):
    # A pupil who moved during the year counts in the group they are in today (Enrollment.current).
    return Enrollment.objects.current().filter(group__in=group_ids, pupil__left_on__isnull=True)


def _pupils_cte(group_ids: list[int]) -> tuple[str, list]:
    sql, params = _current_placements(group_ids).values_list("pupil_id", "group_id").query.sql_with_params()
    return sql, list(params)


def _answered_ctes(group_ids: list[int], purposes: list[Purpose]) -> tuple[str, list]:
    """WITH pupils, counting, verdicts (one row per answered pupil and purpose): the SQL twin of state._reduce, over the
    current-consent projection (`CurrentAnswer`), so that it reads a few rows per pupil and
    purpose however long the ledger's history, in one pass without a window function.

    The projection has left out every answer a later "consent ended" record voids, and per voice
    every answer a later one of a newer version outdoes (consent/current/fold.py). Applied here,
    as state.py applies them: per voice the row that counts is the one on a version at or after
    the purpose's `asked_from` whose `later_version` is missing or older than it; a guardian
    whose link ended has no voice; an ended record with no voice after it makes the answer "no,
    ended"; the guardian rule folds the voices.
    """
    current = CurrentAnswer._meta.db_table
    # A guardian the office removed from the pupil keeps their records, which no longer count.
    link, ended = GuardianLink._meta.db_table, EndedGuardianLink._meta.db_table
    pupils_sql, params = _pupils_cte(group_ids)
    counts = " OR ".join(
        ["(c.purpose_id = %s AND c.version >= %s AND (c.later_version IS NULL OR c.later_version < %s))"]
        * len(purposes)) or "1 = 0"
    params += [p.pk for p in purposes] + [True]
    for purpose in purposes:
        params += [purpose.pk, purpose.asked_from, purpose.asked_from]
    in_purposes = ", ".join(["%s"] * len(purposes)) or "NULL"
    if state.guardian_rule() == state.LATEST:
        # The most recent voice decides: the first row in this order (voices before ended rows).
        recent = ", ROW_NUMBER() OVER (PARTITION BY c.pupil_id, c.purpose_id ORDER BY c.ended, c.recorded_at DESC, " \
                 "c.record_id DESC) AS recent"
        yes = "MAX(CASE WHEN recent = 1 AND NOT ended AND given THEN 1 ELSE 0 END)"
    else:
        recent, yes = "", "MIN(CASE WHEN ended THEN NULL WHEN given THEN 1 ELSE 0 END)"
    sql = f"""
WITH pupils AS ({pupils_sql}),
counting AS (
  SELECT c.pupil_id, c.purpose_id, c.given, c.ended{recent}
  FROM {current} c
  WHERE c.pupil_id IN (SELECT pupil_id FROM pupils) AND c.purpose_id IN ({in_purposes})
    AND (c.ended = %s OR {counts})
    AND NOT (c.guardian_id IS NOT NULL
             AND EXISTS (SELECT 1 FROM {ended} x WHERE x.pupil_id = c.pupil_id AND x.guardian_id = c.guardian_id)
             AND NOT EXISTS (SELECT 1 FROM {link} gl WHERE gl.pupil_id = c.pupil_id AND gl.guardian_id = c.guardian_id))
),
verdicts AS (
  SELECT pupil_id, purpose_id, COALESCE({yes}, 0) AS yes,
         COALESCE(MAX(CASE WHEN ended THEN NULL WHEN given THEN 1 ELSE 0 END)
                  - MIN(CASE WHEN ended THEN NULL WHEN given THEN 1 ELSE 0 END), 0) AS disagreement
  FROM counting GROUP BY pupil_id, purpose_id
)
"""
    return sql, params


@dataclass
class SchoolCounts:
    table: list[dict]  # per group: {"group", "total", "cells": [per purpose: total, answered, yes, disagreements, ...]}
    missing_total: int  # pupils with at least one open question
    missing_first: list[Pupil]  # the first of them by name


def school_counts(groups, purposes: list[Purpose], *, missing_shown: int = 50) -> SchoolCounts:
    """Per group and purpose: pupils, answered, yes and disagreements; and the pupils with an
    open question (their number and the first `missing_shown` by name). Three queries."""
    groups = list(groups)
    group_ids = [g.pk for g in groups]
    totals = dict(_current_placements(group_ids)
                  .values_list("group").annotate(n=Count("id")).values_list("group", "n"))
    found: dict[tuple[int, int], tuple[int, int, int]] = {}
    missing_total, missing_ids = 0, []
    if group_ids and purposes:
        ctes, params = _answered_ctes(group_ids, purposes)
        pupil = Pupil._meta.db_table
        # One statement, two kinds of rows: "g" the counts per group and purpose, "m" the first
        # pupils with an open question (with how many there are in all).
        with connection.cursor() as cursor:
            cursor.execute(ctes + f"""
SELECT 'g', pu.group_id, s.purpose_id, COUNT(*), SUM(s.yes), SUM(s.disagreement)
FROM pupils pu JOIN verdicts s ON s.pupil_id = pu.pupil_id
GROUP BY pu.group_id, s.purpose_id
UNION ALL
SELECT 'm', id, NULL, total, NULL, NULL FROM (
  SELECT p.id AS id, COUNT(*) OVER () AS total FROM pupils pu JOIN {pupil} p ON p.id = pu.pupil_id
  LEFT JOIN verdicts s ON s.pupil_id = pu.pupil_id
  GROUP BY p.id, p.last_name, p.first_name HAVING COUNT(s.purpose_id) < %s
  ORDER BY p.last_name, p.first_name, p.id LIMIT %s
) missing""", params + [len(purposes), missing_shown])
            rows = cursor.fetchall()
        for kind, first, purpose_id, answered, yes, disagreements in rows:
            if kind == "g":
                found[(first, purpose_id)] = (answered, int(yes), int(disagreements))
            else:
                missing_ids.append(first)
                missing_total = answered
    by_id = Pupil.objects.in_bulk(missing_ids)
    table = []
    for group in groups:
        total = totals.get(group.pk, 0)
        cells = []
        for purpose in purposes:
            answered, yes, disagreements = found.get((group.pk, purpose.pk), (0, 0, 0))
            cells.append({
                "purpose": purpose, "total": total, "answered": answered, "yes": yes,
                "disagreements": disagreements,
                "answered_pct": round(100 * answered / total) if total else 0,
                "yes_pct": round(100 * yes / total) if total else 0,
            })
        table.append({"group": group, "total": total, "cells": cells})
    return SchoolCounts(table=table, missing_total=missing_total, missing_first=[by_id[pk] for pk in missing_ids])


def group_counts(groups, purposes: list[Purpose]) -> dict[int, dict]:
    """Per group: its pupils (placed today), per purpose [answered, yes, disagreements], and
    its pupils with an open question as (sort name, id, name), in the Dutch order. The parts of
    directie's overview (consent/overview.py), counted for the groups whose answers changed.
    Three queries however many groups."""
    groups = list(groups)
    group_ids = [g.pk for g in groups]
    totals = dict(_current_placements(group_ids)
                  .values_list("group").annotate(n=Count("id")).values_list("group", "n"))
    found: dict[tuple[int, int], list[int]] = {}
    missing: dict[int, list[int]] = {}
    if group_ids and purposes:
        ctes, params = _answered_ctes(group_ids, purposes)
        with connection.cursor() as cursor:
            cursor.execute(ctes + """
SELECT 'g', pu.group_id, s.purpose_id, COUNT(*), SUM(s.yes), SUM(s.disagreement)
FROM pupils pu JOIN verdicts s ON s.pupil_id = pu.pupil_id
GROUP BY pu.group_id, s.purpose_id
UNION ALL
SELECT 'm', pu.group_id, pu.pupil_id, NULL, NULL, NULL
FROM pupils pu LEFT JOIN verdicts s ON s.pupil_id = pu.pupil_id
GROUP BY pu.group_id, pu.pupil_id HAVING COUNT(s.purpose_id) < %s""", params + [len(purposes)])
            for kind, group_id, other, answered, yes, disagreements in cursor.fetchall():
                if kind == "g":
                    found[(group_id, other)] = [answered, int(yes), int(disagreements)]
                else:
                    missing.setdefault(group_id, []).append(other)
    names = Pupil.objects.in_bulk([pk for ids in missing.values() for pk in ids])
    return {g.pk: {
        "total": totals.get(g.pk, 0),
        "cells": [found.get((g.pk, p.pk), [0, 0, 0]) for p in purposes],
        "missing": sorted([names[pk].sort_name, pk, names[pk].full_name] for pk in missing.get(g.pk, [])),
    } for g in groups}
