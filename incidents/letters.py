"""Decision letters: rendered from templates/incidents/letters/ to PDF with WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation


def recipients(measure) -> list:
    """Who the letter is addressed to: the parents of a pupil, the parent, or the employee."""
    party = measure.party
    if party.pupil_id:
        return list(party.pupil.guardians.all())
    return [party.guardian or party.staff]


def render_pdf(measure) -> bytes:
    """The decision letter of `measure` as PDF bytes."""
    from weasyprint import HTML  # imported here: loading Pango costs time every other page can skip

    template = "incidents/letters/staff_measure.html" if measure.party.staff_id else "incidents/letters/pupil_measure.html"
    # Letters go to Dutch parents and staff on paper: always Dutch, whatever language the
    # director's browser asked for.
    with translation.override("nl"):
        html = _render(template, measure)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _render(template: str, measure) -> str:
    return render_to_string(template, {
        "measure": measure,
        "incident": measure.incident,
        "party": measure.party,
        "recipients": recipients(measure),
        "today": timezone.localdate(),
        "school_name": settings.SCHOOL_NAME,
        "school_foundation": settings.SCHOOL_FOUNDATION,
    })
