"""Directie's consent overview: the whole school per purpose, per group and per staff member,
and the pupils with an open question.

Its numbers and rows read every pupil's current answers (60,000 rows at a stichting's 5,000
pupils), so the computed part is kept as a snapshot (consent/snapshots/store.py) and used again
until anything it was computed from changes: then the next request counts again.
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
from .snapshots.store import remembered

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


def _table_html(table: list[dict]) -> str:
    """The per-group table body, joined in Python: at a stichting's size it is 200 groups x every
    purpose, and the template loop with a localised number and a reversed URL per cell cost
    more than counting them (bench/scale.py)."""
    href = reverse("consent:class_sheet", args=[0]).replace("/0/", "/{}/")
    disagree = escape(_("oneens"))
    rows = []
    for row in table:
        cells = "".join(
            f'<td>{cell["answered"]} / {cell["yes"]} / {cell["total"]}'
            + (f' <span class="consent-sub">({cell["disagreements"]} {disagree})</span>' if cell["disagreements"] else "")
            + "</td>" for cell in row["cells"])
        rows.append(f'<tr><th scope="row"><a href="{href.format(row["group"].pk)}">{escape(row["group"])}</a></th>{cells}</tr>')
    return "".join(rows)


def _staff_html(purposes: list[Purpose]) -> str:
    """Every current staff member by the purposes (their own answers)."""
    staff = list(StaffMember.objects.filter(left_on__isnull=True).order_by("sort_name"))
    answers = state.staff_answers([s.pk for s in staff], purposes)
    render = CellRenderer()
    return "".join(
        f'<tr><th scope="row">{escape(s.full_name)}</th>'
        + "".join(render(state.answer(answers, s.pk, p.pk)).td for p in purposes) + "</tr>"
        for s in staff)


def _compute(school_year: SchoolYear | None, purposes: list[Purpose]) -> dict:
    groups = ClassGroup.objects.filter(school_year=school_year).order_by("name")
    counted = counts.school_counts(groups, purposes)
    sums = {}
    for index, purpose in enumerate(purposes):
        cells = [row["cells"][index] for row in counted.table]
        sums[str(purpose.pk)] = [sum(c["total"] for c in cells), sum(c["answered"] for c in cells),
                                 sum(c["yes"] for c in cells)]
    return {"sums": sums, "table_html": _table_html(counted.table), "staff_html": _staff_html(purposes),
            "missing": [[p.pk, p.full_name] for p in counted.missing_first], "missing_total": counted.missing_total}


def _percent(part: int, whole: int, scale: int = 100) -> int:
    return round(scale * part / whole) if whole else 0


def build(school_year: SchoolYear | None, purposes: list[Purpose]) -> Overview:
    # The key holds what the data does not: the language of the words in the rows, today's date
    # (who is placed in which group) and the two-guardian rule.
    key = (f"overview:{school_year.pk if school_year else 0}:{translation.get_language()}:"
           f"{timezone.localdate().isoformat()}:{state.guardian_rule()}:{','.join(str(p.pk) for p in purposes)}")
    data = remembered(key, lambda: _compute(school_year, purposes))
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
