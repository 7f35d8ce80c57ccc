"""Which PDF buttons a user gets on a version's page: the same predicates (policy.access) as the PDF views."""

from django import template

from .. import access

register = template.Library()


@register.simple_tag
def pdf_actions(user, version) -> dict:
    """{"signed": ..., "approval": ..., "concept": ...}"""
    return {
        "signed": access.may_download_signed(user, version),
        "approval": access.may_download_approval(user, version),
        "concept": access.may_preview_concept(user),
    }
