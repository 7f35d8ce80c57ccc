"""Decision letters: rendered from templates/incidents/letters/ to PDF with WeasyPrint.

A letter carries the school's address (SCHOOL_ADDRESS) as sender, the addressees' postal address
(Guardian.postal_address), a salutation by name, and the objection clause with its deadline
(six weeks after the decision, Awb art. 6:7).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from julianaschool import pdf
from julianaschool.names import account_name


def recipients(measure) -> list:
    """Who the letter is addressed to: the parents of a pupil, the parent, or the employee."""
    party = measure.party
    if party.pupil_id:
        return list(party.pupil.guardians.filter(anonymised_at__isnull=True).order_by("sort_name", "id"))
    return [party.guardian or party.staff]


def addresses(people: list) -> list[dict]:
    """The envelope blocks: people at the same postal address share one block (names joined)."""
    blocks: list[dict] = []
    for person in people:
        lines = list(getattr(person, "postal_address", []) or [])
        for block in blocks:
            if block["lines"] == lines:
                block["names"].append(person.full_name)
                break
        else:
            blocks.append({"names": [person.full_name], "lines": lines})
    return blocks


def salutation(people: list) -> str:
    """'Beste Anouk de Vries en Mark de Vries,' or, with nobody known by name, the general one."""
    names = [person.full_name for person in people if person.full_name.strip()]
    if not names:
        return _("Geachte ouder(s)/verzorger(s),")
    joined = names[0] if len(names) == 1 else _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
    return _("Beste %(names)s,") % {"names": joined}


def email_addresses(measure) -> list[str]:
    """Where the letter can be e-mailed: the addressees' e-mail addresses (empty ones left out)."""
    return [person.email for person in recipients(measure) if getattr(person, "email", "")]


def sender_name(measure) -> str:
    return account_name(measure.decided_by or measure.created_by)


def render_pdf(measure) -> bytes:
    """The decision letter of `measure` as PDF bytes."""
    template = "incidents/letters/staff_measure.html" if measure.party.staff_id else "incidents/letters/pupil_measure.html"
    # Letters go to Dutch parents and staff on paper: always Dutch, whatever language the
    # director's browser asked for.
    with translation.override("nl"):
        html = _render(template, measure)
    return pdf.render(html)


def _render(template: str, measure) -> str:
    people = recipients(measure)
    return render_to_string(template, {
        "measure": measure,
        "incident": measure.incident,
        "party": measure.party,
        "recipients": people,
        "addresses": addresses(people),
        "salutation": salutation(people),
        "today": timezone.localdate(),
        "school_name": settings.SCHOOL_NAME,
        "school_foundation": settings.SCHOOL_FOUNDATION,
        "school_address": settings.SCHOOL_ADDRESS,
    })
