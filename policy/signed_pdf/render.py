"""The protocol as a PDF: one version rendered by WeasyPrint from templates/policy/pdf/.

A4, a cover with the metadata table, a table of contents with page numbers, a running header and
"pagina X van Y" footer, the sections as the version structures them. Tagged PDF/UA-1 (structure
tree, headings, language and title, so a screen reader can read it) with the fonts shipped in
static/fonts/ embedded, so the document looks the same on every machine.

Two kinds of signed copy exist: the approval record (made when the board approved) and the
document in force (made at publication, with "geldig vanaf", "te herzien" and status
"gepubliceerd"). The visible signature block is laid out by WeasyPrint in the document's own
font; pyHanko's signature field sits over it without drawing anything of its own.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from julianaschool import pdf
from julianaschool.links import absolute_reverse

from ..models import ProtocolVersion
from ..rendering import build_tree, render_markdown
from .sign import REASON, REASON_PUBLICATION, SIGNER_ROLE, Box

SIGNATURE_ANCHOR = "handtekening"
# The visible signature's size; the template reserves exactly this space (see protocol.css).
SIGNATURE_WIDTH_MM = 95
SIGNATURE_HEIGHT_MM = 32
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (96 per inch); PDF counts points (72 per inch)


@dataclass
class RenderedPdf:
    data: bytes
    # Where the signature block was laid out (None in a concept, which is never signed).
    signature_page: int | None = None
    signature_box: Box | None = None


def _approval_step(version: ProtocolVersion):
    return version.steps.filter(to_status="goedgekeurd").order_by("-at", "-pk").first()


def _context(version: ProtocolVersion, *, draft: bool, publication: bool = False) -> dict:
    sections = build_tree(list(version.sections.all()))

    def attach(nodes, depth, prefix):
        for index, node in enumerate(nodes, start=1):
            node.depth = depth
            node.numbering = f"{prefix}{index}"
            node.html = render_markdown(node.body)
            attach(node.child_list, depth + 1, f"{node.numbering}.")

    attach(sections, 0, "")
    approval = _approval_step(version)
    return {
        "version": version,
        "publication": publication,
        "approved_by": approval.actor_name if approval and approval.actor_name != "systeem" else version.chair_name,
        "approved_at": timezone.localtime(approval.at) if approval else None,
        "signer_name": version.chair_name,
        "signer_role": SIGNER_ROLE,
        "signing_reason": REASON_PUBLICATION if publication else REASON,
        "sections": sections,
        "draft": draft,
        "school_name": settings.SCHOOL_NAME,
        "foundation": settings.SCHOOL_FOUNDATION,
        "created": timezone.localtime(),
        "verify_url": absolute_reverse("signing:verify"),
        "signature_anchor": SIGNATURE_ANCHOR,
        "signature_width_mm": SIGNATURE_WIDTH_MM,
        "signature_height_mm": SIGNATURE_HEIGHT_MM,
    }


def render_version(version: ProtocolVersion, *, draft: bool = False, publication: bool = False) -> RenderedPdf:
    """The version as tagged PDF bytes. `draft` marks every page "CONCEPT" and leaves no place
    for a signature; otherwise the last page holds the board's signature block, and its
    position is returned for the signer. `publication` renders the document in force (status
    "gepubliceerd", "geldig vanaf"); without it, the approval record."""
    with translation.override("nl"):
        context = _context(version, draft=draft, publication=publication)
        html = render_to_string("policy/pdf/protocol.html", context)
        css = render_to_string("policy/pdf/protocol.css", context)
    variant = pdf.best_tagged_variant()
    document = pdf.layout(html, css=css, pdf_variant=variant)
    result = RenderedPdf(data=b"")
    if not draft:
        for index, page in enumerate(document.pages):
            if SIGNATURE_ANCHOR in page.anchors:
                x1, y1, x2, y2 = page.anchors[SIGNATURE_ANCHOR]
                page_height_pt = page.height * PX_TO_PT
                result.signature_page = index
                # CSS pixels from the top left to PDF points from the bottom left.
                result.signature_box = Box(
                    left=x1 * PX_TO_PT,
                    top=page_height_pt - y1 * PX_TO_PT,
                    right=x2 * PX_TO_PT,
                    bottom=page_height_pt - y2 * PX_TO_PT,
                )
        if result.signature_box is None:
            raise RuntimeError("De PDF heeft geen plaats voor de handtekening")
    result.data = document.write_pdf(pdf_variant=variant)
    return result


def filename(version: ProtocolVersion, *, signed: bool, approval_record: bool = False) -> str:
    kind = ("goedkeuring" if approval_record else "ondertekend") if signed else "concept"
    period = f"-{version.period}" if version.period else ""
    return f"protocol-sociale-media{period}-versie-{version.number}-{kind}.pdf"
