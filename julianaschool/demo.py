"""What `manage.py seed_demo` hands to each app's `demo.seed(school=...)`."""

import datetime
from dataclasses import dataclass, field

from .models import ClassGroup, DayOff, DayOffKind, Pupil, SchoolYear


@dataclass
class DemoSchool:
    school_year: SchoolYear
    groups: dict[str, ClassGroup]  # by name: "1", "2", "3", "4/5", "5", ... "8"
    users: dict  # demo accounts by username: directie, bestuur, leerkracht, administratie, ouder, medewerker
    pupils: list[Pupil] = field(default_factory=list)


def _easter(year: int) -> datetime.date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lt = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lt) // 451
    month, day = divmod(h + lt - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _week(year: int, iso_week: int, *, weeks: int = 1) -> tuple[datetime.date, datetime.date]:
    """Saturday before ISO week `iso_week` to the Sunday `weeks` weeks later: how holidays are announced."""
    monday = datetime.date.fromisocalendar(year, iso_week, 1)
    return monday - datetime.timedelta(days=2), monday + datetime.timedelta(days=7 * weeks - 1)


def demo_days_off(school_year: SchoolYear) -> list[tuple[str, str, datetime.date, datetime.date]]:
    """Invented but plausible holidays of a school year in the south of the Netherlands:
    (kind, name, first day, last day)."""
    start, end = school_year.starts_on.year, school_year.starts_on.year + 1
    easter = _easter(end)
    one = datetime.timedelta(days=1)
    days = [
        (DayOffKind.AUTUMN_HOLIDAY, "", *_week(start, 43)),
        (DayOffKind.STUDY_DAY, "Studiedag team", datetime.date.fromisocalendar(start, 47, 3),
         datetime.date.fromisocalendar(start, 47, 3)),
        (DayOffKind.CHRISTMAS_HOLIDAY, "", *_week(start, 52, weeks=2)),
        (DayOffKind.SPRING_HOLIDAY, "", *_week(end, 8)),
        (DayOffKind.OTHER, "Goede Vrijdag en Pasen", easter - 2 * one, easter + one),
        (DayOffKind.MAY_HOLIDAY, "", *_week(end, 17)),
        (DayOffKind.OTHER, "Hemelvaart", easter + 39 * one, easter + 40 * one),
        (DayOffKind.OTHER, "Tweede Pinksterdag", easter + 50 * one, easter + 50 * one),
        (DayOffKind.SUMMER_HOLIDAY, "", _week(end, 29)[0], school_year.ends_on),
    ]
    # Koningsdag and Easter can fall inside the meivakantie; keep the periods apart.
    result: list[tuple[str, str, datetime.date, datetime.date]] = []
    for kind, name, first, last in sorted(days, key=lambda d: d[2]):
        if result and first <= result[-1][3]:
            continue
        result.append((kind, name, first, last))
    return result


def seed_calendar(school_year: SchoolYear) -> None:
    """The demo school year's holidays (idempotent)."""
    for kind, name, first, last in demo_days_off(school_year):
        DayOff.objects.get_or_create(school_year=school_year, starts_on=first, ends_on=last,
                                     defaults={"kind": kind, "name": name})
