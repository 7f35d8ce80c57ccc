"""Writes of the signed PDF: making and storing a version's signed copy once, recording exports.

Called by the download view and by `manage.py export_protocol_pdf` alike, so a file a board
member downloads and the one cron archives are the same bytes.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from julianaschool import audit

from . import pdf, signing
from .models import ProtocolVersion, SignedCopy, VersionStatus

# Only what the board approved carries the board's signature.
SIGNABLE = {VersionStatus.GOEDGEKEURD, VersionStatus.GEPUBLICEERD}


class NotSignable(Exception):
    """The version was not approved by the board (a draft, or adopted but not yet approved)."""


@transaction.atomic
def signed_copy(*, version: ProtocolVersion, actor) -> SignedCopy:
    """The version's signed PDF: rendered, signed and stored the first time, the stored copy
    (byte for byte) every time after. Raises NotSignable for a version the board has not
    approved, and signing.SigningNotConfigured when the board's certificate is missing.

    A superseded version keeps the copy it got while it was approved or in force.
    """
    # The lock makes two simultaneous first downloads produce one copy, not two.
    locked = ProtocolVersion.objects.select_for_update().get(pk=version.pk)
    existing = SignedCopy.objects.filter(version=locked).first()
    if existing is not None:
        return existing
    if locked.status not in SIGNABLE:
        raise NotSignable(locked.get_status_display())
    key = signing.board_key()
    rendered = pdf.render_version(locked)
    data = signing.sign_pdf(
        rendered.data,
        signer_name=locked.chair_name,
        box=rendered.signature_box,
        page=rendered.signature_page,
        key=key,
    )
    digest = hashlib.sha256(data).hexdigest()
    copy = SignedCopy(
        version=locked,
        sha256=digest,
        size=len(data),
        signer_name=locked.chair_name,
        certificate_subject=key.subject[:500],
        certificate_sha256=key.fingerprint,
        signed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    copy.file.save(pdf.filename(locked, signed=True), ContentFile(data), save=False)
    # A failed save must not leave an orphan file behind that nothing points at.
    try:
        copy.save()
        audit.record(
            actor=actor,
            action="policy.pdf_signed",
            obj=locked,
            changes={"sha256": digest, "certificaat": key.subject, "bestand": copy.file.name},
        )
    except Exception:
        copy.file.storage.delete(copy.file.name)
        raise
    return copy


@transaction.atomic
def export_signed_copy(*, version: ProtocolVersion, actor, channel: str = "download") -> SignedCopy:
    """The version's signed copy (see `signed_copy`), with the export written to the audit
    trail: who, when, and the SHA-256 of exactly the bytes handed out."""
    copy = signed_copy(version=version, actor=actor)
    audit.record(
        actor=actor,
        action="policy.pdf_exported",
        obj=copy.version,
        changes={"sha256": copy.sha256, "via": channel, "versie": copy.version.number},
    )
    return copy
