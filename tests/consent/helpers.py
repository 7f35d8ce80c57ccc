"""Helpers for the consent tests: the seeded purposes again after a transactional test, a PDF to
upload, and small functions to answer and to read the current state."""

import importlib

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from consent import services, state
from consent.models import Purpose

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_purposes() -> None:
    """The data migration's purposes, again, after a transactional test emptied the database."""
    if not Purpose.objects.exists():
        importlib.import_module("consent.migrations.0003_seed_purposes").seed(apps, None)
        importlib.import_module("consent.migrations.0006_consent_in_two_languages").add_texts(apps, None)


def pdf_upload(name: str = "formulier.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def current(pupil, purpose) -> state.Answer:
    return state.answer(state.pupil_answers([pupil.pk], [purpose]), pupil.pk, purpose.pk)


def answer_as(user, pupil, **choices):
    """Save a parent's choices by slug: answer_as(world.ouder5, world.pupil5, website=False)."""
    by_slug = {p.slug: p for p in Purpose.objects.all()}
    return services.record_guardian_choices(
        guardian=user.guardian, pupil=pupil, actor=user,
        choices={by_slug[slug.replace("_", "-")].pk: given for slug, given in choices.items()},
    )


def seen(data: dict) -> dict:
    """Form data as the page posts it: with each answer, the version of the text the page showed."""
    versions = dict(Purpose.objects.values_list("pk", "current_version__number"))
    shown = {f"versie_{key[5:]}": versions[int(key[5:])] for key in data if key.startswith("doel_")}
    return {**data, **shown}
