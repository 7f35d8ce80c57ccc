"""The audit trail as sentences on its page (see `julianaschool.audit.sentence`)."""

from django import template

from julianaschool import audit

register = template.Library()


@register.filter
def audit_sentence(entry) -> str:
    return audit.sentence(entry)


@register.filter
def audit_changes(entry) -> list:
    return audit.changes_of(entry)
