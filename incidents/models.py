"""Incidents, the people involved, the append-only timeline, measures on the two ladders, and the
documents filed in a pupil's or staff member's dossier.

Writes go through incidents/services.py. The description of an incident and every timeline entry
are also protected by database triggers (migration 0003), so not even a shell session can
rewrite what was reported.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from julianaschool.models import ClassGroup, Guardian, Pupil, StaffMember
from julianaschool.school_calendar import school_days_between, school_days_in

# Awb art. 6:7: an objection (bezwaar) to a decision is made within six weeks.
OBJECTION_WEEKS = 6


class Severity(models.TextChoices):
    MINOR = "licht", _("licht")
    MODERATE = "middel", _("middel")
    SERIOUS = "ernstig", _("ernstig")


class Place(models.TextChoices):
    CLASSROOM = "klas", _("in de klas")
    PLAYGROUND = "schoolplein", _("schoolplein")
    GYM = "gymzaal", _("gymzaal")
    ONLINE = "online", _("online")
    ELSEWHERE = "elders", _("elders")


class Platform(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    SNAPCHAT = "snapchat", "Snapchat"
    PARRO = "parro", "Parro"
    CLASS_CHAT = "klassenchat", _("klassenchat")
    OTHER = "anders", _("anders")


class Status(models.TextChoices):
    REPORTED = "gemeld", _("gemeld")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    RESOLVED = "afgehandeld", _("afgehandeld")


class PartyRole(models.TextChoices):
    PERPETRATOR = "dader", _("dader")
    VICTIM = "slachtoffer", _("slachtoffer")
    WITNESS = "getuige", _("getuige")
    REPORTER = "melder", _("melder")


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


class PartyKind(models.TextChoices):
    PUPIL = "leerling", _("leerling")
    GUARDIAN = "ouder", _("ouder/verzorger")
    STAFF = "medewerker", _("medewerker")
    OUTSIDER = "extern", _("iemand van buiten school")


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


class EntryKind(models.TextChoices):
    NOTE = "notitie", _("notitie")
    STATUS = "status", _("statuswijziging")
    MEASURE = "maatregel", _("maatregel")
    LETTER = "brief", _("brief")


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


class MeasureKind(models.TextChoices):
    WARNING = "waarschuwing", _("waarschuwing")
    WRITTEN_REPRIMAND = "schriftelijke_berisping", _("schriftelijke berisping")
    SUSPENSION = "schorsing", _("schorsing")
    DISMISSAL = "ontslag", _("ontslag")
    SUMMARY_DISMISSAL = "ontslag_op_staande_voet", _("ontslag op staande voet")
    EXPULSION = "verwijdering", _("verwijdering")
    POLICE_REPORT = "aangifte", _("aangifte bij de politie")
    INSPECTOR_REPORT = "melding_vertrouwensinspecteur", _("melding bij de vertrouwensinspecteur")


# The ladders these measures form are defined once, in incidents/ladders.py.


class MeasureStatus(models.TextChoices):
    INTENDED = "voorgenomen", _("voorgenomen")
    RESPONSE_RECEIVED = "zienswijze", _("zienswijze ontvangen")
    DECIDED = "besloten", _("besloten")
    FINAL = "definitief", _("definitief")


class MeasureQuerySet(models.QuerySet):
    def decided(self):
        return self.filter(status__in=[MeasureStatus.DECIDED, MeasureStatus.FINAL])

    def of_person(self, *, pupil=None, guardian=None, staff=None):
        if pupil is not None:
            return self.filter(party__pupil=pupil)
        if guardian is not None:
            return self.filter(party__guardian=guardian)
        if staff is not None:
            return self.filter(party__staff=staff)
        return self.none()


class Measure(models.Model):
    """A measure directie takes against one person involved in an incident.

    Pupil and parent measures are decided at once (when the law's conditions are recorded);
    a staff measure goes from intended, through the employee's response, to a decision.
    """

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="measures")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("maatregel"), max_length=40, choices=MeasureKind.choices)
    proposed_kind = models.CharField(_("voorgestelde stap"), max_length=40, choices=MeasureKind.choices, blank=True)
    deviation_reason = models.TextField(_("reden voor een andere stap"), blank=True)
    grounds = models.TextField(_("motivering"))
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices)
    starts_on = models.DateField(_("van"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    # The conditions the law sets, each recorded with its date.
    inspectorate_notified_on = models.DateField(_("inspectie ingelicht op"), null=True, blank=True)
    teacher_heard_on = models.DateField(_("leerkracht gehoord op"), null=True, blank=True)
    parents_heard_on = models.DateField(_("ouders gehoord op"), null=True, blank=True)
    attendance_officer_notified_on = models.DateField(_("leerplichtambtenaar ingelicht op"), null=True, blank=True)
    other_school_name = models.CharField(_("andere school"), max_length=200, blank=True)
    other_school_accepted_on = models.DateField(_("toelating andere school op"), null=True, blank=True)
    employee_response = models.TextField(_("zienswijze van de medewerker"), blank=True)
    response_recorded_on = models.DateField(_("zienswijze ontvangen op"), null=True, blank=True)
    reference = models.CharField(_("kenmerk (bijv. proces-verbaal)"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("besloten op"), null=True, blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="measure_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.party.person_name}"

    @property
    def on_staff_ladder(self) -> bool:
        return self.party.staff_id is not None

    @property
    def is_decided(self) -> bool:
        return self.status in (MeasureStatus.DECIDED, MeasureStatus.FINAL)

    @property
    def calendar_days(self) -> int | None:
        if self.starts_on and self.ends_on:
            return (self.ends_on - self.starts_on).days + 1
        return None

    @property
    def school_days(self) -> int | None:
        """School days in the period (the school calendar's holidays and days off do not count)."""
        if self.starts_on and self.ends_on:
            return school_days_in(self.starts_on, self.ends_on)
        return None

    @property
    def objection_deadline(self) -> datetime.date | None:
        """Six weeks after the decision (WPO art. 63, Awb art. 6:7)."""
        return self.decided_on + datetime.timedelta(weeks=OBJECTION_WEEKS) if self.decided_on else None

    @property
    def search_until(self) -> datetime.date | None:
        """The end of the 8-week search for another school after a verwijdering (WPO art. 40 lid 5)."""
        if self.kind == MeasureKind.EXPULSION and self.decided_on:
            return self.decided_on + datetime.timedelta(weeks=8)
        return None


class DocumentKind(models.TextChoices):
    LETTER = "brief", _("brief")
    CORRESPONDENCE = "correspondentie", _("correspondentie")


class DossierDocument(models.Model):
    """A document in a leerlingendossier (pupil set) or personeelsdossier (staff set): a letter the
    portal generated, or correspondence directie uploaded."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="dossier_documents")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="dossier_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("dossierstuk")
        verbose_name_plural = _("dossierstukken")
        constraints = [
            models.CheckConstraint(
                condition=Q(pupil__isnull=False, staff__isnull=True) | Q(pupil__isnull=True, staff__isnull=False),
                name="document_in_exactly_one_dossier",
            )
        ]

    def __str__(self):
        return self.title
