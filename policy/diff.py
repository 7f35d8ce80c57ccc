"""Comparing two versions section by section: what was added, removed, changed or left alone.

Sections are paired by their key, which stays the same across versions even when a section is
renamed or moved. Text is compared word by word on the Markdown source (what directie typed),
marked with <ins> and <del>; everything else is escaped, so the result is safe to show.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .models import ProtocolVersion, Section
from .rendering import build_tree

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words removed from `old` in <del> and the words added in <ins>."""
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


@dataclass
class SectionDiff:
    key: str
    status: str
    old: Section | None
    new: Section | None
    depth: int
    title_html: SafeString
    body_html: SafeString
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.new or self.old).title

    @property
    def is_changed(self) -> bool:
        return self.status != UNCHANGED


def _reading_order(version: ProtocolVersion) -> list[Section]:
    result = []

    def walk(nodes, depth):
        for node in nodes:
            node.depth = depth
            result.append(node)
            walk(node.child_list, depth + 1)

    walk(build_tree(list(version.sections.all())), 0)
    return result


def compare(old_version: ProtocolVersion, new_version: ProtocolVersion) -> list[SectionDiff]:
    """Every section of both versions in the new version's reading order; a removed section comes
    right after the section that preceded it in the old version."""
    old_sections = _reading_order(old_version)
    new_sections = _reading_order(new_version)
    old_by_key = {s.key: s for s in old_sections}
    new_keys = {s.key for s in new_sections}
    old_index = {s.key: i for i, s in enumerate(old_sections)}
    old_parent_key = {s.pk: s.key for s in old_sections}
    new_parent_key = {s.pk: s.key for s in new_sections}

    result: list[SectionDiff] = []
    for new in new_sections:
        old = old_by_key.get(new.key)
        if old is None:
            result.append(SectionDiff(new.key, ADDED, None, new, new.depth,
                                      mark_safe(f"<ins>{escape(new.title)}</ins>"),
                                      mark_safe(f"<ins>{escape(new.body)}</ins>") if new.body else mark_safe("")))
            continue
        notes = []
        if old.title != new.title:
            notes.append("renamed")
        if (old_parent_key.get(old.parent_id) != new_parent_key.get(new.parent_id)
                or _sibling_rank(old, old_sections, new_keys) != _sibling_rank(new, new_sections, old_by_key)):
            notes.append("moved")
        if old.style != new.style:
            notes.append("style")
        changed = old.body != new.body or notes
        result.append(SectionDiff(
            new.key, CHANGED if changed else UNCHANGED, old, new, new.depth,
            word_diff(old.title, new.title), word_diff(old.body, new.body), notes,
        ))

    # Removed sections: insert each after the nearest earlier old section still present.
    for old in old_sections:
        if old.key in new_keys:
            continue
        removed = SectionDiff(old.key, REMOVED, old, None, old.depth,
                              mark_safe(f"<del>{escape(old.title)}</del>"),
                              mark_safe(f"<del>{escape(old.body)}</del>") if old.body else mark_safe(""))
        anchor = None
        for earlier in reversed(old_sections[: old_index[old.key]]):
            if earlier.key in new_keys or any(d.key == earlier.key for d in result):
                anchor = earlier.key
                break
        position = 0 if anchor is None else next(i for i, d in enumerate(result) if d.key == anchor) + 1
        result.insert(position, removed)
    return result


def _sibling_rank(section: Section, sections: list[Section], other_keys) -> int:
    """Position among the siblings that exist in both versions: adding or removing a neighbour
    does not count as moving a section, swapping two does."""
    siblings = [s.key for s in sections if s.parent_id == section.parent_id and s.key in other_keys]
    return siblings.index(section.key)


def changed_only(diffs: list[SectionDiff]) -> list[SectionDiff]:
    return [d for d in diffs if d.is_changed]
