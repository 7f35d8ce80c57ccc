"""AVG retention: what the school keeps about people who left, and for how long.

Periods count from the day a pupil was unenrolled or a staff member left (`left_on`), in years,
from settings (env-driven; defaults in docs/SECURITY.md):

- RETENTION_CONSENT_YEARS (2): the consent ledger records about the person, and paper forms
  with their scans, are deleted. This is the one deletion the append-only ledger allows, through
  `julianaschool.append_only.purging()`.
- RETENTION_INCIDENT_YEARS (5): the person's dossier documents are deleted, and every incident
  whose people (pupils and staff involved) have all passed this period is deleted with its
  timeline, measures, letters and attachments. An incident that still concerns someone within
  the period stays whole.
- RETENTION_PEOPLE_YEARS (5, at least the two above): the person is anonymised: name, date of
  birth (the year stays, for statistics), pupil number, e-mail; their account is closed. A
  guardian is anonymised once all their children are.

The audit trail keeps that it happened (one entry per person, counts only) but not the data:
older entries about the removed or anonymised objects lose their description and changes.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from . import audit
from .append_only import purging
from .models import AuditEntry, Guardian, LinkCode, Pupil, StaffMember

User = get_user_model()

# Sent inside `purging()` for every person whose consent period has passed, with `person`: apps
# that keep records under the consent ledger's retention (consent's publications) delete them.
consent_period_passed = Signal()


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@dataclass
class PersonPlan:
    """What retention does to one person."""

    person: models.Model
    consent_records: list = field(default_factory=list)
    paper_forms: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    anonymise: bool = False

    @property
    def kind(self) -> str:
        return "leerling" if isinstance(self.person, Pupil) else "medewerker"

    def summary(self) -> dict:
        return {
            "vertrokken": str(self.person.left_on),
            "toestemmingsbesluiten verwijderd": len(self.consent_records),
            "papieren formulieren verwijderd": len(self.paper_forms),
            "dossierstukken verwijderd": len(self.documents),
            "geanonimiseerd": self.anonymise,
        }

    def is_empty(self) -> bool:
        return not (self.consent_records or self.paper_forms or self.documents or self.anonymise)


@dataclass
class Plan:
    today: datetime.date
    people: list[PersonPlan] = field(default_factory=list)
    incidents: list = field(default_factory=list)  # incidents deleted whole
    incidents_kept: int = 0  # incidents of a leaver kept because of someone still within the period
    guardians: list = field(default_factory=list)  # guardians to anonymise

    def lines(self) -> list[str]:
        """The plan in plain words, without names (cron mails its output)."""
        lines = [f"Bewaartermijnen op {self.today:%d-%m-%Y}: toestemming {settings.RETENTION_CONSENT_YEARS} jaar, "
                 f"incidenten {settings.RETENTION_INCIDENT_YEARS} jaar, persoonsgegevens {settings.RETENTION_PEOPLE_YEARS} jaar na vertrek."]
        for plan in self.people:
            parts = [f"{count} {what}" for what, count in plan.summary().items()
                     if isinstance(count, int) and not isinstance(count, bool) and count]
            if plan.anonymise:
                parts.append("naam en gegevens anonimiseren")
            lines.append(f"- {plan.kind} {plan.person.pk} (vertrokken {plan.person.left_on:%d-%m-%Y}): " + ", ".join(parts))
        lines.append(f"- incidenten geheel verwijderen: {len(self.incidents)}"
                     + (f" ({self.incidents_kept} blijven nog, omdat ze ook over anderen binnen de termijn gaan)"
                        if self.incidents_kept else ""))
        lines.append(f"- ouders/verzorgers anonimiseren: {len(self.guardians)}")
        return lines

    def is_empty(self) -> bool:
        return not (self.people or self.incidents or self.guardians)


def check_periods() -> None:
    consent, incidents, people = (settings.RETENTION_CONSENT_YEARS, settings.RETENTION_INCIDENT_YEARS,
                                  settings.RETENTION_PEOPLE_YEARS)
    if min(consent, incidents, people) < 0 or people < max(consent, incidents):
        # Anonymising a person while their records are kept would leave records nobody can
        # attribute, and the records still carry the names of who decided.
        raise ImproperlyConfigured("RETENTION_PEOPLE_YEARS must be at least RETENTION_CONSENT_YEARS and "
                                   "RETENTION_INCIDENT_YEARS, and no period may be negative.")


def make_plan(*, today: datetime.date | None = None) -> Plan:
    """What `apply` would do today. Reads only."""
    check_periods()
    today = today or timezone.localdate()
    plan = Plan(today=today)
    consent_cut = years_before(today, settings.RETENTION_CONSENT_YEARS)
    incident_cut = years_before(today, settings.RETENTION_INCIDENT_YEARS)
    people_cut = years_before(today, settings.RETENTION_PEOPLE_YEARS)
    ConsentRecord, PaperForm = _model("consent.ConsentRecord"), _model("consent.PaperForm")
    Incident, DossierDocument = _model("incidents.Incident"), _model("incidents.DossierDocument")

    for model, key in ((Pupil, "pupil"), (StaffMember, "staff")):
        for person in model.objects.filter(left_on__isnull=False, left_on__lte=max(consent_cut, incident_cut)).order_by("pk"):
            item = PersonPlan(person=person)
            if ConsentRecord is not None and person.left_on <= consent_cut:
                item.consent_records = list(ConsentRecord.objects.filter(**{key: person}).values_list("pk", flat=True))
                item.paper_forms = list(PaperForm.objects.filter(**{key: person}))
            if DossierDocument is not None and person.left_on <= incident_cut:
                item.documents = list(DossierDocument.objects.filter(**{key: person}))
            item.anonymise = person.left_on <= people_cut and person.anonymised_at is None
            if not item.is_empty():
                plan.people.append(item)

    if Incident is not None:
        # An incident goes when every pupil and staff member in it left before the cut-off; one
        # with nobody from the school in it (only outsiders' names) goes by its report date.
        expired = models.Q(parties__pupil__left_on__lte=incident_cut) | models.Q(parties__staff__left_on__lte=incident_cut)
        person = models.Q(parties__pupil__isnull=False) | models.Q(parties__staff__isnull=False)
        for incident in Incident.objects.annotate(
            people=models.Count("parties", filter=person),
            expired=models.Count("parties", filter=expired),
        ).filter(people__gt=0, expired__gt=0):
            if incident.people == incident.expired:
                plan.incidents.append(incident)
            else:
                plan.incidents_kept += 1

    anonymised = {p.person.pk for p in plan.people if p.anonymise and isinstance(p.person, Pupil)}
    for guardian in Guardian.objects.filter(anonymised_at__isnull=True, pupils__pk__in=anonymised).distinct():
        children = list(guardian.pupils.all())
        if all(c.anonymised_at is not None or c.pk in anonymised for c in children):
            plan.guardians.append(guardian)
    return plan


def _scrub_audit(objects, replacement: str | None = None) -> int:
    """Older audit entries about these objects keep what happened and when, not the data."""
    count = 0
    for obj in objects:
        entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        count += entries.update(object_repr=replacement or f"[verwijderd {obj._meta.verbose_name} {obj.pk}]",
                                changes={"geschoond": "bewaartermijn"})
    return count


def _scrub_ids(model, ids) -> int:
    if not ids:
        return 0
    return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                     object_id__in=[str(i) for i in ids]).update(
        object_repr=f"[verwijderd {model._meta.verbose_name}]", changes={"geschoond": "bewaartermijn"})


def _close_account(user, username: str) -> None:
    if user is None:
        return
    user.username = username
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    AuditEntry.objects.filter(actor=user).update(actor_name=username)


def _delete_files(objects, field_name: str) -> None:
    # After the rows are gone (in the same transaction); a file left behind by a crash in between
    # holds no row that points to it and is not served by anything.
    for obj in objects:
        stored = getattr(obj, field_name)
        if stored:
            transaction.on_commit(lambda name=stored.name, storage=stored.storage: storage.delete(name))


@transaction.atomic
def apply(*, today: datetime.date | None = None) -> Plan:
    """Carry out today's plan in one transaction and record each step in the audit trail.

    Deletes from the append-only ledger and timeline go through `purging()`, the one sanctioned
    way through their triggers; the triggers stay in place for everything else.
    """
    plan = make_plan(today=today)
    now = timezone.now()
    ConsentRecord, PaperForm = _model("consent.ConsentRecord"), _model("consent.PaperForm")
    TimelineEntry, Measure, DossierDocument = (_model("incidents.TimelineEntry"), _model("incidents.Measure"),
                                               _model("incidents.DossierDocument"))
    consent_cut = years_before(plan.today, settings.RETENTION_CONSENT_YEARS)
    with purging():
        for item in plan.people:
            if item.person.left_on <= consent_cut:
                consent_period_passed.send(sender=type(item.person), person=item.person)
            if item.consent_records:
                ConsentRecord.objects.filter(pk__in=item.consent_records).delete()
                _scrub_ids(ConsentRecord, item.consent_records)
            if item.paper_forms:
                PaperForm.objects.filter(pk__in=[f.pk for f in item.paper_forms]).delete()
                _scrub_audit(item.paper_forms)
                _delete_files(item.paper_forms, "scan")
            if item.documents:
                DossierDocument.objects.filter(pk__in=[d.pk for d in item.documents]).delete()
                _scrub_audit(item.documents)
                _delete_files(item.documents, "file")
        for incident in plan.incidents:
            documents = list(DossierDocument.objects.filter(measure__incident=incident))
            attachments = list(incident.attachments.all())
            DossierDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
            TimelineEntry.objects.filter(incident=incident).delete()
            measures = list(Measure.objects.filter(incident=incident).values_list("pk", flat=True))
            Measure.objects.filter(pk__in=measures).delete()
            _scrub_ids(Measure, measures)
            _scrub_audit(documents + attachments)
            _delete_files(documents, "file")
            _delete_files(attachments, "file")
            _scrub_audit([incident])
            incident_pk = incident.pk
            incident.delete()
            audit.record(actor=None, action="bewaartermijn: incident verwijderd", changes={"incident": incident_pk})

    for item in plan.people:
        person = item.person
        if item.anonymise:
            if isinstance(person, Pupil):
                person.first_name, person.tussenvoegsel, person.last_name = "Oud-leerling", "", str(person.pk)
                person.date_of_birth = person.date_of_birth.replace(month=1, day=1)
                person.student_number = None
                person.anonymised_at = now
                person.save(update_fields=["first_name", "tussenvoegsel", "last_name", "date_of_birth", "student_number", "anonymised_at"])
            else:
                person.first_name, person.tussenvoegsel, person.last_name = "Oud-medewerker", "", str(person.pk)
                person.email, person.function = "", ""
                person.anonymised_at = now
                person.save(update_fields=["first_name", "tussenvoegsel", "last_name", "email", "function", "anonymised_at"])
                _close_account(person.user, f"oud-medewerker-{person.pk}")
            _scrub_audit([person], replacement=str(person))
        audit.record(actor=None, action=f"bewaartermijn: {item.kind} opgeschoond", obj=person, changes=item.summary())

    for guardian in plan.guardians:
        guardian.first_name, guardian.tussenvoegsel, guardian.last_name = "Oud-ouder", "", str(guardian.pk)
        guardian.email = guardian.phone = guardian.street = guardian.postcode = guardian.city = ""
        guardian.anonymised_at = now
        guardian.save(update_fields=["first_name", "tussenvoegsel", "last_name", "email", "phone", "street", "postcode", "city",
                                    "anonymised_at"])
        LinkCode.objects.filter(guardian=guardian).delete()
        if guardian.user_id:
            _close_account(guardian.user, f"oud-ouder-{guardian.pk}")
            _scrub_audit([guardian.user], replacement=f"oud-ouder-{guardian.pk}")
        _scrub_audit([guardian], replacement=str(guardian))
        audit.record(actor=None, action="bewaartermijn: ouder/verzorger geanonimiseerd", obj=guardian)
    return plan
