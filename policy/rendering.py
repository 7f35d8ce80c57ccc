"""Turning a section's Markdown into safe HTML, and a version's sections into a tree.

Used by the web pages, the compare view and the signed PDF alike, so that all three show the
same text. Section bodies are written by directie in the browser: everything they produce goes
through nh3 with a short allow-list, so no script, style, event handler or javascript: URL can
reach a reader, whatever the Markdown (or raw HTML inside it) says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from .models import ProtocolVersion, Section

# What a protocol needs: paragraphs, (nested) lists, emphasis, links, a few headings, quotes.
ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "ins", "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
# Relative links and these schemes only: javascript:, data: and vbscript: are dropped.
URL_SCHEMES = {"http", "https", "mailto"}

# nl2br: a line break typed in the editor is a line break on the page (the DENK NA lines).
# sane_lists: a numbered list and a bulleted list next to each other stay two lists.
MARKDOWN_EXTENSIONS = ["nl2br", "sane_lists"]


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML that is safe to put on any page: sanitised with nh3 after rendering."""
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        # Drop these elements together with their content (not just the tags).
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def section_tree(version: "ProtocolVersion") -> list["Section"]:
    """The version's top-level sections in order, each with `.child_list` (its sub-sections in
    order), fetched in one query whatever the number of sections.

    If the version was loaded with `prefetch_related("sections")`, no query is made at all.
    """
    return build_tree(list(version.sections.all()))


def build_tree(sections: list["Section"]) -> list["Section"]:
    """Arrange already-fetched sections into top level + `.child_list`, each level by position."""
    by_parent: dict[int | None, list] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)
    for children in by_parent.values():
        children.sort(key=lambda s: (s.position, s.pk or 0))
    for section in sections:
        section.child_list = by_parent.get(section.pk, [])
    return by_parent.get(None, [])
