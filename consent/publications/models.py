"""Publication records and takedown tasks. Insert only: the database refuses UPDATE and DELETE
(migration 0005_publications_append_only); retention purges through `append_only.purging()`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool.models import Pupil, StaffMember


class PublicationQuerySet(models.QuerySet):
    def current(self):
        """Publications not replaced by a correction."""
        return self.filter(replaced_by__isnull=True)


class Publication(models.Model):
    """One thing put online (an album on Parro, a news item on the website). No image is stored."""

    purpose = models.ForeignKey("consent.Purpose", on_delete=models.PROTECT, related_name="publications",
                                verbose_name=_("kanaal"))
    title = models.CharField(_("titel"), max_length=200)
    published_on = models.DateField(_("datum"))
    location = models.CharField(_("waar"), max_length=500, blank=True,
                                help_text=_("Adres (URL) of een korte omschrijving"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    # A publishing tool registers through the API with its token: its takedowns are polled there.
    token = models.ForeignKey("consent.IntegrationToken", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    published_by_name = models.CharField(max_length=200)
    # A correction is a new entry; the one it corrects stays, pointing at it is never needed.
    replaces = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="replaced_by")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        indexes = [models.Index(fields=["purpose", "published_on"])]

    def __str__(self):
        return f"{self.title} ({self.published_on:%Y-%m-%d})"


class CheckOutcome(models.TextChoices):
    YES = "ja", _("mag")
    NO = "nee", _("mag niet (nee)")
    OPEN = "open", _("mag niet (geen antwoord)")
    ENDED = "beeindigd", _("mag niet (uitgeschreven)")


class PublicationPerson(models.Model):
    """A person on a publication, with the outcome of the check at that moment and the ledger
    records it relied on (their ids: the records themselves stay in the ledger)."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="people")
    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="publications")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="publications")
    # False: made unrecognisable (blurred, cropped, from behind).
    recognisable = models.BooleanField(_("herkenbaar"))
    allowed = models.BooleanField()
    outcome = models.CharField(max_length=12, choices=CheckOutcome.choices)
    relied_on = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("persoon op een publicatie")
        verbose_name_plural = _("personen op publicaties")
        indexes = [models.Index(fields=["pupil", "recognisable"]), models.Index(fields=["staff", "recognisable"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pupil__isnull=False, staff__isnull=True) | Q(pupil__isnull=True, staff__isnull=False)),
                name="publication_person_is_one_person",
            ),
            # Someone who may not be shown is registered as made unrecognisable, never as recognisable.
            models.CheckConstraint(condition=Q(allowed=True) | Q(recognisable=False),
                                   name="publication_person_recognisable_only_if_allowed"),
        ]

    def __str__(self):
        return str(self.pupil or self.staff)

    @property
    def person(self):
        return self.pupil or self.staff


class TakedownReason(models.TextChoices):
    WITHDRAWN = "ingetrokken", _("toestemming ingetrokken")
    GUARDIAN_NO = "ouder_nee", _("een ouder/verzorger zei nee")
    REASKED = "opnieuw_gevraagd", _("opnieuw gevraagd na een inhoudelijke wijziging, nog geen antwoord")
    ENDED = "uitgeschreven", _("leerling uitgeschreven: toestemming beëindigd")


class TakedownQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done__isnull=True)

    def done(self):
        return self.filter(done__isnull=False)

    def overdue(self, today):
        return self.open().filter(due_on__lt=today)


class Takedown(models.Model):
    """A task: this publication shows this person recognisably, and they may no longer be shown."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="takedowns")
    entry = models.ForeignKey(PublicationPerson, on_delete=models.PROTECT, related_name="takedowns")
    reason = models.CharField(max_length=20, choices=TakedownReason.choices)
    # The ledger save that caused it (the receipt counts its takedowns); empty for a re-asked purpose.
    cause_submission = models.UUIDField(null=True, blank=True, db_index=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    token = models.ForeignKey("consent.IntegrationToken", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    due_on = models.DateField(_("uiterlijk"))
    created_at = models.DateTimeField(default=timezone.now)

    objects = TakedownQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("verwijdertaak")
        verbose_name_plural = _("verwijdertaken")

    def __str__(self):
        return f"{self.publication} · {self.entry}"

    def is_overdue(self, today) -> bool:
        return not hasattr(self, "done") and self.due_on < today

    @property
    def is_done(self) -> bool:
        return hasattr(self, "done")


class TakedownOutcome(models.TextChoices):
    REMOVED = "verwijderd", _("verwijderd")
    BLURRED = "onherkenbaar", _("onherkenbaar gemaakt")


class TakedownDone(models.Model):
    """A takedown carried out: by whom, when, how. One per takedown; giving consent again undoes nothing."""

    takedown = models.OneToOneField(Takedown, on_delete=models.PROTECT, related_name="done")
    outcome = models.CharField(_("wat is er gedaan"), max_length=20, choices=TakedownOutcome.choices)
    note = models.TextField(_("notitie"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    token = models.ForeignKey("consent.IntegrationToken", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    done_by_name = models.CharField(max_length=200)
    done_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("uitgevoerde verwijdertaak")
        verbose_name_plural = _("uitgevoerde verwijdertaken")


class TakedownReminder(models.Model):
    """The reminder mail the day before a takedown is due, sent once."""

    takedown = models.OneToOneField(Takedown, on_delete=models.PROTECT, related_name="reminder")
    sent_at = models.DateTimeField(default=timezone.now)
