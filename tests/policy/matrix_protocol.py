"""The URLs of the protocol's life (issue 17) for every role: the public PDF of the version in
force, the approval record, the classroom poster, the MR decision and its minutes, and informing
parents. Version 1.0 (in force) has a stored publication copy, so no certificate is needed; an
adopted 2.0 waits for the MR and the board."""

from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from policy import services
from policy.models import MrDecision, ProtocolVersion, SignedCopy
from tests.matrix import Row, only

MATRIX_FILE = "protocol/ondertekend/matrix-protocol-test.pdf"
STAFF = ["directie", "leerkracht5", "leerkracht7", "administratie", "medewerker"]


def setup(world):
    world.life_v1 = ProtocolVersion.objects.get(major=1, minor=0)
    path = Path(settings.MEDIA_ROOT) / MATRIX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n% matrix test\n")
    SignedCopy.objects.get_or_create(
        version=world.life_v1, kind=SignedCopy.Kind.PUBLICATION,
        defaults={"file": MATRIX_FILE, "sha256": "1" * 64, "size": path.stat().st_size,
                  "signer_name": world.life_v1.chair_name, "certificate_subject": "test",
                  "certificate_sha256": "1" * 64},
    )
    directie = world.directie
    draft = ProtocolVersion.objects.open_draft() or services.start_draft(actor=directie)
    world.life_draft = draft
    decision = MrDecision(version=draft, decided_on=world.life_v1.effective_from or draft.created_at.date(),
                          outcome=MrDecision.Outcome.POSITIVE_ADVICE, recorded_by=directie,
                          minutes_sha256="2" * 64, minutes_content_type="application/pdf")
    decision.minutes.save("matrix-mr.pdf", ContentFile(b"%PDF-1.7\n% notulen\n"), save=False)
    decision.save()
    world.life_mr = decision


def rows() -> list[Row]:
    return [
        Row("signing:current_pdf", lambda w: reverse("signing:current_pdf"), default=200, anonymous=200),
        Row("signing:approval_pdf", lambda w: reverse("signing:approval_pdf", args=[w.life_v1.pk]),
            label="published, no approval record", **only("bestuur", "directie", status=404)),
        Row("signing:poster_pdf", lambda w: reverse("signing:poster_pdf", args=["a4"]), **only(*STAFF)),
        Row("signing:poster_pdf", lambda w: reverse("signing:poster_pdf", args=["a5"]), label="unknown size",
            **only(*STAFF, status=404)),
        # A concept: the MR's decision is refused (not adopted) but only directie gets that far.
        Row("policy:mr_record", lambda w: reverse("policy:mr_record", args=[w.life_draft.pk]), method="post",
            **only("directie", status=302)),
        Row("policy:mr_minutes", lambda w: reverse("policy:mr_minutes", args=[w.life_mr.pk]),
            **only("directie", "bestuur")),
        Row("policy:inform_parents", lambda w: reverse("policy:inform_parents", args=[w.life_v1.pk]),
            **only("directie")),
        Row("policy:inform_parents", lambda w: reverse("policy:inform_parents", args=[w.life_v1.pk]), method="post",
            label="send", **only("directie", status=302)),
    ]
