"""Incidents, the people involved (parties), attachments and the append-only timeline.

The description of an incident and every timeline entry are also protected by database triggers
(migration 0003), so not even a shell session can rewrite what was reported."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from julianaschool.models import ClassGroup, Guardian, Pupil, StaffMember
from julianaschool.school_calendar import school_days_between

from .kinds import EntryKind, MeasureKind, PartyKind, PartyRole, Place, Platform, Severity, Status


class Category(models.Model):
    """A kind of norm crossed. Managed by directie; never deleted once used (PROTECT), only retired."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    # Shown to a user who reads English; the Dutch name stands in while it is empty.
    name_en = models.CharField(_("naam in het Engels"), max_length=120, blank=True)
    default_severity = models.CharField(_("standaard ernst"), max_length=10, choices=Severity.choices, default=Severity.MODERATE)
    possibly_criminal = models.BooleanField(_("mogelijk strafbaar"), default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveIntegerField(_("volgorde"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the language of the current request (Dutch unless English is asked for)."""
        if (get_language() or "nl").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class IncidentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Status.RESOLVED)

    def urgent(self):
        """Open and serious or possibly criminal (Incident.is_urgent, in the database)."""
        return self.open().filter(Q(severity=Severity.SERIOUS) | Q(category__possibly_criminal=True))

    def overdue(self, today: datetime.date | None = None):
        """Still 'gemeld' after 2 school days (Incident.is_overdue, in the database)."""
        today = today or timezone.localdate()
        # The latest day of reporting that is 2 school days or more before today.
        last = today - datetime.timedelta(days=1)
        while school_days_between(last, today) < 2:
            last -= datetime.timedelta(days=1)
        until = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min,
                                          tzinfo=timezone.get_current_timezone())
        return self.filter(status=Status.REPORTED, reported_at__lt=until)

    def with_related(self):
        return self.select_related("category", "reported_by", "group").prefetch_related(
            "parties__pupil", "parties__guardian__pupils", "parties__staff"
        )


class Incident(models.Model):
    occurred_at = models.DateTimeField(_("datum en tijd"))
    place = models.CharField(_("plaats"), max_length=20, choices=Place.choices)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices, blank=True)
    platform_other = models.CharField(_("ander platform"), max_length=60, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("categorie"))
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices)
    # Never changed after submission (services refuse it, a database trigger too): additions go
    # on the timeline.
    description = models.TextField(_("beschrijving"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reported_incidents")
    reported_at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REPORTED, db_index=True)
    # The group of the pupils involved when it was reported, kept for the statistics (a pupil's
    # group changes every year; the figures of last year must not).
    group = models.ForeignKey(ClassGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        constraints = [
            models.CheckConstraint(condition=~Q(place="online") | ~Q(platform=""), name="online_incident_has_platform"),
        ]

    def __str__(self):
        return _("Incident %(id)s: %(category)s") % {"id": self.pk, "category": self.category.label}

    @property
    def is_urgent(self) -> bool:
        """Serious or possibly criminal: directie must see it first."""
        return self.severity == Severity.SERIOUS or self.category.possibly_criminal

    @property
    def place_display(self) -> str:
        if self.place != Place.ONLINE:
            return self.get_place_display()
        platform = self.platform_other if self.platform == Platform.OTHER and self.platform_other else self.get_platform_display()
        return f"{self.get_place_display()} ({platform})"

    def school_days_waiting(self, today: datetime.date | None = None) -> int:
        return school_days_between(timezone.localdate(self.reported_at), today or timezone.localdate())

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Not picked up (still 'gemeld') after 2 school days."""
        return self.status == Status.REPORTED and self.school_days_waiting(today) >= 2


class Party(models.Model):
    """Someone involved in an incident, in one role. Exactly one of pupil, guardian, staff or an
    outsider's name."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("rol"), max_length=20, choices=PartyRole.choices)
    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="incident_parties")
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="incident_parties")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="incident_parties")
    name = models.CharField(_("naam"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(pupil__isnull=False, guardian__isnull=True, staff__isnull=True, name="")
                    | Q(pupil__isnull=True, guardian__isnull=False, staff__isnull=True, name="")
                    | Q(pupil__isnull=True, guardian__isnull=True, staff__isnull=False, name="")
                    | (Q(pupil__isnull=True, guardian__isnull=True, staff__isnull=True) & ~Q(name=""))
                ),
                name="party_is_exactly_one_person",
            )
        ]

    def __str__(self):
        return f"{self.person_name} ({self.get_role_display()})"

    @property
    def kind(self) -> str:
        if self.pupil_id:
            return PartyKind.PUPIL
        if self.guardian_id:
            return PartyKind.GUARDIAN
        if self.staff_id:
            return PartyKind.STAFF
        return PartyKind.OUTSIDER

    @property
    def kind_label(self) -> str:
        return PartyKind(self.kind).label

    @property
    def person(self):
        return self.pupil or self.guardian or self.staff

    @property
    def person_name(self) -> str:
        person = self.person
        return person.full_name if person is not None else self.name


def _private_path(prefix: str, filename: str) -> str:
    # A random name: the original file name (often a child's name) stays in the database only.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


def attachment_path(instance, filename):
    return _private_path("incidents/bijlagen", filename)


def document_path(instance, filename):
    return _private_path("incidents/dossiers", filename)


class Attachment(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name


class TimelineEntry(models.Model):
    """One addition to an incident. Append-only: no update, no delete (services and triggers)."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="timeline")
    at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    author_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    text = models.TextField(blank=True)
    old_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    measure = models.ForeignKey("Measure", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # What the portal wrote itself ("Besloten: %(kind)s voor %(name)s.") is kept as its Dutch
    # message with its values, so that every reader sees it in their own language; `text` holds
    # the Dutch words as written, the record. A person's own note has no message.
    message = models.TextField(blank=True, editable=False)
    params = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.author_name}: {self.get_kind_display()}"

    @property
    def shown_text(self) -> str:
        """The entry in the reader's language: the portal's own messages are translated (a
        measure's kind by its label), a person's note is shown as they wrote it."""
        if not self.message:
            return self.text
        return gettext(self.message) % timeline_values(self.params)


def timeline_values(params: dict) -> dict:
    """A timeline message's values for display: a measure kind (`kind`) by its label, the rest as stored."""
    values = dict(params)
    if values.get("kind") in MeasureKind.values:
        values["kind"] = MeasureKind(values["kind"]).label
    return values
