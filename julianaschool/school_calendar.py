"""Which days are school days: Monday to Friday, except the holidays and days off the office entered.

Everything in the portal that counts days in school days (a schorsing, an incident not picked up,
quiet mail) asks these three functions, so that a holiday entered once counts everywhere.
"""

import datetime

from .models import DayOff

ONE_DAY = datetime.timedelta(days=1)


def _days_off(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Every date from `start` to `end` (inclusive) that falls in a holiday or day off; one query."""
    dates: set[datetime.date] = set()
    for first, last in DayOff.objects.filter(starts_on__lte=end, ends_on__gte=start).values_list("starts_on", "ends_on"):
        day = max(first, start)
        while day <= min(last, end):
            dates.add(day)
            day += ONE_DAY
    return dates


def is_school_day(on: datetime.date) -> bool:
    """A weekday that is in no holiday or day off."""
    return on.weekday() < 5 and not DayOff.objects.covering(on).exists()


def add_school_days(start: datetime.date, n: int) -> datetime.date:
    """The date `n` school days after `start` (`start` itself when n is 0); n must not be negative."""
    if n < 0:
        raise ValueError("n must not be negative")
    day, left = start, n
    # A school year has at most ~9 weeks of holiday in one stretch; look ahead in generous windows.
    window_end = start
    days_off: set[datetime.date] = set()
    while left:
        day += ONE_DAY
        if day > window_end:
            window_end = day + datetime.timedelta(days=max(30, n * 2))
            days_off = _days_off(day, window_end)
        if day.weekday() < 5 and day not in days_off:
            left -= 1
    return day


def school_days_between(start: datetime.date, end: datetime.date) -> int:
    """School days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    if end <= start:
        return 0
    days_off = _days_off(start + ONE_DAY, end)
    count, day = 0, start + ONE_DAY
    while day <= end:
        if day.weekday() < 5 and day not in days_off:
            count += 1
        day += ONE_DAY
    return count


def school_days_in(first: datetime.date, last: datetime.date) -> int:
    """School days from `first` to `last`, both included (a schorsing's length)."""
    return school_days_between(first - ONE_DAY, last)


def next_school_day(after: datetime.date) -> datetime.date:
    """The first school day after `after`."""
    return add_school_days(after, 1)
