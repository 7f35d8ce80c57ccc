from django import template

from ..rendering import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    """A section body as sanitised HTML (see policy.rendering)."""
    return render_markdown(text)
