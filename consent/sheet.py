"""The class sheet (groepskaart): a group's active pupils by the active purposes.

A fixed number of queries whatever the group's size: the pupils, the purposes, the ledger rows.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from julianaschool.models import ClassGroup, Enrollment, Pupil, StaffMember

from . import state
from .models import Purpose
from .snapshots.store import remembered


@dataclass
class Cell:
    answer: state.Answer
    css: str
    html: SafeString
    td: str  # the whole table cell, escaped

    @property
    def given(self) -> bool:
        return self.answer.given


@dataclass
class Row:
    person: Pupil | StaffMember
    cells: list[Cell]  # one per purpose, in the purposes' order


class CellRenderer:
    """A cell's markup: a symbol AND a word (never colour alone), and the date of the last change.

    Rendered in Python, once per distinct (answer, date): a 40-group school's sheets repeat the
    same few dozen cells, and a template include per cell cost most of the page's time."""

    def __init__(self):
        self.words = {key: escape(word) for key, word in (
            ("ja", _("ja")), ("nee", _("nee")), ("open", _("open")), ("ended", _("beëindigd")),
            ("disagreement", _("ouders oneens")))}
        self.cache: dict[tuple, Cell] = {}
        self.days: dict = {}

    def day(self, moment):
        if moment is None:
            return None
        day = self.days.get(moment)
        if day is None:
            day = self.days[moment] = timezone.localtime(moment).date()
        return day

    def __call__(self, answer: state.Answer) -> Cell:
        day = self.day(answer.changed_at)
        key = (answer.given, answer.answered, answer.ended, answer.disagreement, day)
        cell = self.cache.get(key)
        if cell is None:
            w = self.words
            # Plain string building of already escaped words: format_html per cell cost more
            # than the rest of the page together.
            if answer.given:
                mark = f'<span class="consent-mark consent-yes"><span aria-hidden="true">✔</span> {w["ja"]}</span>'
            else:
                kind = "consent-no" if answer.answered else "consent-open"
                mark = f'<span class="consent-mark {kind}"><span aria-hidden="true">✖</span> {w["nee"]}</span>'
                if answer.ended:
                    mark += f' <span class="consent-sub">{w["ended"]}</span>'
                elif not answer.answered:
                    mark += f' <span class="consent-sub">{w["open"]}</span>'
            if answer.disagreement:
                mark += f' <span class="consent-sub">({w["disagreement"]})</span>'
            if day is not None:
                mark += f' <span class="consent-date">{day.day}-{day.month}-{day.year}</span>'
            css = "cell-yes" if answer.given else "cell-no"
            cell = self.cache[key] = Cell(answer=answer, css=css, html=mark_safe(mark),
                                          td=f'<td class="{css}">{mark}</td>')
        return cell


@dataclass
class Sheet:
    group: ClassGroup
    purposes: list[Purpose]
    rows: list[Row]
    not_allowed_on: Purpose | None = None
    # The office and directie click a name to open the pupil's ledger (and enter a paper form).
    link_pupils: bool = False

    @property
    def total(self) -> int:
        return len(self.rows)

    def rows_html(self) -> SafeString:
        """The table body rows, joined in Python: the hot loop of the most used page."""
        if self.link_pupils:
            href = reverse("consent:pupil", args=[0]).replace("/0/", "/{}/")
            names = [f'<a href="{href.format(row.person.pk)}">{escape(row.person.full_name)}</a>' for row in self.rows]
        else:
            names = [escape(row.person.full_name) for row in self.rows]
        return mark_safe("".join(  # noqa: S308 - every part is escaped above or here
            f'<tr><th scope="row">{name}</th>{"".join(c.td for c in row.cells)}</tr>'
            for name, row in zip(names, self.rows, strict=True)
        ))


def build(group: ClassGroup, *, not_allowed_on: str = "", link_pupils: bool = False,
          purposes: list[Purpose] | None = None) -> Sheet:
    """The sheet for `group`; with `not_allowed_on` (a purpose slug) only the pupils who may NOT
    be shown on that channel."""
    purposes = list(Purpose.objects.active()) if purposes is None else purposes
    pupils = list(
        Pupil.objects.active().in_group(group).order_by("sort_name")
        .only("id", "first_name", "tussenvoegsel", "last_name")
    )
    answers = state.pupil_answers([p.pk for p in pupils], purposes)
    render = CellRenderer()
    rows = [Row(person=p, cells=[render(state.answer(answers, p.pk, q.pk)) for q in purposes]) for p in pupils]
    selected = next((p for p in purposes if p.slug == not_allowed_on), None)
    if selected is not None:
        index = purposes.index(selected)
        rows = [row for row in rows if not row.cells[index].given]
    return Sheet(group=group, purposes=purposes, rows=rows, not_allowed_on=selected, link_pupils=link_pupils)


# Where the page's time goes in a remembered sheet ("stand van ..."): the time of the request,
# not of the snapshot. Raw "<" never comes out of escaped text, so no name can contain it.
NOW = "<now>"


def stand(now) -> str:
    """The time a sheet shows its state at, as the page and the PDF write it."""
    return date_format(timezone.localtime(now), "j F Y H:i")


def page(group: ClassGroup, *, not_allowed_on: str = "", link_pupils: bool = False) -> SafeString:
    """The class sheet page's content (the filter, the links, the legend and the table), from a
    snapshot while nothing it shows has changed: the most used page, a teacher opens it before
    every post (consent/snapshots/store.py says why it is never stale). The key holds what the
    data does not: the language, today's date (who is in the group), the two-guardian rule, the
    filter and whether names link to the ledger. The purposes are not in it: a changed purpose
    makes every snapshot stale, so the remembered page needs no query for them."""
    slug = not_allowed_on if len(not_allowed_on) <= 50 and not_allowed_on.replace("-", "").isalnum() else ""
    key = (f"sheet:{group.pk}:{translation.get_language()}:{timezone.localdate().isoformat()}:"
           f"{state.guardian_rule()}:{slug}:{int(link_pupils)}")

    def compute() -> str:
        sheet = build(group, not_allowed_on=slug, link_pupils=link_pupils)
        return render_to_string("consent/_class_sheet_content.html",
                                {"sheet": sheet, "group": group, "stand": mark_safe(NOW)})  # noqa: S308 - a constant

    html = remembered(key, compute, group=group.pk)
    return mark_safe(html.replace(NOW, escape(stand(timezone.now()))))  # noqa: S308 - rendered with autoescape


def coverage(groups, purposes) -> list[dict]:
    """Per group and purpose: pupils, answered, yes. Two queries for the whole school."""
    groups = list(groups)
    pupils = list(Enrollment.objects.current().filter(group__in=groups, pupil__left_on__isnull=True)
                  .values_list("pupil_id", "group_id"))
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
