"""Which PDF buttons a user gets on a version's page."""

from django import template

from julianaschool.access import has_role
from julianaschool.models import Role

from .services import SIGNABLE

register = template.Library()


@register.simple_tag
def pdf_actions(user, version) -> dict:
    """{"signed": ..., "approval": ..., "concept": ...}: the same rules as the PDF views themselves."""
    board_or_directie = has_role(user, Role.BESTUUR, Role.DIRECTIE)
    return {
        # A published version's signed PDF is for everyone; before that for bestuur and directie.
        "signed": version.is_published or (board_or_directie and version.status in SIGNABLE),
        "approval": board_or_directie and (version.status == "goedgekeurd"
                                           or version.signed_copies.filter(kind="goedkeuring").exists()),
        "concept": has_role(user, Role.DIRECTIE),
    }
