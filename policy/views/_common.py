"""What the protocol's pages share: a version with its sections in one query, form errors as one message."""

from django.db.models import Prefetch

from ..models import Section


def _with_sections(queryset):
    return queryset.prefetch_related(Prefetch("sections", queryset=Section.objects.order_by("position", "pk")))


def _form_errors(form) -> str:
    """Form errors as one message that names each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " ".join(parts)
