"""Incident figures for the school's safety monitoring: counts only, never names."""

import datetime
from collections import Counter

from django.db.models.functions import TruncMonth
from django.utils.dateformat import format as date_format
from django.utils import timezone

from .models import Category, Incident



def months_of(school_year) -> list[datetime.date]:
    months, day = [], school_year.starts_on.replace(day=1)
    while day <= school_year.ends_on:
        months.append(day)
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def figures(school_year) -> dict:
    """Counts per category per month and per group for one school year, in three queries."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(school_year.starts_on, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(school_year.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    incidents = Incident.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
    rows = incidents.annotate(month=TruncMonth("occurred_at", tzinfo=tz)).values_list("category_id", "month", "group__name")
    months = months_of(school_year)
    by_cat_month, by_group, per_month = Counter(), Counter(), Counter()
    for category_id, month, group_name in rows:
        month = month.date() if isinstance(month, datetime.datetime) else month
        by_cat_month[(category_id, month)] += 1
        by_group[group_name or ""] += 1
        per_month[month] += 1
    categories = [c for c in Category.objects.all() if any(by_cat_month[(c.pk, m)] for m in months)]
    table = [{"category": c, "counts": [by_cat_month[(c.pk, m)] for m in months],
              "total": sum(by_cat_month[(c.pk, m)] for m in months)} for c in categories]
    top = max(per_month.values(), default=0) or 1
    chart = []
    for index, m in enumerate(months):
        height = round(130 * per_month[m] / top)
        chart.append({"month": m, "label": date_format(m, "b y"), "count": per_month[m],
                      "height": height, "x": index * 50, "y": 155 - height})
    groups = sorted(by_group.items(), key=lambda item: (item[0] == "", item[0]))
    return {"months": months, "month_labels": [c["label"] for c in chart], "table": table, "chart": chart,
            "groups": groups, "total": sum(per_month.values()), "month_totals": [per_month[m] for m in months]}


def csv_rows(school_year) -> list[list]:
    """One row per category, month and group with its count: nothing that names a person."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(school_year.starts_on, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(school_year.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    rows = (Incident.objects.filter(occurred_at__gte=start, occurred_at__lt=end)
            .annotate(month=TruncMonth("occurred_at", tzinfo=tz))
            .values_list("category__name", "month", "group__name", "severity"))
    counter = Counter()
    for category, month, group, severity in rows:
        month = month.date() if isinstance(month, datetime.datetime) else month
        counter[(f"{month:%Y-%m}", category, group or "", severity)] += 1
    return [[*key, count] for key, count in sorted(counter.items())]
