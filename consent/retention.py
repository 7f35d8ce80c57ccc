"""Retention of the consent ledger (a provider of julianaschool/retention.py).

After RETENTION_CONSENT_YEARS a leaver's consent records, paper forms (with their scans) and
entries on publications are deleted; the audit trail keeps that it happened, not the data.
"""

from julianaschool.models import StaffMember
from julianaschool.retention import Periods, delete_files, scrub_audit, scrub_ids

from .current import services as projection
from .models import ConsentRecord, PaperForm
from .publications import services as publications
from .publications.models import PublicationPerson

RECORDS, FORMS, ENTRIES = ("toestemmingsbesluiten verwijderd", "papieren formulieren verwijderd",
                           "vermeldingen op publicaties verwijderd")


def _whose(person) -> dict:
    return {"staff" if isinstance(person, StaffMember) else "pupil": person}


def plan_person(person, *, periods: Periods) -> dict[str, list]:
    if person.left_on > periods.consent_cut:
        return {RECORDS: [], FORMS: []}
    whose = _whose(person)
    found = {RECORDS: list(ConsentRecord.objects.filter(**whose).values_list("pk", flat=True)),
             FORMS: list(PaperForm.objects.filter(**whose))}
    entries = list(PublicationPerson.objects.filter(**whose).values_list("pk", flat=True))
    if entries:
        found[ENTRIES] = entries
    return found


def purge_person(person, removals: dict[str, list], *, periods: Periods) -> None:
    if person.left_on > periods.consent_cut:
        return
    if removals.get(ENTRIES):
        publications.purge_person(**_whose(person))
    if removals.get(RECORDS):
        # The projection points at the records: its rows of this person go first.
        projection.forget(**_whose(person))
        ConsentRecord.objects.filter(pk__in=removals[RECORDS]).delete()
        scrub_ids(ConsentRecord, removals[RECORDS])
    if removals.get(FORMS):
        PaperForm.objects.filter(pk__in=[f.pk for f in removals[FORMS]]).delete()
        scrub_audit(removals[FORMS])
        delete_files(removals[FORMS], "scan")
