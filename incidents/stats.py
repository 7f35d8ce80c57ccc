"""Incident figures for the school's safety monitoring: counts only, never names."""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from .models import Category, Incident


def months_of(school_year) -> list[datetime.date]:
    months, day = [], school_year.starts_on.replace(day=1)
    while day <= school_year.ends_on:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def _month_bounds(school_year) -> list[tuple[datetime.date, datetime.datetime, datetime.datetime]]:
    tz = timezone.get_current_timezone()
    months = months_of(school_year)
    ends = months[1:] + [(months[-1] + datetime.timedelta(days=32)).replace(day=1)]
    return [(m, datetime.datetime.combine(m, datetime.time.min, tzinfo=tz),
             datetime.datetime.combine(e, datetime.time.min, tzinfo=tz)) for m, e in zip(months, ends, strict=True)]


def _per_month(school_year, *fields):
    """Rows of `fields` with a count per month of the school year (m0, m1, ...), counted by the
    database with one conditional count per month: no per-row date function, no rows to Python."""
    bounds = _month_bounds(school_year)
    counts = {f"m{i}": Count("id", filter=Q(occurred_at__gte=start, occurred_at__lt=end))
              for i, (_m, start, end) in enumerate(bounds)}
    rows = (Incident.objects.filter(occurred_at__gte=bounds[0][1], occurred_at__lt=bounds[-1][2]).order_by()
            .values(*fields).annotate(**counts))
    return [m for m, _start, _end in bounds], rows


def figures(school_year) -> dict:
    """Counts per category per month and per group for one school year, counted by the database
    (on SQLite and PostgreSQL alike: only the counts come back, never the incidents)."""
    months, rows = _per_month(school_year, "category_id")
    by_cat_month, by_group, per_month = Counter(), Counter(), Counter()
    for row in rows:
        for i, month in enumerate(months):
            by_cat_month[(row["category_id"], month)] += row[f"m{i}"]
            per_month[month] += row[f"m{i}"]
    # Per group the year's total only: one count per group, not one per group and month.
    bounds = _month_bounds(school_year)
    for row in (Incident.objects.filter(occurred_at__gte=bounds[0][1], occurred_at__lt=bounds[-1][2]).order_by()
                .values("group__name").annotate(n=Count("id"))):
        by_group[row["group__name"] or ""] += row["n"]
    categories = [c for c in Category.objects.all() if any(by_cat_month[(c.pk, m)] for m in months)]
    table = [{"category": c, "counts": [by_cat_month[(c.pk, m)] for m in months],
              "total": sum(by_cat_month[(c.pk, m)] for m in months)} for c in categories]
    top = max(per_month.values(), default=0) or 1
    chart = []
    for index, m in enumerate(months):
        height = round(130 * per_month[m] / top)
        chart.append({"month": m, "label": date_format(m, "b y"), "count": per_month[m],
                      "height": height, "x": index * 50, "y": 155 - height})
    # Labelled here, not per row in the template: a stichting's 200 groups made the table the
    # page's largest cost (bench/scale.py).
    groups = [(_("groep %(name)s") % {"name": name} if name else _("geen leerling betrokken"), count)
              for name, count in sorted(by_group.items(), key=lambda item: (item[0] == "", item[0]))]
    return {"months": months, "month_labels": [c["label"] for c in chart], "table": table, "chart": chart,
            "groups": groups, "total": sum(per_month.values()), "month_totals": [per_month[m] for m in months]}


def csv_rows(school_year) -> list[list]:
    """One row per category, month and group with its count: nothing that names a person."""
    months, rows = _per_month(school_year, "category__name", "group__name", "severity")
    counter = Counter()
    for row in rows:
        for i, month in enumerate(months):
            if row[f"m{i}"]:
                counter[(f"{month:%Y-%m}", row["category__name"], row["group__name"] or "", row["severity"])] += row[f"m{i}"]
    return [[*key, count] for key, count in sorted(counter.items())]
