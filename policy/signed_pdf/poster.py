"""The classroom poster: "Onze internetregels" and "Voor je iets plaatst: DENK NA", from the
version in force, as a printable A4 or A3 PDF in the protocol's own style (fonts and colours of
the signed PDF). Rendered on request from the version's text, so it changes by itself the day a
version with other rules comes into force.

The rules are those of the section for pupils ("specifiek-voor-leerlingen"); the mnemonic is the
section set apart as "ezelsbruggetje" (DENK NA). Sections are found by their stable key, and by
their style or title when a later version renamed them.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from julianaschool import pdf

from ..models import ProtocolVersion, Section
from ..rendering import render_markdown

SIZES = {"a4": "A4", "a3": "A3"}
RULES_KEY = "specifiek-voor-leerlingen"
MNEMONIC_KEY = "denk-na"


def _find(sections: list[Section], key: str, test) -> Section | None:
    by_key = next((s for s in sections if s.key == key), None)
    return by_key or next((s for s in sections if test(s)), None)


def poster_sections(version: ProtocolVersion) -> tuple[Section | None, Section | None]:
    """(the pupils' rules, the DENK NA mnemonic) of `version`; either may be None."""
    sections = list(version.sections.all())
    rules = _find(sections, RULES_KEY, lambda s: "leerling" in s.title.lower())
    mnemonic = _find(sections, MNEMONIC_KEY, lambda s: s.style == Section.Style.MNEMONIC)
    return rules, mnemonic


def render_poster(version: ProtocolVersion, *, size: str) -> bytes:
    """The poster as tagged PDF bytes, A4 or A3 (`size` is a key of SIZES)."""
    rules, mnemonic = poster_sections(version)
    with translation.override("nl"):
        context = {
            "version": version, "page_size": SIZES[size], "font_size": "17pt" if size == "a3" else "12pt",
            "school_name": settings.SCHOOL_NAME,
            "rules_html": render_markdown(rules.body) if rules else "",
            "mnemonic_title": mnemonic.title if mnemonic else "",
            "mnemonic_html": render_markdown(mnemonic.body) if mnemonic else "",
        }
        html = render_to_string("policy/pdf/poster.html", context)
        css = render_to_string("policy/pdf/poster.css", context)
    return pdf.render(html, css=css, pdf_variant=pdf.best_tagged_variant())


def filename(version: ProtocolVersion, size: str) -> str:
    return f"poster-internetregels-versie-{version.number}-{size}.pdf"
