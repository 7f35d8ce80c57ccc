"""Which PDF buttons a user gets on a version's page."""

from django import template

from julianaschool.access import has_role
from julianaschool.models import Role

from ..pdf_services import SIGNABLE

register = template.Library()


@register.simple_tag
def pdf_actions(user, version) -> dict:
    """{"signed": ..., "concept": ...}: the same rules as the PDF views themselves."""
    return {
        "signed": has_role(user, Role.BESTUUR, Role.DIRECTIE)
        and (version.status in SIGNABLE or hasattr(version, "signed_copy")),
        "concept": has_role(user, Role.DIRECTIE),
    }
