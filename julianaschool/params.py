"""Reading values from a query string: one helper per kind, so every filter of the portal treats a
value it cannot use the same way (it is ignored) instead of handing it to the database.

A string of 25 nines is digits, but no id: SQLite cannot even bind it (a 500), PostgreSQL
refuses it for an integer column. Ids the portal hands out fit a 32-bit column by far.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")  # ASCII digits only: str.isdigit() also says yes to "²" and "٣"


def parse_id(value) -> int | None:
    """The positive id `value` spells, or None when it spells none (empty, not digits, too long)."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def int_param(request, name: str) -> int | None:
    """The id in query parameter `name`, or None (ignore the filter) when it is missing or unusable."""
    return parse_id(request.GET.get(name, ""))


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that reads its ids through `parse_id`: Django's own hands a
    25-digit "id" to an IN query, which SQLite cannot bind (a 500 instead of a form error)."""

    def _check_values(self, value):
        for pk in value:
            if parse_id(str(pk)) is None:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": pk})
        return super()._check_values(value)
