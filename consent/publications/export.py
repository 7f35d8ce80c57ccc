"""The publications part of a pupil's AVG access export (consent:pupil_export)."""

from django.utils.translation import gettext as _

from .selectors import pupil_entries


def rows(pupil):
    """After the ledger rows, when the pupil is on any publication: a blank line, a header, and one
    row per publication (for julianaschool.downloads.csv_response, which makes every cell safe)."""
    entries = pupil_entries(pupil)
    if not entries:
        return
    yield []
    yield [_("publicatie"), _("kanaal"), _("datum"), _("waar"), _("getoond"), _("controle bij plaatsen"),
                     _("verwijdertaak"), _("uiterlijk"), _("afgehandeld")]
    for e in entries:
        takedown = next(iter(e.takedowns.all()), None)
        done = getattr(takedown, "done", None) if takedown else None
        yield [
            e.publication.title, e.publication.purpose.name, e.publication.published_on.isoformat(),
            e.publication.location, _("herkenbaar") if e.recognisable else _("onherkenbaar gemaakt"),
            e.get_outcome_display(), takedown.get_reason_display() if takedown else "",
            takedown.due_on.isoformat() if takedown else "",
            f"{done.get_outcome_display()} {done.done_at:%Y-%m-%d}" if done else ("" if not takedown else _("open")),
        ]
