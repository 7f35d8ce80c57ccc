"""The signed-PDF URLs for every role. Version 1.0 (in force) already has a stored signed copy
of the document in force, so the download needs no certificate here (and, the version being
published, is public); a concept 2.0 is open for the concept preview."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from policy.models import ProtocolVersion, SignedCopy
from tests.matrix import Row, only

MATRIX_FILE = "protocol/ondertekend/matrix-test.pdf"


def setup(world):
    world.pdf_v1 = ProtocolVersion.objects.get(major=1, minor=0)
    # A stored copy with a fixed name (overwritten, never piling up): access is what is tested here.
    path = Path(settings.MEDIA_ROOT) / MATRIX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n% matrix test\n")
    SignedCopy.objects.create(
        version=world.pdf_v1, kind=SignedCopy.Kind.PUBLICATION, file=MATRIX_FILE, sha256="0" * 64, size=path.stat().st_size,
        signer_name=world.pdf_v1.chair_name, certificate_subject="test", certificate_sha256="0" * 64,
    )
    world.pdf_draft = ProtocolVersion.objects.create(major=2, minor=0, status="concept", period="2026-2028")


def rows() -> list[Row]:
    return [
        Row("signing:verify", lambda w: reverse("signing:verify"), default=200, anonymous=200),
        Row("signing:verify", lambda w: reverse("signing:verify"), method="post", default=400, anonymous=400,
            label="no file"),
        Row("signing:signed_pdf", lambda w: reverse("signing:signed_pdf", args=[w.pdf_v1.pk]),
            default=200, anonymous=200),
        # A concept: not signable (409) for bestuur and directie, other staff may not (403), the
        # rest does not learn it exists (404).
        Row("signing:signed_pdf", lambda w: reverse("signing:signed_pdf", args=[w.pdf_draft.pk]), label="concept",
            expect={"bestuur": 409, "directie": 409, "leerkracht5": 403, "leerkracht7": 403,
                    "administratie": 403, "medewerker": 403}, default=404, anonymous=404),
        Row("signing:concept_pdf", lambda w: reverse("signing:concept_pdf", args=[w.pdf_draft.pk]),
            **only("directie")),
    ]
