"""Section text is Markdown written in the browser: no script, style, event handler or
javascript: URL may reach a reader, on the page or in the preview."""

import pytest
from django.urls import reverse

from policy import services
from policy.rendering import render_markdown

from .helpers import draft

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0">overlay</p>',
    "<svg onload=alert(1)><circle r=1 /></svg>",
    '<iframe src="https://evil.example/"></iframe>',
    '<div onmouseover="alert(1)">hover</div>',
    "- lijst <b onclick=alert(1)>vet</b>",
    '<object data="evil.swf"></object><embed src="evil.swf">',
    "<form action=https://evil.example><input name=x></form>",
    '<a href="vbscript:msgbox(1)">klik</a>',
]
FORBIDDEN = ["<script", "alert(", "onerror", "onload", "onclick", "onmouseover", "javascript:", "data:text",
             "vbscript:", "<style", "style=", "<svg", "<iframe", "<object", "<embed", "<form", "<input"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendering_removes_every_xss_payload(payload):
    html = render_markdown(f"Tekst ervoor.\n\n{payload}\n\nTekst erna.").lower()
    for bad in FORBIDDEN:
        assert bad not in html, (payload, bad, html)
    assert "tekst ervoor." in html and "tekst erna." in html


def test_safe_markdown_keeps_lists_bold_and_links():
    html = render_markdown("- een **vet** woord\n    - genest\n- [site](https://www.julianaschool.be)")
    assert "<ul>" in html and html.count("<ul>") == 2 and "<strong>vet</strong>" in html
    assert 'href="https://www.julianaschool.be"' in html


def test_a_draft_with_payloads_is_harmless_on_the_page_and_in_the_preview(world, client_for):
    version = draft(world)
    section = version.sections.get(key="schoolwebsite")
    body = "\n\n".join(PAYLOADS)
    services.update_section(actor=world.directie, section=section, title="Schoolwebsite", body=body)
    page = client_for(world.leerkracht5).get(reverse("policy:version", args=[version.pk])).content.decode().lower()
    preview = client_for(world.directie).post(
        reverse("policy:section_edit", args=[section.pk]),
        {"title": "Schoolwebsite", "body": body, "style": "normaal", "preview": "1"}).content.decode().lower()
    for html in (page, preview):
        article = html.split('class="policy-body"', 1)[-1] if "policy-body" in html else html.split("policy-preview", 1)[1]
        for bad in ["<script>alert", "onerror=", "onload=", "onclick=", 'href="javascript:', "<iframe", "<svg"]:
            assert bad not in article, bad
