"""Dossiers: the decision letter filed and e-mailed, and correspondence directie uploads."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from julianaschool import access as people_access
from julianaschool import audit, mail

from .. import letters
from ..audit_actions import Action
from ..models import (
    DocumentKind,
    DossierDocument,
    EntryKind,
    Measure,
    Party,
)
from ._common import check_upload, timeline_entry


def dossiers_of(party: Party) -> list[dict]:
    """Where a letter about this party is filed: the pupil's dossier, a parent's children's
    dossiers (the protocol files parents' correspondence in the leerlingendossier), or the
    employee's personeelsdossier."""
    if party.pupil_id:
        return [{"pupil": party.pupil}]
    if party.guardian_id:
        return [{"pupil": pupil} for pupil in party.guardian.pupils.all()]
    if party.staff_id:
        return [{"staff": party.staff}]
    return []


@transaction.atomic
def file_letter(*, measure: Measure, actor) -> list[DossierDocument]:
    """Generate the decision letter of `measure` as PDF and file it in every dossier it belongs to."""
    pdf = letters.render_pdf(measure)
    sha256 = hashlib.sha256(pdf).hexdigest()
    title = _("Besluit %(kind)s – %(name)s") % {"kind": measure.get_kind_display(), "name": measure.party.person_name}
    documents = []
    for owner in dossiers_of(measure.party):
        document = DossierDocument(kind=DocumentKind.LETTER, title=title, measure=measure, original_name=f"besluit-{measure.pk}.pdf",
                                   content_type="application/pdf", size=len(pdf), sha256=sha256, created_by=actor, **owner)
        document.file.save(f"besluit-{measure.pk}.pdf", ContentFile(pdf), save=False)
        document.save()
        documents.append(document)
    timeline_entry(incident=measure.incident, author=actor, kind=EntryKind.LETTER, measure=measure,
           message=gettext_noop("Brief '%(title)s' opgesteld en in het dossier opgenomen."), params={"title": title})
    audit.record(actor=actor, action=Action.LETTER_WRITTEN, obj=measure, changes={"sha256": sha256})
    return documents


@transaction.atomic
def email_letter(*, measure: Measure, actor) -> list[str]:
    """E-mail the decision letter of a decided measure to its addressees (the pupil's parents, the
    parent, or the employee), the PDF filed in the dossier attached, and record on the timeline
    and in the audit trail to whom it went. Refused when there is no letter or no e-mail address."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_related("party__pupil", "party__guardian", "party__staff", "incident",
                                             "decided_by", "created_by").get(pk=measure.pk)
    document = measure.documents.filter(kind=DocumentKind.LETTER).order_by("-created_at", "-id").first()
    if not measure.is_decided or document is None:
        raise ValidationError(_("Er is nog geen besluitbrief om te versturen."))
    to = letters.email_addresses(measure)
    if not to:
        raise ValidationError(_("Van de geadresseerden is geen e-mailadres bekend; druk de brief af en stuur hem per post."))
    with document.file.open("rb") as file:
        pdf = file.read()
    people = letters.recipients(measure)
    with translation.override("nl"):
        mail.decision_letter(to=to, attachments=[(document.original_name, pdf, "application/pdf")], context={
            "salutation": letters.salutation(people), "sender": letters.sender_name(measure),
            "deadline": date_format(measure.objection_deadline, "j F Y") if measure.objection_deadline else "",
        })
    names = ", ".join(person.full_name for person in people if getattr(person, "email", ""))
    timeline_entry(incident=measure.incident, author=actor, kind=EntryKind.LETTER, measure=measure,
           message=gettext_noop("Brief '%(title)s' per e-mail verstuurd aan %(names)s."),
           params={"title": document.title, "names": names})
    audit.record(actor=actor, action=Action.LETTER_MAILED, obj=measure, changes={"aan": len(to), "sha256": document.sha256})
    return to


@transaction.atomic
def upload_correspondence(*, actor, title: str, upload, pupil=None, staff=None) -> DossierDocument:
    """File correspondence (a letter received, a report) in a pupil's or staff member's dossier."""
    people_access.require_directie(actor)
    if (pupil is None) == (staff is None):
        raise ValueError("exactly one of pupil or staff")
    content_type, sha256, size = check_upload(upload)
    document = DossierDocument(kind=DocumentKind.CORRESPONDENCE, title=title.strip(), original_name=upload.name[:255],
                               content_type=content_type, size=size, sha256=sha256, created_by=actor, pupil=pupil, staff=staff)
    document.file.save(upload.name, upload, save=False)
    document.save()
    audit.record(actor=actor, action=Action.DOCUMENT_ADDED, obj=document, changes={"sha256": sha256})
    return document
