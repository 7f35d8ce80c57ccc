"""PDF downloads (class sheet, receipt) rendered by WeasyPrint from the same templates' CSS."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render(template: str, context: dict, request=None) -> bytes:
    from weasyprint import CSS, HTML  # imported late: loading it costs ~0.3 s

    html = render_to_string(template, context, request=request)
    stylesheets = [CSS(filename=finders.find("css/consent_pdf.css"))]
    return HTML(string=html, base_url=None).write_pdf(stylesheets=stylesheets)
