"""Every URL of the incidents app, as every role (see tests/matrix.py)."""

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from incidents.models import (
    Attachment,
    Category,
    DocumentKind,
    DossierDocument,
    EntryKind,
    Incident,
    Measure,
    MeasureKind,
    MeasureStatus,
    Party,
    PartyRole,
    Place,
    Platform,
    TimelineEntry,
)
from tests.matrix import Row, only

REPORTERS = ("directie", "leerkracht5", "leerkracht7", "administratie", "medewerker")


def setup(world):
    """An incident leerkracht5 reported about two groep 5 pupils (so leerkracht7 may not see it),
    with a screenshot, a decided warning and its letter; rows made directly, the services are
    tested elsewhere."""
    if getattr(world, "incident", None) is not None:
        return
    incident = Incident.objects.create(
        occurred_at=timezone.now() - datetime.timedelta(hours=2), place=Place.ONLINE, platform=Platform.WHATSAPP,
        category=Category.objects.get(name="Pesten"), severity="middel", description="Matrix", reported_by=world.leerkracht5,
        group=world.group5,
    )
    party = Party.objects.create(incident=incident, role=PartyRole.PERPETRATOR, pupil=world.pupil5)
    Party.objects.create(incident=incident, role=PartyRole.VICTIM, pupil=world.pupil5b)
    TimelineEntry.objects.create(incident=incident, author=world.leerkracht5, author_name="Leerkracht5", kind=EntryKind.STATUS,
                                 new_status="gemeld")
    attachment = Attachment(incident=incident, original_name="scherm.png", content_type="image/png", size=4, sha256="0" * 64,
                            uploaded_by=world.leerkracht5)
    attachment.file.save("scherm.png", ContentFile(b"\x89PNG"), save=False)
    attachment.save()
    measure = Measure.objects.create(incident=incident, party=party, kind=MeasureKind.WARNING, grounds="Matrix",
                                     status=MeasureStatus.DECIDED, created_by=world.directie, decided_by=world.directie,
                                     decided_on=datetime.date.today())
    document = DossierDocument(pupil=world.pupil5, kind=DocumentKind.LETTER, title="Brief", measure=measure,
                               original_name="brief.pdf", content_type="application/pdf", size=5, sha256="0" * 64)
    document.file.save("brief.pdf", ContentFile(b"%PDF-"), save=False)
    document.save()
    world.incident, world.party, world.attachment, world.measure, world.document = incident, party, attachment, measure, document
    world.category = Category.objects.first()


def rows() -> list[Row]:
    i = lambda name, **kw: (lambda w: reverse(f"incidents:{name}", kwargs={"pk": w.incident.pk, **kw}))  # noqa: E731
    m = lambda name: (lambda w: reverse(f"incidents:{name}", args=[w.measure.pk]))  # noqa: E731
    seen_by_reporter = {"expect": {"directie": 200, "leerkracht5": 200}, "default": 404}
    return [
        Row("incidents:list", lambda w: reverse("incidents:list"), **only(*REPORTERS)),
        Row("incidents:report", lambda w: reverse("incidents:report"), **only(*REPORTERS)),
        Row("incidents:detail", i("detail"), **seen_by_reporter),
        Row("incidents:add_note", i("add_note"), method="post", data=lambda w: {"text": "Aanvulling"},
            expect={"directie": 302, "leerkracht5": 302}, default=404),
        Row("incidents:change_status", i("change_status"), method="post", data=lambda w: {"status": "in_behandeling"},
            expect={"directie": 302, "leerkracht5": 403}, default=404),
        Row("incidents:measure_new", lambda w: reverse("incidents:measure_new", args=[w.incident.pk, w.party.pk]),
            expect={"directie": 200, "leerkracht5": 403}, default=404),
        Row("incidents:attachment", lambda w: reverse("incidents:attachment", args=[w.attachment.pk]), **seen_by_reporter),
        Row("incidents:measure", m("measure"), expect={"directie": 200}, default=404),
        Row("incidents:measure_response", m("measure_response"), method="post",
            data=lambda w: {"response": "x", "received_on": "2026-01-05"}, expect={"directie": 302}, default=404),
        Row("incidents:measure_decide", m("measure_decide"), method="post", expect={"directie": 302}, default=404),
        Row("incidents:measure_acceptance", m("measure_acceptance"), method="post",
            data=lambda w: {"school_name": "De Wieken", "accepted_on": "2026-01-05"}, expect={"directie": 302}, default=404),
        Row("incidents:dossiers", lambda w: reverse("incidents:dossiers"),
            **only("directie", "bestuur", "leerkracht5", "leerkracht7")),
        Row("incidents:pupil_dossier", lambda w: reverse("incidents:pupil_dossier", args=[w.pupil5.pk]),
            expect={"directie": 200, "leerkracht5": 200}, default=404),
        Row("incidents:pupil_dossier_upload", lambda w: reverse("incidents:pupil_dossier_upload", args=[w.pupil5.pk]),
            method="post", data=lambda w: {"title": "x"}, expect={"directie": 302, "leerkracht5": 403}, default=404),
        Row("incidents:staff_dossier", lambda w: reverse("incidents:staff_dossier", args=[w.medewerker.staff.pk]),
            expect={"directie": 200, "bestuur": 200}, default=404),
        Row("incidents:staff_dossier_upload", lambda w: reverse("incidents:staff_dossier_upload", args=[w.medewerker.staff.pk]),
            method="post", data=lambda w: {"title": "x"}, expect={"directie": 302, "bestuur": 403}, default=404),
        Row("incidents:document", lambda w: reverse("incidents:document", args=[w.document.pk]),
            expect={"directie": 200}, default=404, label="brief in leerlingendossier"),
        Row("incidents:categories", lambda w: reverse("incidents:categories"), **only("directie")),
        Row("incidents:category_edit", lambda w: reverse("incidents:category_edit", args=[w.category.pk]), **only("directie")),
        Row("incidents:statistics", lambda w: reverse("incidents:statistics"), **only("directie")),
        Row("incidents:statistics_csv", lambda w: reverse("incidents:statistics_csv"), **only("directie")),
    ]
