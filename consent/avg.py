"""A pupil's AVG access export: every record the school holds about the child in this portal's
consent column (the pupil's own data, the guardians', the consent ledger, the publications), as
a CSV and as a readable PDF. Reads only."""

from django.utils import formats
from django.utils.translation import gettext as _

from julianaschool.models import SchoolYear

from .publications.selectors import pupil_entries


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def pupil_data(pupil) -> list[tuple[str, str]]:
    """(label, value) of what the school's administration holds about the pupil."""
    group = pupil.group_in(SchoolYear.objects.current())
    return [
        (_("voornaam"), pupil.first_name), (_("tussenvoegsel"), pupil.tussenvoegsel), (_("achternaam"), pupil.last_name),
        (_("geboortedatum"), _date(pupil.date_of_birth)), (_("leerlingnummer"), pupil.student_number or ""),
        (_("groep dit schooljaar"), str(group) if group else ""), (_("uitgeschreven op"), _date(pupil.left_on)),
    ]


def guardians_data(pupil) -> list[list[tuple[str, str]]]:
    """Per guardian: (label, value) of their details as the school holds them."""
    return [[(_("naam"), g.full_name), (_("e-mailadres"), g.email), (_("telefoon"), g.phone),
             (_("adres"), ", ".join(g.postal_address))] for g in pupil.guardians.order_by("sort_name", "pk")]


def records(pupil):
    return (pupil.consent_records.select_related("purpose", "purpose_version", "paper_form")
            .order_by("recorded_at", "id"))


def publications(pupil):
    return pupil_entries(pupil)


def csv_rows(pupil):
    """After the ledger and publications rows: a blank line, then the pupil's and guardians' data."""
    yield []
    yield [_("gegevens van de leerling")]
    yield from ([label, value] for label, value in pupil_data(pupil))
    for details in guardians_data(pupil):
        yield []
        yield [_("ouder/verzorger")]
        yield from ([label, value] for label, value in details)
