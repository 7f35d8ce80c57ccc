"""Sensible ranges for every date the portal is given, in one place.

A date field that takes any date takes 0001-01-01, which SQLite stores but cannot turn into a
local time again (a 500), and 1000-01-01, which is nonsense that a report or the retention run
then believes. Each date field says what range it means; the form refuses a date outside it
with a Dutch message naming the field and the range.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No record of this school's portal is about a day before this.
PORTAL_EPOCH = datetime.date(2000, 1, 1)
# Plans (a review date, the end of a measure) reach this far ahead at most.
YEARS_AHEAD = 10


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def today() -> datetime.date:
    return timezone.localdate()


def far_ahead() -> datetime.date:
    return _years_from(today(), YEARS_AHEAD)


def first_school_day() -> datetime.date:
    """The first day of the first school year the portal knows (the epoch when it knows none)."""
    from .models import SchoolYear

    first = SchoolYear.objects.order_by("starts_on").values_list("starts_on", flat=True).first()
    return max(first, PORTAL_EPOCH) if first else PORTAL_EPOCH


def last_school_day() -> datetime.date:
    """The last day of the last school year the portal knows (a year ahead when it knows none)."""
    from .models import SchoolYear

    last = SchoolYear.objects.order_by("-ends_on").values_list("ends_on", flat=True).first()
    return last or _years_from(today(), 1)


def _resolve(bound):
    return bound() if callable(bound) else bound


def out_of_range_message(earliest: datetime.date, latest: datetime.date) -> str:
    return _("Kies een datum tussen %(earliest)s en %(latest)s.") % {
        "earliest": f"{earliest:%d-%m-%Y}", "latest": f"{latest:%d-%m-%Y}"}


class RangeMixin:
    """`earliest`/`latest`: a date or a function giving one (asked when the form is cleaned)."""

    def __init__(self, *args, earliest=PORTAL_EPOCH, latest=far_ahead, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        day = value.date() if isinstance(value, datetime.datetime) else value
        earliest, latest = _resolve(self.earliest), _resolve(self.latest)
        if not earliest <= day <= latest:
            raise forms.ValidationError(out_of_range_message(earliest, latest), code="date_out_of_range")


class DateRangeField(RangeMixin, forms.DateField):
    """A DateField that accepts only dates from `earliest` to `latest`."""


class DateTimeRangeField(RangeMixin, forms.DateTimeField):
    """A DateTimeField whose day lies from `earliest` to `latest`."""
