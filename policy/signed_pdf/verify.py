"""Is this PDF an authentic, unchanged copy of the protocol signed by the board?

pyHanko's validator checks the signature with the board's certificate as the only trust root;
the file's SHA-256 is also looked up among the copies the portal issued, which names the version.
Nothing here stores what it is given.
"""

import hashlib
import io
import logging
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ..models import ProtocolVersion, SignedCopy
from . import sign as signing

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


class Verdict(models.TextChoices):
    AUTHENTIC = "echt", _("Echt en ongewijzigd")
    ALTERED = "gewijzigd", _("Ondertekend, maar na ondertekening gewijzigd")
    OTHER_SIGNER = "ander", _("Ondertekend door iemand anders dan het bestuur")
    NOT_SIGNED = "niet_ondertekend", _("Niet ondertekend")


@dataclass
class Verification:
    verdict: Verdict
    sha256: str
    version: ProtocolVersion | None = None
    signer: str = ""  # the certificate's subject
    signer_name: str = ""  # the name written in the signature ("..., voorzitter van het bestuur")
    signed_at: object = None
    # True when the file is byte for byte a copy the portal issued.
    issued_here: bool = False


def looks_like_pdf(data: bytes) -> bool:
    # The PDF standard allows a little junk before the header; readers accept it within 1 KiB.
    return PDF_MAGIC in data[:1024]


def _board_context() -> ValidationContext:
    # The board's own certificate is the one trust anchor: a signature by any other key, however
    # well certified elsewhere, is "signed by someone else". No network (revocation) look-ups.
    return ValidationContext(trust_roots=[signing.board_key().certificate], allow_fetching=False)


def verify_pdf(data: bytes) -> Verification:
    """The verdict on `data`. Raises signing.SigningNotConfigured when the board's certificate
    is missing (no verdict is possible then)."""
    digest = hashlib.sha256(data).hexdigest()
    issued = SignedCopy.objects.select_related("version").filter(sha256=digest).first()
    result = Verification(verdict=Verdict.NOT_SIGNED, sha256=digest)
    context = _board_context()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any parse failure of a stranger's file means "unreadable"
        # An unreadable file that still carries a signature's byte range was signed once and
        # damaged afterwards; without one it is simply not a signed PDF.
        if b"/ByteRange" in data:
            result.verdict = Verdict.ALTERED
        return result
    if not signatures:
        if b"/ByteRange" in data:
            result.verdict = Verdict.ALTERED
        return result

    # The board's signature is the first (and only) one: anything appended after it, another
    # signature included, means the file was changed after signing.
    embedded = signatures[0]
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context, skip_diff=True)
    except Exception:
        logger.info("Signature could not be validated", exc_info=True)
        result.verdict = Verdict.ALTERED
        return result

    if status.signing_cert is not None:
        subject = status.signing_cert.subject.native
        result.signer = subject.get("common_name") or status.signing_cert.subject.human_friendly
    name = embedded.sig_object.get("/Name")
    result.signer_name = str(name) if name is not None else ""
    result.signed_at = status.signer_reported_dt
    if not (status.intact and status.valid) or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        result.verdict = Verdict.ALTERED
    elif not status.trusted:
        result.verdict = Verdict.OTHER_SIGNER
    else:
        result.verdict = Verdict.AUTHENTIC
        if issued is not None:
            result.version = issued.version
            result.issued_here = True
    return result
