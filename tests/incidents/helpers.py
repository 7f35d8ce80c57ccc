"""Helpers for the incidents tests: real image and PDF bytes to upload, and an incident reported
through the service."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from incidents import services
from incidents.models import Category, PartyRole, Place, Platform


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def screenshot(name: str = "schermafbeelding.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def pdf_upload(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def report(world, *, reporter=None, category: str = "Pesten", severity: str | None = None, parties=None,
           attachments=None, occurred_at=None, place=Place.ONLINE, platform=Platform.CLASS_CHAT, description=None):
    """An incident reported through the service, by leerkracht5 unless told otherwise."""
    category = Category.objects.get(name=category)
    return services.report_incident(
        reporter=reporter or world.leerkracht5,
        occurred_at=occurred_at or timezone.now() - datetime.timedelta(hours=1),
        place=place, platform=platform if place == Place.ONLINE else "", category=category,
        severity=severity or category.default_severity,
        description=description or "Sanne stuurde gemene berichten over Daan in de klassenchat.",
        parties=parties if parties is not None else [
            {"role": PartyRole.PERPETRATOR, "pupil": world.pupil5},
            {"role": PartyRole.VICTIM, "pupil": world.pupil5b},
        ],
        attachments=attachments,
    )
