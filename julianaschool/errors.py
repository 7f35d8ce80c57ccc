"""The one error for a business action the rules do not allow, and the one way a view shows it.

A service that refuses raises `Refused` before it writes anything (or inside the transaction that
then rolls back), so a refusal always means "nothing changed". It carries the rule it rests on (a
law article, the protocol, a state such as "versie 3 is al vastgesteld") and the form field it
concerns, so the view never has to guess from the message text where to put it.

`Refused` is a `ValidationError`: model validation and form cleaning raise that already, and a
view handles both the same way, through `show_refusal`.

Who may act at all is not a business rule: that is access (`*_for` helpers, 404 to outsiders, 403
to insiders without the role) and stays `Http404`/`PermissionDenied`.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Refused(ValidationError):
    """A refused business action. `Refused(message, rule=..., field=...)` for one reason,
    `Refused([Refused(...), ...])` for every rule not met at once (`refusals` lists them)."""

    def __init__(self, message, *, rule: str = "", field: str | None = None):
        if isinstance(message, (list, tuple)):
            super().__init__(list(message))
            self.rule, self.reason, self.field = "", "", None
            return
        self.rule = rule
        self.reason = message
        self.field = field
        super().__init__(f"{rule}: {message}" if rule else message, code="refused")

    @property
    def refusals(self) -> list["Refused"]:
        return [error for error in self.error_list if isinstance(error, Refused)]

    def __str__(self):
        return " ".join(self.messages)


def refuse_if(refusals: list[Refused]) -> None:
    """Raise every refusal in `refusals` at once; nothing when the list is empty."""
    if refusals:
        raise Refused(refusals)


def _items(error: ValidationError) -> list[tuple[str | None, str]]:
    """(field, message) for each message of `error`; field None for the action as a whole."""
    if hasattr(error, "error_dict"):
        return [(None if field == NON_FIELD_ERRORS else field, message)
                for field, errors in error.message_dict.items() for message in errors]
    return [(getattr(item, "field", None), message) for item in error.error_list for message in item.messages]


def show_refusal(request, error: ValidationError, form=None) -> None:
    """Show a refusal where the user looks: on its field when `form` has that field, at the top
    of the form otherwise, and as a page message when there is no form (the page redirected)."""
    for field, message in _items(error):
        if form is not None:
            form.add_error(field if field in form.fields else None, message)
        else:
            messages.error(request, message)
