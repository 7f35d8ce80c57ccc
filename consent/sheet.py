"""The class sheet (groepskaart): a group's active pupils by the active purposes.

A fixed number of queries whatever the group's size: the pupils, the purposes, the ledger rows.
"""

from dataclasses import dataclass

from julianaschool.models import ClassGroup, Pupil

from . import state
from .models import Purpose


@dataclass
class Row:
    pupil: Pupil
    cells: list  # one state.Answer per purpose, in the purposes' order


@dataclass
class Sheet:
    group: ClassGroup
    purposes: list[Purpose]
    rows: list[Row]
    not_allowed_on: Purpose | None = None

    @property
    def total(self) -> int:
        return len(self.rows)


def build(group: ClassGroup, *, not_allowed_on: str = "") -> Sheet:
    """The sheet for `group`; with `not_allowed_on` (a purpose slug) only the pupils who may NOT
    be shown on that channel."""
    purposes = list(Purpose.objects.active())
    pupils = list(
        Pupil.objects.active().filter(enrollments__group=group).order_by("first_name", "last_name")
        .only("id", "first_name", "last_name")
    )
    answers = state.pupil_answers([p.pk for p in pupils], purposes)
    rows = [Row(pupil=p, cells=[state.answer(answers, p.pk, q.pk) for q in purposes]) for p in pupils]
    selected = next((p for p in purposes if p.slug == not_allowed_on), None)
    if selected is not None:
        index = purposes.index(selected)
        rows = [row for row in rows if not row.cells[index].given]
    return Sheet(group=group, purposes=purposes, rows=rows, not_allowed_on=selected)


def coverage(groups, purposes) -> list[dict]:
    """Per group and purpose: pupils, answered, yes. Two queries for the whole school."""
    groups = list(groups)
    pupils = list(Pupil.objects.active().filter(enrollments__group__in=groups).values_list("pk", "enrollments__group"))
    answers = state.pupil_answers([pk for pk, _g in pupils], purposes)
    by_group: dict[int, list[int]] = {}
    for pk, group_id in pupils:
        by_group.setdefault(group_id, []).append(pk)
    result = []
    for group in groups:
        ids = by_group.get(group.pk, [])
        cells = []
        for purpose in purposes:
            found = [state.answer(answers, pk, purpose.pk) for pk in ids]
            answered = sum(1 for a in found if a.answered)
            yes = sum(1 for a in found if a.given)
            total = len(ids)
            cells.append({
                "purpose": purpose, "total": total, "answered": answered, "yes": yes,
                "answered_pct": round(100 * answered / total) if total else 0,
                "yes_pct": round(100 * yes / total) if total else 0,
            })
        result.append({"group": group, "total": len(ids), "cells": cells})
    return result
