"""The whole school's consent in numbers, counted by the database (directie's overview).

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
from .models import ConsentRecord, Purpose, PurposeVersion


def _current_placements(group_ids: list[int]):
    # A pupil who moved during the year counts in the group they are in today (Enrollment.current).
    return Enrollment.objects.current().filter(group__in=group_ids, pupil__left_on__isnull=True)


def _pupils_cte(group_ids: list[int]) -> tuple[str, list]:
    sql, params = _current_placements(group_ids).values_list("pupil_id", "group_id").query.sql_with_params()
    return sql, list(params)


def _answered_ctes(group_ids: list[int], purposes: list[Purpose]) -> tuple[str, list]:
    """WITH pupils, counting, placed, voices, verdicts, answered: the SQL twin of state._reduce.

    `position` orders a pupil's records per purpose as state.py folds them (time, then id);
    `last_end` is the position of the latest "consent ended" record: a voice counts when its
    latest record comes after it. Window functions only, no self-join: one pass over the ledger.
    """
    record, version = ConsentRecord._meta.db_table, PurposeVersion._meta.db_table
    # A guardian the office removed from the pupil keeps their records, which no longer count.
    link, ended = GuardianLink._meta.db_table, EndedGuardianLink._meta.db_table
    pupils_sql, params = _pupils_cte(group_ids)
    counts = " OR ".join(["(r.purpose_id = %s AND v.number >= %s)"] * len(purposes)) or "1 = 0"
    for purpose in purposes:
        params += [purpose.pk, purpose.asked_from]
    params += [True, False]
    latest_rule = state.guardian_rule() == state.LATEST
    sql = f"""
WITH pupils AS ({pupils_sql}),
counting AS (
  SELECT r.id, r.pupil_id, r.purpose_id, r.given, r.ended,
         ROW_NUMBER() OVER (PARTITION BY r.pupil_id, r.purpose_id, r.guardian_id, r.ended
                            ORDER BY r.recorded_at DESC, r.id DESC) AS newest,
         ROW_NUMBER() OVER (PARTITION BY r.pupil_id, r.purpose_id ORDER BY r.recorded_at, r.id) AS position
  FROM {record} r JOIN {version} v ON v.id = r.purpose_version_id
  WHERE r.pupil_id IN (SELECT pupil_id FROM pupils) AND (({counts}) OR r.ended = %s)
    AND NOT (EXISTS (SELECT 1 FROM {ended} x WHERE x.pupil_id = r.pupil_id AND x.guardian_id = r.guardian_id)
             AND NOT EXISTS (SELECT 1 FROM {link} gl WHERE gl.pupil_id = r.pupil_id AND gl.guardian_id = r.guardian_id))
),
placed AS (
  SELECT pupil_id, purpose_id, given, ended, newest, position,
         MAX(CASE WHEN ended THEN position ELSE 0 END) OVER (PARTITION BY pupil_id, purpose_id) AS last_end
  FROM counting
),
voices AS (
  SELECT pupil_id, purpose_id, given,
         ROW_NUMBER() OVER (PARTITION BY pupil_id, purpose_id ORDER BY position DESC) AS recent
  FROM placed WHERE newest = 1 AND ended = %s AND position > last_end
),
verdicts AS (
  SELECT pupil_id, purpose_id,
         {"MAX(CASE WHEN recent = 1 AND given THEN 1 ELSE 0 END)" if latest_rule
          else "MIN(CASE WHEN given THEN 1 ELSE 0 END)"} AS yes,
         MAX(CASE WHEN given THEN 1 ELSE 0 END) - MIN(CASE WHEN given THEN 1 ELSE 0 END) AS disagreement
  FROM voices GROUP BY pupil_id, purpose_id
),
answered AS (
  SELECT pupil_id, purpose_id FROM verdicts
  UNION SELECT pupil_id, purpose_id FROM placed WHERE last_end > 0
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
SELECT 'g', pu.group_id, a.purpose_id, COUNT(*), SUM(COALESCE(s.yes, 0)), SUM(COALESCE(s.disagreement, 0))
FROM pupils pu JOIN answered a ON a.pupil_id = pu.pupil_id
LEFT JOIN verdicts s ON s.pupil_id = a.pupil_id AND s.purpose_id = a.purpose_id
GROUP BY pu.group_id, a.purpose_id
UNION ALL
SELECT 'm', id, NULL, total, NULL, NULL FROM (
  SELECT p.id AS id, COUNT(*) OVER () AS total FROM pupils pu JOIN {pupil} p ON p.id = pu.pupil_id
  LEFT JOIN answered a ON a.pupil_id = pu.pupil_id
  GROUP BY p.id, p.last_name, p.first_name HAVING COUNT(a.purpose_id) < %s
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
