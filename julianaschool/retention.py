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

What each app deletes is its own (consent/retention.py, incidents/retention.py, listed in
PORTAL_RETENTION_PROVIDERS); the core plans the periods, anonymises people and guardians, and
runs the apps' deletions inside `purging()`.

The audit trail keeps that it happened (one entry per person, counts only) but not the data:
older entries about the removed or anonymised objects lose their description and changes.
"""

import datetime
import importlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from . import audit
from .append_only import purging
from .audit_actions import Action
from .models import AuditEntry, Guardian, LinkCode, Pupil, StaffMember

User = get_user_model()


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Periods:
    """Today and the three cut-off dates: who left on or before a cut-off has passed that period."""

    today: datetime.date
    consent_cut: datetime.date
    incident_cut: datetime.date
    people_cut: datetime.date

    @classmethod
    def on(cls, today: datetime.date) -> "Periods":
        return cls(today=today, consent_cut=years_before(today, settings.RETENTION_CONSENT_YEARS),
                   incident_cut=years_before(today, settings.RETENTION_INCIDENT_YEARS),
                   people_cut=years_before(today, settings.RETENTION_PEOPLE_YEARS))


# The apps that keep records about people, each a module with (see consent/retention.py):
#   plan_person(person, *, periods) -> {summary label: [what goes]}     what to delete for a leaver
#   purge_person(person, removals, *, periods)                          delete it (inside purging())
# and optionally, for records that go as a whole when everyone in them has passed a period:
#   plan_school(*, periods) -> SchoolRemoval | None; purge_school(removal)
# The core knows none of them (docs/ARCHITECTURE.md); the list is PORTAL_RETENTION_PROVIDERS.
def providers() -> list:
    return [importlib.import_module(name) for name in settings.PORTAL_RETENTION_PROVIDERS]


@dataclass
class PersonPlan:
    """What retention does to one person."""

    person: object
    removals: dict[str, list] = field(default_factory=dict)  # summary label -> records that go
    anonymise: bool = False

    @property
    def kind(self) -> str:
        return "leerling" if isinstance(self.person, Pupil) else "medewerker"

    @property
    def audit_action(self) -> Action:
        return Action.PUPIL_PURGED if isinstance(self.person, Pupil) else Action.STAFF_MEMBER_PURGED

    def summary(self) -> dict:
        return {"vertrokken": str(self.person.left_on),
                **{label: len(items) for label, items in self.removals.items()},
                "geanonimiseerd": self.anonymise}

    def is_empty(self) -> bool:
        return not (any(self.removals.values()) or self.anonymise)


@dataclass
class SchoolRemoval:
    """Records an app deletes whole (an incident whose people have all passed the period)."""

    label: str  # "incidenten geheel verwijderen"
    items: list
    kept: int = 0  # records of a leaver kept because of someone still within the period
    kept_note: str = ""  # "omdat ze ook over anderen binnen de termijn gaan"
    provider: object = None  # the app module that planned it and purges it (set by make_plan)


@dataclass
class Plan:
    today: datetime.date
    people: list[PersonPlan] = field(default_factory=list)
    school: list[SchoolRemoval] = field(default_factory=list)
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
        for removal in self.school:
            lines.append(f"- {removal.label}: {len(removal.items)}"
                         + (f" ({removal.kept} blijven nog, {removal.kept_note})" if removal.kept else ""))
        lines.append(f"- ouders/verzorgers anonimiseren: {len(self.guardians)}")
        return lines

    def is_empty(self) -> bool:
        return not (self.people or any(r.items for r in self.school) or self.guardians)


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
    periods = Periods.on(today or timezone.localdate())
    plan = Plan(today=periods.today)
    apps = providers()
    for model in (Pupil, StaffMember):
        for person in model.objects.filter(left_on__isnull=False,
                                           left_on__lte=max(periods.consent_cut, periods.incident_cut)).order_by("pk"):
            item = PersonPlan(person=person)
            for app in apps:
                item.removals.update(app.plan_person(person, periods=periods))
            item.anonymise = person.left_on <= periods.people_cut and person.anonymised_at is None
            if not item.is_empty():
                plan.people.append(item)
    for app in apps:
        removal = app.plan_school(periods=periods) if hasattr(app, "plan_school") else None
        if removal is not None:
            removal.provider = app
            plan.school.append(removal)

    anonymised = {p.person.pk for p in plan.people if p.anonymise and isinstance(p.person, Pupil)}
    for guardian in Guardian.objects.filter(anonymised_at__isnull=True, pupils__pk__in=anonymised).distinct():
        children = list(guardian.pupils.all())
        if all(c.anonymised_at is not None or c.pk in anonymised for c in children):
            plan.guardians.append(guardian)
    return plan


def scrub_audit(objects, replacement: str | None = None) -> int:
    """Older audit entries about these objects keep what happened and when, not the data."""
    count = 0
    for obj in objects:
        entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        count += entries.update(object_repr=replacement or f"[verwijderd {obj._meta.verbose_name} {obj.pk}]",
                                changes={"geschoond": "bewaartermijn"})
    return count


def scrub_ids(model, ids) -> int:
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


def delete_files(objects, field_name: str) -> None:
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
    periods = Periods.on(plan.today)
    apps = providers()
    with purging():
        for item in plan.people:
            for app in apps:
                app.purge_person(item.person, item.removals, periods=periods)
        for removal in plan.school:
            removal.provider.purge_school(removal)

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
            scrub_audit([person], replacement=str(person))
        audit.record(actor=None, action=item.audit_action, obj=person, changes=item.summary())

    for guardian in plan.guardians:
        guardian.first_name, guardian.tussenvoegsel, guardian.last_name = "Oud-ouder", "", str(guardian.pk)
        guardian.email = guardian.phone = guardian.street = guardian.postcode = guardian.city = ""
        guardian.anonymised_at = now
        guardian.save(update_fields=["first_name", "tussenvoegsel", "last_name", "email", "phone", "street", "postcode", "city",
                                    "anonymised_at"])
        LinkCode.objects.filter(guardian=guardian).delete()
        if guardian.user_id:
            _close_account(guardian.user, f"oud-ouder-{guardian.pk}")
            scrub_audit([guardian.user], replacement=f"oud-ouder-{guardian.pk}")
        scrub_audit([guardian], replacement=str(guardian))
        audit.record(actor=None, action=Action.GUARDIAN_ANONYMISED, obj=guardian)
    return plan
