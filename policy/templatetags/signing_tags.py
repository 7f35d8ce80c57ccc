"""`{% load signing_tags %}`: Django looks for tag libraries only in an app's templatetags package,
so this is where the signed PDF's tags (policy/signed_pdf/tags.py) are found."""

from ..signed_pdf.tags import register  # noqa: F401
