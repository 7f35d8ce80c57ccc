"""Directie's consent overview: the whole school per purpose, per group and per staff member,
and the pupils with an open question.

Its numbers and rows read every pupil's current answers (60,000 rows at a stichting's 5,000
pupils), so the computed part is kept as a snapshot (consent/snapshots/store.py) and used again
until anything it was computed from changes; it is made of parts per group, so that after a
parent's answer only that group is counted again.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from julianaschool.models import ClassGroup, SchoolYear, StaffMember

from . import counts, state
from .models import Purpose
from .sheet import CellRenderer
from .snapshots.store import NO_GROUP, remembered, remembered_per_group

CHART_WIDTH = 400  # the bars' length in the SVG's units; the SVG's attributes carry the sizes


@dataclass
class Overview:
    purposes: list[Purpose]
    totals: list[dict]  # per purpose: total, answered, yes, their percentages and bar widths
    table_html: SafeString  # a row per group: answered / yes / pupils per purpose
    staff_html: SafeString  # a row per current staff member: their own answers
    missing: list[tuple[int, str]]  # the first pupils with an open question: (id, name)
    missing_total: int

    @property
    def chart_height(self) -> int:
        return 32 * len(self.totals) + 20


MISSING_SHOWN = 50  # the pupils with an open question listed by name; the rest are counted


def _row_html(group: ClassGroup, part: dict) -> str:
    """A group's row of the table, joined in Python: at a stichting's size the table is 200
    groups x every purpose, and the template loop with a localised number and a reversed URL
    per cell cost more than counting them (bench/scale.py)."""
    href = reverse("consent:class_sheet", args=[group.pk])
    disagree = escape(_("oneens"))
    cells = "".join(
        f'<td>{answered} / {yes} / {part["total"]}'
        + (f' <span class="consent-sub">({disagreements} {disagree})</span>' if disagreements else "")
        + "</td>" for answered, yes, disagreements in part["cells"])
    return f'<tr><th scope="row"><a href="{href}">{escape(group)}</a></th>{cells}</tr>'


def _staff_html(purposes: list[Purpose]) -> str:
    """Every current staff member by the purposes (their own answers)."""
    staff = list(StaffMember.objects.filter(left_on__isnull=True).order_by("sort_name"))
    answers = state.staff_answers([s.pk for s in staff], purposes)
    render = CellRenderer()
    return "".join(
        f'<tr><th scope="row">{escape(s.full_name)}</th>'
        + "".join(render(state.answer(answers, s.pk, p.pk)).td for p in purposes) + "</tr>"
        for s in staff)


def _compute(school_year: SchoolYear | None, purposes: list[Purpose], suffix: str) -> dict:
    """The overview from its parts: per group (its counts, row and open questions), kept under
    that group's stamp, so after one parent's answer only that group is counted again; and the
    staff rows, kept under the school's stamp (staff answers raise it)."""
    groups = list(ClassGroup.objects.filter(school_year=school_year).order_by("name"))
    by_id = {g.pk: g for g in groups}

    def count(ids: list[int]) -> dict[int, dict]:
        parts = counts.group_counts([by_id[pk] for pk in ids], purposes)
        return {pk: {**part, "row_html": _row_html(by_id[pk], part)} for pk, part in parts.items()}

    parts = remembered_per_group({g.pk: f"overview-group:{g.pk}:{suffix}" for g in groups}, count)
    staff_html = remembered(f"overview-staff:{suffix}", lambda: _staff_html(purposes), group=NO_GROUP)
    sums = {}
    for index, purpose in enumerate(purposes):
        sums[str(purpose.pk)] = [sum(parts[g.pk]["total"] for g in groups),
                                 sum(parts[g.pk]["cells"][index][0] for g in groups),
                                 sum(parts[g.pk]["cells"][index][1] for g in groups)]
    missing = sorted(m for g in groups for m in parts[g.pk]["missing"])
    return {"sums": sums, "table_html": "".join(parts[g.pk]["row_html"] for g in groups), "staff_html": staff_html,
            "missing": [[pk, name] for _sort, pk, name in missing[:MISSING_SHOWN]], "missing_total": len(missing)}


def _percent(part: int, whole: int, scale: int = 100) -> int:
    return round(scale * part / whole) if whole else 0


def build(school_year: SchoolYear | None, purposes: list[Purpose]) -> Overview:
    # The key holds what the data does not: the language of the words in the rows, today's date
    # (who is placed in which group) and the two-guardian rule.
    suffix = (f"{school_year.pk if school_year else 0}:{translation.get_language()}:"
              f"{timezone.localdate().isoformat()}:{state.guardian_rule()}:{','.join(str(p.pk) for p in purposes)}")
    data = remembered(f"overview:{suffix}", lambda: _compute(school_year, purposes, suffix))
    totals = []
    for index, purpose in enumerate(purposes):
        total, answered, yes = data["sums"][str(purpose.pk)]
        totals.append({"purpose": purpose, "total": total, "answered": answered, "yes": yes,
                       "answered_pct": _percent(answered, total), "yes_pct": _percent(yes, total),
                       "answered_width": _percent(answered, total, CHART_WIDTH),
                       "yes_width": _percent(yes, total, CHART_WIDTH), "y": 10 + 32 * index})
    return Overview(purposes=purposes, totals=totals,
                    table_html=mark_safe(data["table_html"]),  # noqa: S308 - escaped when it was joined
                    staff_html=mark_safe(data["staff_html"]),  # noqa: S308 - escaped when it was joined
                    missing=[tuple(m) for m in data["missing"]], missing_total=data["missing_total"])
