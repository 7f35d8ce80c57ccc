"""The one WeasyPrint wrapper: a PDF embeds the shipped fonts and loads nothing else, whatever the
text in it asks for (a picture from disk, a stylesheet from the network)."""

import io

import pypdf

from julianaschool import pdf

FONT_CSS = '@font-face { font-family: "Shipped"; src: url("source-sans-3-latin-400-normal.ttf"); } body { font-family: "Shipped"; }'


def _fonts_and_images(data: bytes) -> tuple[set[str], int]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts, images = set(), 0
    for page in reader.pages:
        resources = page["/Resources"]
        fonts |= {str(font.get_object()["/BaseFont"]) for font in resources.get("/Font", {}).values()}
        images += len(page.images)
    return fonts, images


def test_a_pdf_embeds_the_shipped_font_its_stylesheet_names():
    fonts, _images = _fonts_and_images(pdf.render("<p>Hallo</p>", css=FONT_CSS))
    assert any(name.endswith("+Shipped") for name in fonts)


def test_a_picture_on_disk_that_a_text_names_is_not_loaded_into_the_pdf(tmp_path):
    # A real PNG beside the project: WeasyPrint would embed it if the wrapper let it.
    picture = tmp_path / "geheim.png"
    picture.write_bytes(_png())
    html = f'<p>Hallo</p><img src="{picture.as_uri()}"><img src="../../../{picture}">'
    fonts, images = _fonts_and_images(pdf.render(html, css=FONT_CSS + ' @import url("http://127.0.0.1:9/x.css");'))
    assert images == 0
    assert any(name.endswith("+Shipped") for name in fonts)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00\xff\x00\x00"  # one red pixel
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
