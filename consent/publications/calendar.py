"""School days for takedown deadlines.

One small function, so that the school calendar (holidays, study days) can take over in one place
when it arrives: today it skips Saturdays and Sundays only.
"""

import datetime


def is_school_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def add_school_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` school days after `start` (`start` itself does not count)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_school_day(day):
            counted += 1
    return day
