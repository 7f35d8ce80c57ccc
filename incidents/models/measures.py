"""Measures directie takes against a person involved in an incident (the two ladders, the hearing,
the decision, objection and return dates), and the documents filed in a dossier."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool.models import Pupil, StaffMember
from julianaschool.school_calendar import school_days_in

from .kinds import DocumentKind, MeasureKind, MeasureStatus
from .reports import Incident, Party, document_path

# Awb art. 6:7: an objection (bezwaar) to a decision is made within six weeks.
OBJECTION_WEEKS = 6


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
