"""Writes of the signed PDF: making and storing a version's signed copy once, recording exports.

Called by the download view and by `manage.py export_protocol_pdf` alike, so a file a board
member downloads and the one cron archives are the same bytes.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from julianaschool import audit

from ..access import SIGNABLE
from ..audit_actions import Action
from ..models import ProtocolVersion, SignedCopy, VersionStatus
from . import render as pdf
from . import sign as signing

# Only what the board approved carries the board's signature.


class NotSignable(Exception):
    """The version was not approved by the board (a draft, or adopted but not yet approved)."""


PUBLISHED = {VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED}


def default_kind(version: ProtocolVersion) -> str:
    """A published version's copy is the document in force; before that, the approval record."""
    return SignedCopy.Kind.PUBLICATION if version.status in PUBLISHED else SignedCopy.Kind.APPROVAL


@transaction.atomic
def signed_copy(*, version: ProtocolVersion, actor, kind: str | None = None) -> SignedCopy:
    """The version's signed PDF of `kind` (by default: the document in force once published, the
    approval record before): rendered, signed and stored the first time, the stored copy (byte
    for byte) every time after. Raises NotSignable for a version the board has not approved (or,
    for the publication copy, not published), and signing.SigningNotConfigured when the board's
    certificate is missing.

    A superseded version keeps the copies it got while it was approved or in force.
    """
    # The lock makes two simultaneous first downloads produce one copy, not two.
    locked = ProtocolVersion.objects.select_for_update().get(pk=version.pk)
    kind = kind or default_kind(locked)
    existing = SignedCopy.objects.filter(version=locked, kind=kind).first()
    if existing is not None:
        return existing
    if locked.status not in SIGNABLE and not (kind == SignedCopy.Kind.APPROVAL and locked.status in PUBLISHED):
        raise NotSignable(locked.get_status_display())
    if kind == SignedCopy.Kind.PUBLICATION and locked.status not in PUBLISHED:
        raise NotSignable(locked.get_status_display())
    if kind == SignedCopy.Kind.APPROVAL and locked.status in PUBLISHED:
        # The approval record is what the board signed; one made after publication is not that.
        raise NotSignable(locked.get_status_display())
    publication = kind == SignedCopy.Kind.PUBLICATION
    key = signing.board_key()
    rendered = pdf.render_version(locked, publication=publication)
    data = signing.sign_pdf(
        rendered.data,
        signer_name=locked.chair_name,
        box=rendered.signature_box,
        page=rendered.signature_page,
        key=key,
        reason=signing.REASON_PUBLICATION if publication else signing.REASON,
    )
    digest = hashlib.sha256(data).hexdigest()
    copy = SignedCopy(
        version=locked,
        kind=kind,
        sha256=digest,
        size=len(data),
        signer_name=locked.chair_name,
        certificate_subject=key.subject[:500],
        certificate_sha256=key.fingerprint,
        signed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    copy.file.save(pdf.filename(locked, signed=True, approval_record=not publication), ContentFile(data), save=False)
    # A failed save must not leave an orphan file behind that nothing points at.
    try:
        copy.save()
        audit.record(
            actor=actor,
            action=Action.PDF_SIGNED,
            obj=locked,
            changes={"sha256": digest, "certificaat": key.subject, "bestand": copy.file.name, "soort": kind},
        )
    except Exception:
        copy.file.storage.delete(copy.file.name)
        raise
    return copy


@transaction.atomic
def export_signed_copy(*, version: ProtocolVersion, actor, channel: str = "download",
                       kind: str | None = None) -> SignedCopy:
    """The version's signed copy (see `signed_copy`), with the export written to the audit
    trail: who (or a visitor), when, and the SHA-256 of exactly the bytes handed out."""
    copy = signed_copy(version=version, actor=actor, kind=kind)
    audit.record(
        actor=actor,
        action=Action.PDF_EXPORTED,
        obj=copy.version,
        changes={"sha256": copy.sha256, "via": channel, "versie": copy.version.number},
    )
    return copy
