"""Retention of incidents and dossiers (a provider of julianaschool/retention.py).

After RETENTION_INCIDENT_YEARS a leaver's dossier documents are deleted, and every incident
whose people (pupils and staff involved) have all passed that period goes whole, with its
timeline, measures, letters and attachments. An incident that still concerns someone within the
period stays whole.
"""

from django.db.models import Count, Q

from julianaschool import audit
from julianaschool.models import StaffMember
from julianaschool.retention import Periods, SchoolRemoval, delete_files, scrub_audit, scrub_ids

from .audit_actions import Action
from .models import DossierDocument, Incident, Measure, TimelineEntry

DOCUMENTS = "dossierstukken verwijderd"


def plan_person(person, *, periods: Periods) -> dict[str, list]:
    if person.left_on > periods.incident_cut:
        return {DOCUMENTS: []}
    whose = {"staff" if isinstance(person, StaffMember) else "pupil": person}
    return {DOCUMENTS: list(DossierDocument.objects.filter(**whose))}


def purge_person(person, removals: dict[str, list], *, periods: Periods) -> None:
    documents = removals.get(DOCUMENTS)
    if documents:
        DossierDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
        scrub_audit(documents)
        delete_files(documents, "file")


def plan_school(*, periods: Periods) -> SchoolRemoval:
    # An incident goes when every pupil and staff member in it left before the cut-off; one
    # with nobody from the school in it (only outsiders' names) goes by its report date.
    cut = periods.incident_cut
    expired = Q(parties__pupil__left_on__lte=cut) | Q(parties__staff__left_on__lte=cut)
    person = Q(parties__pupil__isnull=False) | Q(parties__staff__isnull=False)
    removal = SchoolRemoval(label="incidenten geheel verwijderen", items=[],
                            kept_note="omdat ze ook over anderen binnen de termijn gaan")
    for incident in Incident.objects.annotate(people=Count("parties", filter=person),
                                              expired=Count("parties", filter=expired)).filter(people__gt=0, expired__gt=0):
        if incident.people == incident.expired:
            removal.items.append(incident)
        else:
            removal.kept += 1
    return removal


def purge_school(removal: SchoolRemoval) -> None:
    for incident in removal.items:
        documents = list(DossierDocument.objects.filter(measure__incident=incident))
        attachments = list(incident.attachments.all())
        DossierDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
        TimelineEntry.objects.filter(incident=incident).delete()
        measures = list(Measure.objects.filter(incident=incident).values_list("pk", flat=True))
        Measure.objects.filter(pk__in=measures).delete()
        scrub_ids(Measure, measures)
        scrub_audit(documents + attachments)
        delete_files(documents, "file")
        delete_files(attachments, "file")
        scrub_audit([incident])
        incident_pk = incident.pk
        incident.delete()
        audit.record(actor=None, action=Action.INCIDENT_PURGED, changes={"incident": incident_pk})
