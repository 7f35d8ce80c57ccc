"""The 2022-2024 protocol loaded by the data migration is the school's document, word for word.

The reference is a copy of the school's text (protocol_2022_2024.txt next to this file). It is
parsed here independently of the project's structured copy, line by line: every paragraph and
bullet of the source must be in the right section, in the same order, and nothing else may be.
"""

import datetime
import re
from pathlib import Path

import pytest

from policy.models import ProtocolVersion, Section, VersionStatus
from policy.rendering import render_markdown, section_tree

SOURCE = Path(__file__).with_name("protocol_2022_2024.txt")

TOP_TITLES = [
    "Inleiding",
    "Samenvatting van het protocol",
    "Doelgroep en reikwijdte",
    "Regels gebruik sociale media, internet- en e-mailgebruik, voor medewerkers, leerlingen, ouders en alle "
    "andere betrokkenen bij de Julianaschool",
    "Sancties en gevolgen",
    "Schoolwebsite",
    "Het gebruik van eigen telefoons op school",
    "Voor je iets plaatst op:",
]
SUB_TITLES = [
    "Voor alle gebruikers (medewerkers, leerlingen en ouders/verzorgers)",
    "Communicatie tussen de school en ouders, en ouders onderling",
    "Specifiek voor medewerk(st)ers tijdens werksituaties",
    "Specifiek voor leerlingen tijdens schoolsituaties",
    "Gebruik van internet en e-mail op school",
]
FOOTER = ["Stichting", "Sint Josephscholen", "Nijmegen"]


def parse_source() -> dict[str, list[tuple[str, bool]]]:
    """{section title: [(text, indented in the source), ...]} for the body of the document."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    start = lines.index("Inleiding")
    end = len(lines) - lines[::-1].index(FOOTER[0]) - 1
    assert [line for line in lines[end:] if line.strip()] == FOOTER
    items: dict[str, list] = {}
    current = None
    for raw in lines[start:end]:
        if not raw.strip():
            continue
        if raw in TOP_TITLES:
            current = raw
            items[current] = []
            continue
        bold_title = re.fullmatch(r"- \*\*(.+)\*\*", raw)
        if bold_title:
            current = bold_title.group(1)
            items[current] = []
            continue
        indented = raw.startswith(" ")
        text = raw.strip().removeprefix("- ")
        # A page break split one bullet in two: "... aan school gerelateerde" / "situaties, ...".
        if items[current] and items[current][-1][0].endswith("gerelateerde") and text.startswith("situaties,"):
            previous, was_indented = items[current].pop()
            text = f"{previous} {text}"
            indented = was_indented
        items[current].append((text, indented))
    return items


def body_items(section: Section) -> list[str]:
    """A seeded body as lines of text, without the Markdown list markers."""
    return [re.sub(r"^\s*- ", "", line) for line in section.body.split("\n") if line.strip()]


@pytest.fixture
def seeded(db) -> ProtocolVersion:
    return ProtocolVersion.objects.get(major=1, minor=0)


def test_the_seeded_version_is_the_2022_2024_protocol_in_force_with_its_real_dates(seeded):
    assert seeded.number == "1.0"
    assert seeded.title == "Protocol sociale media en internetgebruik"
    assert seeded.period == "2022-2024"
    assert seeded.status == VersionStatus.PUBLISHED
    assert seeded.kind == "inhoudelijk"
    assert seeded.adopted_on == datetime.date(2022, 6, 1)
    # The cover's "September 022" is a misprint for 2022.
    assert seeded.approved_on == datetime.date(2022, 9, 1)
    assert seeded.review_on == datetime.date(2024, 6, 1)
    assert seeded.effective_from == datetime.date(2022, 9, 1)
    assert seeded.chair_name == "Margreet Lommerts"
    assert ProtocolVersion.objects.in_force() == seeded


def test_the_seeded_version_has_the_documents_sections_and_sub_sections_in_order(seeded):
    tree = section_tree(seeded)
    assert [s.title for s in tree] == TOP_TITLES
    rules = tree[3]
    assert [s.title for s in rules.child_list] == SUB_TITLES
    assert all(not s.child_list for s in tree if s is not rules)
    assert tree[-1].style == Section.Style.MNEMONIC


def test_every_paragraph_and_bullet_of_the_source_is_in_its_section_word_for_word_and_nothing_else(seeded):
    source = parse_source()
    assert len(source) == len(TOP_TITLES) + len(SUB_TITLES)
    seeded_sections = {s.title: s for s in seeded.sections.all()}
    assert set(seeded_sections) == set(source)
    total = 0
    for title, expected in source.items():
        assert body_items(seeded_sections[title]) == [text for text, _indented in expected], title
        total += len(expected)
    # The source has 89 paragraphs, bullets and DENK NA lines once the split bullet is joined.
    assert total == sum(len(body_items(s)) for s in seeded_sections.values())
    assert total == 89


def test_the_bullet_split_by_a_page_break_is_one_bullet(seeded):
    section = seeded.sections.get(key="voor-alle-gebruikers")
    html = render_markdown(section.body)
    assert (
        "<li>De school vraagt aantoonbaar schriftelijke toestemming aan medewerkers en ouders om foto-, film- en "
        "geluidsopnamen van aan school gerelateerde situaties, waarop zij zijn afgebeeld, op de school- en/of "
        "persoonlijke sociale media te zetten.</li>"
    ) in html


def test_bullets_that_lost_their_indentation_after_a_page_break_stay_in_their_sub_section(seeded):
    assert "Typ geen woorden in die je toch niet op wilt zoeken." in seeded.sections.get(key="specifiek-voor-leerlingen").body
    internet = seeded.sections.get(key="internet-en-e-mail-op-school").body
    assert "Intern en extern met ouders kan er ook worden gecommuniceerd via Parro." in internet
    assert "Leerkrachten en directie proberen het mailen" in internet
    assert "In dit kader is het ouders niet toegestaan" in seeded.sections.get(key="voor-alle-gebruikers").body


def test_the_nested_bullets_of_the_summary_stay_nested(seeded):
    summary = seeded.sections.get(key="samenvatting")
    nested = [text for text, indented in parse_source()["Samenvatting van het protocol"] if indented]
    assert len(nested) == 4
    html = render_markdown(summary.body)
    outer, inner = html.split("<ul>", 2)[1], html.split("<ul>", 2)[2]
    assert outer.strip().startswith("<li>Basisschool Prinses Juliana onderkent het belang van sociale media.")
    assert [re.sub(r"<.*?>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", inner)] == nested


def test_the_denk_na_mnemonic_keeps_its_bold_letters_and_its_lines(seeded):
    html = render_markdown(seeded.sections.get(key="denk-na").body)
    for letter, rest in [("D", "oet het er toe?"), ("E", "erlijk?"), ("N", "odig?"), ("K", "lopt het?"),
                         ("N", "etjes?"), ("A", "ardig?")]:
        assert f"<strong>{letter}</strong>{rest}" in html
    assert html.count("<br>") == 4


def test_the_seeded_history_shows_adoption_approval_and_publication(seeded):
    steps = list(seeded.steps.all())
    assert [(s.from_status, s.to_status) for s in steps] == [
        ("concept", "vastgesteld"), ("vastgesteld", "goedgekeurd"), ("goedgekeurd", "gepubliceerd"),
    ]
    assert steps[0].at.date() == datetime.date(2022, 6, 1)
    assert steps[1].at.date() == datetime.date(2022, 9, 1)
    assert "Margreet Lommerts" in steps[1].actor_name
