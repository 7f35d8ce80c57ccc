"""Comparing two versions section by section, and inside a section rule by rule.

Sections are paired by their key, which stays the same across versions even when a section is
renamed or moved. Inside a section the comparison is made on the rendered text, not on the
Markdown directie typed: each paragraph and each list item is a *rule*. A rule that disappeared
is "verwijderd", a new one "nieuw", and a rule that was reworded is shown twice, old and new,
with the words that changed marked inside it (<del> in the old, <ins> in the new). Formatting
counts as a change: a phrase made bold is marked although its words stayed. Words are compared
as tokens with the whitespace between them kept as tokens of their own, so no space is ever
lost. Every piece of text is escaped; the only markup is the sanitised formatting of the rule.
"""

import difflib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import ProtocolVersion, Section
from .rendering import build_tree, render_markdown

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"

_TOKEN = re.compile(r"\s+|[^\s]+")
# Inline formatting a rule keeps (as rendered and sanitised by policy.rendering).
_INLINE = {"strong", "b", "em", "i", "code", "a", "ins", "del"}
_BLOCKS = {"p", "li", "h3", "h4", "h5", "h6", "pre"}
# Two rules this alike (0..1, on their words) are one rule reworded rather than one out, one in.
SIMILAR = 0.5


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words removed from `old` in <del> and the words added in <ins> (plain text,
    escaped; used for section titles)."""
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


# --- rules: the rendered text of a section, cut into paragraphs and list items


@dataclass
class Token:
    text: str
    marks: tuple = ()  # the inline formatting around it, outermost first: ("strong",), ("a", href)...

    @property
    def key(self):
        return (self.text, self.marks)


@dataclass
class Rule:
    kind: str  # p, li, h3...
    depth: int  # list nesting
    tokens: list[Token] = field(default_factory=list)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(t.text for t in self.tokens)).strip()

    @property
    def key(self) -> tuple:
        return (self.kind, tuple(t.key for t in self.tokens if not t.text.isspace()), self.text)

    def html(self) -> SafeString:
        return _render(self.tokens, [None] * len(self.tokens))


class _RuleParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rules: list[Rule] = []
        self.open: list[Rule] = []  # blocks being filled (an li holding a nested list stays open)
        self.marks: list[tuple] = []
        self.list_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self.list_depth += 1
        elif tag in _BLOCKS:
            # A <p> inside an <li> (a "loose" list) belongs to the li.
            if tag == "p" and self.open and self.open[-1].kind == "li":
                return
            rule = Rule(kind=tag, depth=max(self.list_depth - 1, 0))
            self.rules.append(rule)  # in reading order: a list item comes before its sub-items
            self.open.append(rule)
        elif tag == "br" and self.open:
            # A line typed on its own line (the DENK NA lines) is a rule of its own.
            current = self.open.pop()
            rule = Rule(kind=current.kind, depth=current.depth)
            self.rules.append(rule)
            self.open.append(rule)
        elif tag in _INLINE:
            href = dict(attrs).get("href", "") if tag == "a" else ""
            self.marks.append((tag, href) if tag == "a" else (tag,))

    def handle_endtag(self, tag):
        if tag in ("ul", "ol"):
            self.list_depth -= 1
        elif tag in _BLOCKS:
            if tag == "p" and self.open and self.open[-1].kind == "li":
                return
            if self.open and self.open[-1].kind == tag:
                self.open.pop()
        elif tag in _INLINE and self.marks:
            self.marks.pop()

    def handle_data(self, data):
        self._text(data)

    def _text(self, data):
        if not self.open:
            if not data.strip():
                return
            # Text outside any block (rare): a paragraph of its own.
            rule = Rule(kind="p", depth=0)
            self.rules.append(rule)
            self.open.append(rule)
        target = self.open[-1]
        marks = tuple(self.marks)
        for piece in _TOKEN.findall(data):
            target.tokens.append(Token(" " if piece.isspace() else piece, marks))


def rules_of(markdown_text: str) -> list[Rule]:
    """The section's rendered text as rules, in reading order (empty rules dropped)."""
    parser = _RuleParser()
    parser.feed(str(render_markdown(markdown_text)))
    parser.close()
    for rule in parser.rules:
        # Leading and trailing whitespace of a block is layout, not text.
        while rule.tokens and rule.tokens[0].text.isspace():
            rule.tokens.pop(0)
        while rule.tokens and rule.tokens[-1].text.isspace():
            rule.tokens.pop()
    return [r for r in parser.rules if r.tokens]


def _wrap(text_html: str, marks: tuple) -> str:
    for mark in reversed(marks):
        tag = mark[0]
        if tag == "a":
            text_html = f'<a href="{escape(mark[1])}" rel="noopener noreferrer nofollow">{text_html}</a>'
        else:
            text_html = f"<{tag}>{text_html}</{tag}>"
    return text_html


def _render(tokens: list[Token], states: list[str | None]) -> SafeString:
    """Tokens as HTML; runs whose state is 'del' or 'ins' are wrapped in <del>/<ins> with a
    label a screen reader speaks ("verwijderd: ", "nieuw: ")."""
    out = []
    i = 0
    while i < len(tokens):
        state = states[i]
        j = i
        while j < len(tokens) and states[j] == state:
            j += 1
        run = []
        k = i
        while k < j:
            marks = tokens[k].marks
            m = k
            while m < j and tokens[m].marks == marks:
                m += 1
            run.append(_wrap(escape("".join(t.text for t in tokens[k:m])), marks))
            k = m
        content = "".join(run)
        if state == "del":
            content = f'<del><span class="visually-hidden">{escape(_("verwijderd"))}: </span>{content}</del>'
        elif state == "ins":
            content = f'<ins><span class="visually-hidden">{escape(_("nieuw"))}: </span>{content}</ins>'
        out.append(content)
        i = j
    return mark_safe("".join(out))  # noqa: S308 - text escaped, tags from a fixed list


@dataclass
class RuleDiff:
    status: str
    kind: str
    depth: int
    old_html: SafeString | None = None  # removed or changed: the old rule (changed words in <del>)
    new_html: SafeString | None = None  # added, changed or unchanged: the new rule (changed words in <ins>)

    @property
    def is_changed(self) -> bool:
        return self.status != UNCHANGED


def _changed_pair(old: Rule, new: Rule) -> RuleDiff:
    a, b = [t.key for t in old.tokens], [t.key for t in new.tokens]
    old_states: list[str | None] = [None] * len(a)
    new_states: list[str | None] = [None] * len(b)
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # A lone space that happens to match between two changes is part of the change: "mag ook"
    # replaced by "gaat bij" reads as one change, not as "mag" and "ook" apart.
    for n in range(1, len(opcodes) - 1):
        op, i1, i2, j1, j2 = opcodes[n]
        if (op == "equal" and all(t.text.isspace() for t in old.tokens[i1:i2])
                and opcodes[n - 1][0] != "equal" and opcodes[n + 1][0] != "equal"):
            opcodes[n] = ("replace", i1, i2, j1, j2)
    for op, i1, i2, j1, j2 in opcodes:
        if op in ("delete", "replace"):
            for i in range(i1, i2):
                old_states[i] = "del"
        if op in ("insert", "replace"):
            for j in range(j1, j2):
                new_states[j] = "ins"
    _spare_edge_spaces(old.tokens, old_states)
    _spare_edge_spaces(new.tokens, new_states)
    return RuleDiff(CHANGED, new.kind, new.depth, _render(old.tokens, old_states), _render(new.tokens, new_states))


def _spare_edge_spaces(tokens: list[Token], states: list[str | None]) -> None:
    """A marked run does not start or end with a space: the space stays plain text between a
    marked word and the next, so "de <del>la</del> <ins>bak</ins>" keeps its spaces visible."""
    for i, token in enumerate(tokens):
        if states[i] and token.text.isspace():
            before = states[i - 1] if i > 0 else None
            after = states[i + 1] if i + 1 < len(states) else None
            if before != states[i] or after != states[i]:
                states[i] = None


def _similarity(old: Rule, new: Rule) -> float:
    return difflib.SequenceMatcher(None, old.text.split(), new.text.split(), autojunk=False).ratio()


def compare_rules(old_text: str, new_text: str) -> list[RuleDiff]:
    """The rules of two section bodies, paired: unchanged, changed (reworded or reformatted),
    removed and added, in the new text's order (a removed rule where it stood)."""
    old_rules, new_rules = rules_of(old_text), rules_of(new_text)
    result: list[RuleDiff] = []
    matcher = difflib.SequenceMatcher(None, [r.key for r in old_rules], [r.key for r in new_rules], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += [RuleDiff(UNCHANGED, r.kind, r.depth, new_html=r.html()) for r in new_rules[j1:j2]]
            continue
        olds, news = old_rules[i1:i2], new_rules[j1:j2]
        # Pair each old rule with the most similar new rule after the last one paired.
        j = 0
        for old in olds:
            best, best_score = None, SIMILAR
            for k in range(j, len(news)):
                score = _similarity(old, news[k])
                if score >= best_score:
                    best, best_score = k, score
            if best is None:
                result.append(RuleDiff(REMOVED, old.kind, old.depth, old_html=old.html()))
                continue
            result += [RuleDiff(ADDED, n.kind, n.depth, new_html=n.html()) for n in news[j:best]]
            result.append(_changed_pair(old, news[best]))
            j = best + 1
        result += [RuleDiff(ADDED, n.kind, n.depth, new_html=n.html()) for n in news[j:]]
    return result


# --- sections


@dataclass
class SectionDiff:
    key: str
    status: str
    old: Section | None
    new: Section | None
    depth: int
    title_html: SafeString
    rules: list[RuleDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return (self.new or self.old).title

    @property
    def old_title(self) -> str:
        return self.old.title if self.old else ""

    @property
    def is_changed(self) -> bool:
        return self.status != UNCHANGED

    @property
    def changed_rules(self) -> list[RuleDiff]:
        return [r for r in self.rules if r.is_changed]

    @property
    def counts(self) -> dict:
        return {s: sum(1 for r in self.rules if r.status == s) for s in (ADDED, REMOVED, CHANGED)}


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
            result.append(SectionDiff(new.key, ADDED, None, new, new.depth, mark_safe(escape(new.title)),
                                      compare_rules("", new.body)))
            continue
        notes = []
        if old.title != new.title:
            notes.append("renamed")
        if (old_parent_key.get(old.parent_id) != new_parent_key.get(new.parent_id)
                or _sibling_rank(old, old_sections, new_keys) != _sibling_rank(new, new_sections, old_by_key)):
            notes.append("moved")
        if old.style != new.style:
            notes.append("style")
        rules = compare_rules(old.body, new.body)
        changed = any(r.is_changed for r in rules) or notes
        result.append(SectionDiff(new.key, CHANGED if changed else UNCHANGED, old, new, new.depth,
                                  word_diff(old.title, new.title) if old.title != new.title else mark_safe(escape(new.title)),
                                  rules, notes))

    # Removed sections: insert each after the nearest earlier old section still present.
    for old in old_sections:
        if old.key in new_keys:
            continue
        removed = SectionDiff(old.key, REMOVED, old, None, old.depth, mark_safe(escape(old.title)),
                              compare_rules(old.body, ""))
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
