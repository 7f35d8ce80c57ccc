"""The portal's one WeasyPrint wrapper: HTML and CSS strings in, a PDF out.

Every PDF the portal makes (the signed protocol and its poster, consent receipts and class
sheets, decision letters) is laid out here, with the same guard: WeasyPrint may load the font
files shipped in static/fonts/source-sans-3/ and nothing else, so text in a document (a section body, a
pupil's name, a note) can never make it read another file or reach the network.

WeasyPrint is imported on first use: loading it and Pango costs about 0.3 s, which the pages
that make no PDF should not pay when a process starts.
"""

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders


def fonts_dir() -> Path:
    """static/fonts/source-sans-3/, the PDFs' fonts (the only files a PDF may load)."""
    found = finders.find("fonts/source-sans-3/OFL.txt")
    if not found:
        raise RuntimeError("static/fonts/source-sans-3 ontbreekt")
    return Path(found).parent


def static_css(path: str) -> str:
    """A stylesheet from static/ as a string, for `render`'s `css`."""
    return Path(finders.find(path)).read_text(encoding="utf-8")


@cache
def _fetcher_class():
    import weasyprint

    class FontsOnlyFetcher(weasyprint.URLFetcher):
        def __init__(self, fonts: Path):
            super().__init__(allowed_protocols={"file"})
            self._allowed = fonts.resolve().as_uri() + "/"

        def fetch(self, url, headers=None):
            if not url.startswith(self._allowed) or ".." in url:
                raise ValueError(f"Niet toegestaan in de PDF: {url}")
            return super().fetch(url, headers)

    return FontsOnlyFetcher


def layout(html: str, *, css: str = "", pdf_variant: str | None = None):
    """The laid-out weasyprint Document (pages, anchors), for a caller that needs positions, such
    as the signed PDF's signature box. Relative URLs in the CSS are files of static/fonts/source-sans-3/."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = fonts_dir()
    base_url = fonts.resolve().as_uri() + "/"
    fetcher = _fetcher_class()(fonts)
    font_config = FontConfiguration()
    stylesheets = [weasyprint.CSS(string=css, base_url=base_url, font_config=font_config, url_fetcher=fetcher)] if css else []
    return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=stylesheets, font_config=font_config, pdf_variant=pdf_variant)


def render(html: str, *, css: str = "", pdf_variant: str | None = None) -> bytes:
    """The PDF bytes of `html` styled with `css`."""
    return layout(html, css=css, pdf_variant=pdf_variant).write_pdf(pdf_variant=pdf_variant)


def best_tagged_variant() -> str:
    """WeasyPrint's best tagged PDF variant (PDF/UA-1 writes the structure tree a screen reader needs)."""
    import weasyprint

    return next((v for v in ("pdf/ua-1", "pdf/a-3a", "pdf/a-2a") if v in weasyprint.pdf.VARIANTS), "pdf/a-3b")
