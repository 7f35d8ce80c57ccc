"""Figures per category per month and per group for a school year; a CSV without names."""

import datetime

from django.urls import reverse
from django.utils import timezone

from incidents.models import PartyRole
from tests.incidents.helpers import report


def at(world, month: int, day: int = 10) -> datetime.datetime:
    year = world.school_year.starts_on.year if month >= 8 else world.school_year.ends_on.year
    return datetime.datetime(year, month, day, 11, tzinfo=timezone.get_current_timezone())


def test_directie_sees_incidents_counted_per_category_month_and_group(world, client_for):
    report(world, occurred_at=at(world, 9))
    report(world, occurred_at=at(world, 9, 20))
    report(world, category="Kwetsen", occurred_at=at(world, 10))
    report(world, reporter=world.leerkracht7, category="Kwetsen", occurred_at=at(world, 10),
           parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil7}])
    response = client_for(world.directie).get(reverse("incidents:statistics"), {"school_year": world.school_year.pk})
    figures = response.context["figures"]
    rows = {row["category"].name: row["counts"] for row in figures["table"]}
    assert rows["Pesten"][1] == 2 and rows["Kwetsen"][2] == 2  # september, october
    assert dict(figures["groups"]) == {"groep 5": 3, "groep 7": 1}
    assert figures["total"] == 4
    text = response.content.decode()
    assert "<svg" in text and "sep" in text and "groep 7" in text


def test_incidents_of_another_school_year_are_not_counted(world, client_for):
    report(world, occurred_at=at(world, 9) - datetime.timedelta(days=400))
    response = client_for(world.directie).get(reverse("incidents:statistics"))
    assert response.context["figures"]["total"] == 0


def test_the_csv_export_counts_without_any_name(world, client_for):
    report(world, occurred_at=at(world, 9))
    report(world, occurred_at=at(world, 9))
    response = client_for(world.directie).get(reverse("incidents:statistics_csv"), {"school_year": world.school_year.pk})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    lines = text.strip().splitlines()
    assert lines[0] == "maand;categorie;groep;ernst;aantal"
    assert lines[1] == f"{at(world, 9):%Y-%m};Pesten;5;middel;2"
    for name in ("Sanne", "Daan", "de Vries", "Jansen", world.leerkracht5.last_name, "klassenchat"):
        assert name not in text
