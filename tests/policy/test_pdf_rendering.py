"""The protocol as a PDF: its text, structure, metadata, fonts; and the concept preview."""

import io
import re

import pypdf
import pytest
from django.template.loader import render_to_string

from policy import services
from policy.models import ProtocolVersion, Section
from policy.protocol_2022_2024 import SECTIONS
from policy.signed_pdf import render as pdf

pytest_plugins = ["tests.policy.pdf_fixtures"]


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(data).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _titles(sections):
    for section in sections:
        yield section["title"]
        yield from _titles(section.get("children", []))


@pytest.fixture
def v1(db):
    return ProtocolVersion.objects.get(major=1, minor=0)


def test_signed_pdf_text_holds_every_section_title_and_the_cover_metadata(signed_v1):
    text = _flat(_text(signed_v1))
    for title in _titles(SECTIONS):
        assert _flat(title) in text
    for fact in [
        "Basisschool Prinses Juliana", "Protocol sociale media en internetgebruik", "2022-2024",
        "Vastgesteld door directie juni 2022", "Goedgekeurd door bestuur september 2022",
        "Beleid te herzien juni 2024", "Voorzitter van het bestuur Margreet Lommerts",
    ]:
        assert fact in text


def test_pdf_text_holds_the_sections_words_and_the_denk_na_lines(signed_v1):
    text = _flat(_text(signed_v1))
    assert "Basisschool Prinses Juliana onderkent het belang van sociale media." in text
    for line in ["D = Doet het er toe?", "K = Klopt het?", "A = Is het Aardig?"]:
        assert line in text


def test_table_of_contents_gives_each_section_its_page_number(signed_v1):
    reader = _reader(signed_v1)
    toc = reader.pages[1].extract_text()
    assert "Inhoud" in toc
    # "8  Voor je iets plaatst op: ....... 8": the number after the leader is the page it is on.
    match = re.search(r"Sancties en gevolgen\s*\.{3,}\s*(\d+)", toc)
    assert match
    page = int(match.group(1))
    assert "Sancties en gevolgen" in reader.pages[page - 1].extract_text()


def test_every_page_after_the_cover_has_the_running_header_and_every_page_the_footer(signed_v1):
    pages = _reader(signed_v1).pages
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"pagina {number} van {total}" in text
        if number > 1:
            assert "Protocol sociale media en internetgebruik 2022-2024 · versie 1.0" in text


def test_lists_are_rendered_as_lists_with_a_marker_per_bullet(v1):
    html = render_to_string("policy/pdf/protocol.html", pdf._context(v1, draft=False))
    main = html[html.index("<main"):html.index("</main>")]
    bullets = sum(len(re.findall(r"^\s*- ", s.body, re.MULTILINE)) for s in Section.objects.filter(version=v1))
    assert main.count("<li>") == bullets
    assert main.count("<ul>") >= 5
    assert "\u2022" in _text(pdf.render_version(v1).data)


def test_denk_na_is_set_apart_in_its_own_block(v1):
    html = render_to_string("policy/pdf/protocol.html", pdf._context(v1, draft=False))
    block = re.search(r'<section class="section depth-0 mnemonic" id="s-([\w-]+)">\s*<h2>.*?</h2>', html, re.DOTALL)
    assert block and "Voor je iets plaatst op:" in block.group(0)


def test_pdf_metadata_names_title_school_language_and_creation_date(signed_v1):
    reader = _reader(signed_v1)
    info = reader.metadata
    assert info.title == "Protocol sociale media en internetgebruik 2022-2024"
    assert info.author == "Basisschool Prinses Juliana"
    assert info.creation_date is not None
    assert reader.trailer["/Root"]["/Lang"] == "nl"


@pytest.mark.parametrize("signed", [False, True], ids=["rendered", "signed"])
def test_pdf_is_tagged_with_a_structure_tree_in_the_documents_order(v1, signed_v1, signed):
    reader = _reader(signed_v1 if signed else pdf.render_version(v1).data)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    tree = root["/StructTreeRoot"].get_object()
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp  # WeasyPrint's PDF/UA variant
    # The structure tree holds the headings, in the order the document has them.
    headings = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "get"):
            if node.get("/S") in ("/H1", "/H2", "/H3"):
                headings.append(_heading_text(node))
            kids = node.get("/K")
            if kids is None:
                return
            for kid in kids if isinstance(kids, list) else [kids]:
                if hasattr(kid, "get_object"):
                    walk(kid)
                elif isinstance(kid, dict):
                    walk(kid)

    walk(tree)
    assert len(headings) >= 10
    text = _flat(_text(signed_v1))
    titles = [t for t in _titles(SECTIONS)]
    # The text order is the document's: every section title comes after the one before it.
    positions = [text.index(_flat(t), text.index("Inhoud") + 1) for t in titles[:5]]
    assert positions == sorted(positions)


def _heading_text(node) -> str:
    return str(node.get("/S"))


def test_every_font_the_text_uses_is_embedded(v1):
    reader = _reader(pdf.render_version(v1).data)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values())
    assert all("Source-Sans-3" in name for name in fonts)


def test_concept_pdf_says_concept_on_every_page_and_carries_no_signature(world):
    draft = services.start_draft(actor=world.directie)
    data = pdf.render_version(draft, draft=True).data
    pages = _reader(data).pages
    assert len(pages) > 2
    for page in pages:
        assert "CONCEPT" in page.extract_text()
    assert b"/ByteRange" not in data
    assert b"/Sig" not in data

