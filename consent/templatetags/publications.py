"""Publications on the consent pages: the receipt's count of publications to adapt, and the list
of publications in which a child is recognisable (the child's page, the AVG right of access)."""

from django import template
from django.utils import timezone

from consent.publications import selectors

register = template.Library()


@register.simple_tag
def publications_to_adapt(submission) -> int:
    """How many publications this save put on the takedown list."""
    return selectors.publications_to_adapt(submission)


@register.inclusion_tag("consent/publications/_pupil_publications.html")
def pupil_publications(pupil):
    return {"entries": selectors.pupil_entries(pupil), "today": timezone.localdate()}
