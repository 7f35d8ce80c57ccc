"""PDF downloads (class sheet, receipt, the AVG export) from their templates, with the same
stylesheet as the pages, through the portal's one WeasyPrint wrapper."""

from django.template.loader import render_to_string

from julianaschool import pdf


def render(template: str, context: dict, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return pdf.render(html, css=pdf.static_css("css/consent_pdf.css"))
