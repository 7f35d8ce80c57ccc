"""The protocol as a living document: versions, their sections, and the steps each version took."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    ADOPTED = "vastgesteld", _("Vastgesteld door directie")
    APPROVED = "goedgekeurd", _("Goedgekeurd door bestuur")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd (geldend)")
    SUPERSEDED = "vervallen", _("Vervallen")


# Directie and bestuur see the review coming on their dashboards this many days before the date.
REVIEW_WARNING_DAYS = 90
# The reminder mails count school days (julianaschool.school_calendar): the first goes this many
# school days before the review date (about 90 calendar days), the second at REVIEW_SOON_SCHOOL_DAYS
# (about 30), each on a school day, never in a weekend or holiday.
REVIEW_WARNING_SCHOOL_DAYS = 60
REVIEW_SOON_SCHOOL_DAYS = 20

# A version in one of these states is "the draft": at most one at a time (services enforce it;
# the database enforces at most one concept).
OPEN_STATUSES = [VersionStatus.DRAFT, VersionStatus.ADOPTED, VersionStatus.APPROVED]


class ChangeKind(models.TextChoices):
    EDITORIAL = "redactioneel", _("Redactioneel (taal, namen)")
    SUBSTANTIVE = "inhoudelijk", _("Inhoudelijk")


PUBLISHED_STATUSES = [VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED]


def _started(today: datetime.date) -> Q:
    return Q(effective_from__isnull=True) | Q(effective_from__lte=today)


def _not_ended(today: datetime.date) -> Q:
    return Q(superseded_on__isnull=True) | Q(superseded_on__gt=today)


class ProtocolVersionQuerySet(models.QuerySet):
    # Which version is in force is computed from the dates, not from the stored status: a version
    # published "per 1 januari" takes over on that day without any job having to run. The stored
    # status says what was decided (published, or superseded at once); the dates say since when.

    def in_force(self, today: datetime.date | None = None) -> "ProtocolVersion | None":
        """The version in force today: published, started, not yet superseded; or None."""
        today = today or timezone.localdate()
        return (self.filter(status__in=PUBLISHED_STATUSES).filter(_started(today)).filter(_not_ended(today))
                .order_by(models.F("effective_from").desc(nulls_last=True), "-major", "-minor").first())

    def published(self, today: datetime.date | None = None):
        """Versions that are or were in force (not those still waiting for their date), newest first."""
        today = today or timezone.localdate()
        return self.filter(status__in=PUBLISHED_STATUSES).filter(_started(today))

    def scheduled(self, today: datetime.date | None = None):
        """Versions published per a date that has not come yet ("gaat in op ...")."""
        today = today or timezone.localdate()
        return self.filter(status=VersionStatus.PUBLISHED, effective_from__gt=today)

    def open_draft(self) -> "ProtocolVersion | None":
        """The version on its way to publication (concept, vastgesteld or goedgekeurd), or None."""
        return self.filter(status__in=OPEN_STATUSES).first()


class ProtocolVersion(models.Model):
    major = models.PositiveIntegerField(_("hoofdversie"))
    minor = models.PositiveIntegerField(_("subversie"), default=0)
    title = models.CharField(_("titel"), max_length=200, default="Protocol sociale media en internetgebruik")
    period = models.CharField(_("periode"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 2022-2024"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    kind = models.CharField(_("soort wijziging"), max_length=20, choices=ChangeKind.choices, default=ChangeKind.SUBSTANTIVE)
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="successors")
    change_summary = models.TextField(_("wat is er veranderd en waarom"), blank=True)
    # Month-precise in the document ("juni 2022"); stored as the first of the month, shown as "juni 2022".
    adopted_on = models.DateField(_("vastgesteld door directie"), null=True, blank=True)
    approved_on = models.DateField(_("goedgekeurd door bestuur"), null=True, blank=True)
    review_on = models.DateField(_("te herzien"), null=True, blank=True)
    effective_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    superseded_on = models.DateField(_("vervallen op"), null=True, blank=True)
    chair_name = models.CharField(_("voorzitter van het bestuur"), max_length=200, blank=True)
    # The medezeggenschapsraad's advice or consent is asked before the board approves (set by
    # directie on the concept; settings.PROTOCOL_MR_STEP asks it of every version).
    needs_mr = models.BooleanField(_("advies of instemming van de MR vragen"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ProtocolVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-major", "-minor"]
        verbose_name = _("protocolversie")
        verbose_name_plural = _("protocolversies")
        constraints = [
            models.UniqueConstraint(fields=["major", "minor"], name="unique_version_number"),
            models.UniqueConstraint(fields=["status"], condition=Q(status="concept"), name="one_open_draft"),
        ]

    def __str__(self):
        return f"{self.title} {self.number}"

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def is_editable(self) -> bool:
        """Only a draft's text may change; once adopted, a change means a new version."""
        return self.status == VersionStatus.DRAFT

    @property
    def number_key(self) -> tuple[int, int]:
        """Sortable version number: (2, 0) comes after (1, 1)."""
        return (self.major, self.minor)

    @property
    def is_open(self) -> bool:
        """On its way to publication (concept, vastgesteld or goedgekeurd)."""
        return self.status in OPEN_STATUSES

    def _started(self, today: datetime.date | None = None) -> bool:
        return self.effective_from is None or self.effective_from <= (today or timezone.localdate())

    @property
    def is_published(self) -> bool:
        """Is or was in force (its date has come), and so readable by everyone."""
        return self.status in PUBLISHED_STATUSES and self._started()

    @property
    def is_scheduled(self) -> bool:
        """Published per a date still to come: staff and board see "gaat in op ..."."""
        return self.status == VersionStatus.PUBLISHED and not self._started()

    @property
    def is_in_force(self) -> bool:
        today = timezone.localdate()
        return (self.status in PUBLISHED_STATUSES and self._started(today)
                and (self.superseded_on is None or self.superseded_on > today))

    @property
    def is_superseded(self) -> bool:
        return self.status in PUBLISHED_STATUSES and not self.is_in_force and self._started()

    @property
    def mr_required(self) -> bool:
        """The MR is asked before the board approves: by setting, or by directie for this version."""
        return self.needs_mr or settings.PROTOCOL_MR_STEP

    @property
    def mr_decision(self) -> "MrDecision | None":
        """The MR's latest decision on the text as last adopted (one recorded before the version
        went back to concept and was adopted again is about another text)."""
        adopted = self.steps.filter(to_status=VersionStatus.ADOPTED).order_by("-at", "-pk").first()
        decisions = self.mr_decisions.order_by("-recorded_at", "-pk")
        if adopted is not None:
            decisions = decisions.filter(recorded_at__gte=adopted.at)
        return decisions.first()

    @property
    def status_label(self) -> str:
        """The status as of today (computed from the dates): "gaat in op ..." before a
        scheduled version's date, "vervallen" once a later one took over."""
        from django.utils.formats import date_format

        if self.is_scheduled:
            return _("Gepubliceerd, gaat in op %(date)s") % {"date": date_format(self.effective_from, "j F Y")}
        if self.is_superseded:
            return str(VersionStatus.SUPERSEDED.label)
        return self.get_status_display()

    @property
    def is_substantive(self) -> bool:
        return self.kind == ChangeKind.SUBSTANTIVE

    def review_status(self, today: datetime.date | None = None) -> dict | None:
        """For the version in force: {'state': 'due', 'days': N} from REVIEW_WARNING_DAYS before the
        review date, {'state': 'overdue', 'since': date, 'days': N} once it passed; None otherwise."""
        if not self.is_in_force or self.review_on is None:
            return None
        today = today or timezone.localdate()
        days = (self.review_on - today).days
        if days < 0:
            return {"state": "overdue", "since": self.review_on, "days": -days}
        if days <= REVIEW_WARNING_DAYS:
            return {"state": "due", "days": days}
        return None


class Section(models.Model):
    """A section or sub-section of one version; its body is Markdown (sanitised when rendered)."""

    class Style(models.TextChoices):
        NORMAL = "normaal", _("Normaal")
        MNEMONIC = "ezelsbruggetje", _("Ezelsbruggetje (apart gezet, zoals DENK NA)")

    version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    # Stable across versions, so that the compare view can pair a section with its predecessor
    # even after it was renamed or moved.
    key = models.SlugField(max_length=80)
    title = models.CharField(_("titel"), max_length=300)
    body = models.TextField(_("tekst (Markdown)"), blank=True)
    style = models.CharField(max_length=20, choices=Style.choices, default=Style.NORMAL)

    class Meta:
        ordering = ["version", "parent_id", "position"]
        verbose_name = _("hoofdstuk")
        verbose_name_plural = _("hoofdstukken")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="unique_section_key_per_version")]

    def __str__(self):
        return self.title


class VersionStep(models.Model):
    """One step on a version's path (adopted, approved, published, ...): who, when, why.

    Everyone may see who took which step when; the reason (`comment`) is internal, and only
    `public_note` is shown to visitors."""

    version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(max_length=20, choices=VersionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=VersionStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    # Internal: for the school's staff and the board only, also once the version is public (the
    # board's reasons for sending a version back are no business of visitors).
    comment = models.TextField(_("toelichting (intern)"), blank=True)
    # Said explicitly for everyone: shown on the public version page.
    public_note = models.TextField(_("openbare toelichting"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")


class Acknowledgement(models.Model):
    """A staff member declared that they read this version (who, which version, when)."""

    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="protocol_acknowledgements")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("leesbevestiging")
        verbose_name_plural = _("leesbevestigingen")
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="one_acknowledgement_per_version")]

    def __str__(self):
        return f"{self.user} · {self.version.number}"


class Review(models.Model):
    """'Herzien zonder wijzigingen': directie reviewed the version in force and found nothing to
    change; once the board confirms, the version's review date moves to `next_review_on`."""

    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="reviews")
    previous_review_on = models.DateField(_("vorige herzieningsdatum"), null=True, blank=True)
    next_review_on = models.DateField(_("volgende herziening"))
    comment = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("herziening zonder wijzigingen")
        verbose_name_plural = _("herzieningen zonder wijzigingen")
        constraints = [
            # One review waits for the board at a time, per version.
            models.UniqueConstraint(fields=["version"], condition=Q(confirmed_at__isnull=True), name="one_pending_review"),
        ]

    def __str__(self):
        return f"{self.version.number} · {self.next_review_on}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class ReviewReminder(models.Model):
    """A review reminder mail that was sent, so that cron sends each milestone only once."""

    class Milestone(models.TextChoices):
        DUE_90 = "90-dagen", _("herziening binnen 60 schooldagen")
        DUE_30 = "30-dagen", _("herziening binnen 20 schooldagen")
        OVERDUE = "te-laat", _("herziening te laat")

    version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE, related_name="review_reminders")
    # The review date the reminder was about: a new review date starts the milestones afresh.
    review_on = models.DateField()
    milestone = models.CharField(max_length=20, choices=Milestone.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("herinnering herziening")
        verbose_name_plural = _("herinneringen herziening")
        constraints = [
            models.UniqueConstraint(fields=["version", "review_on", "milestone"], name="one_reminder_per_milestone"),
        ]


# --- signed PDF


class SignedCopy(models.Model):
    """A signed PDF of a version: produced once, then served byte for byte. A version gets one
    at approval (the approval record) and one when it is published (the document in force,
    with its "geldig vanaf" and "te herzien" dates).

    Its SHA-256 lets the public verification page recognise a copy the portal issued; every
    download is written to the audit trail with that same hash.
    """

    class Kind(models.TextChoices):
        APPROVAL = "goedkeuring", _("bij goedkeuring door het bestuur")
        PUBLICATION = "publicatie", _("bij publicatie (het geldende document)")

    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="signed_copies")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.APPROVAL)
    file = models.FileField(upload_to="protocol/ondertekend/")
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveIntegerField()
    signer_name = models.CharField(_("ondertekend door"), max_length=200)
    # Which certificate signed it: a school that later replaces its certificate can still tell.
    certificate_subject = models.CharField(max_length=500)
    certificate_sha256 = models.CharField(max_length=64)
    signed_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("ondertekende PDF")
        verbose_name_plural = _("ondertekende PDF's")
        constraints = [models.UniqueConstraint(fields=["version", "kind"], name="one_signed_copy_per_kind")]

    def __str__(self):
        return f"{self.version} ({self.sha256[:12]})"


# --- the medezeggenschapsraad


class MrDecision(models.Model):
    """The MR's advice or consent on a version, recorded by directie (append-only: a new
    decision is a new row, the latest counts)."""

    class Outcome(models.TextChoices):
        POSITIVE_ADVICE = "positief-advies", _("positief advies")
        NEGATIVE_ADVICE = "negatief-advies", _("negatief advies")
        CONSENT = "instemming", _("instemming verleend")
        NO_CONSENT = "geen-instemming", _("instemming geweigerd")

    version = models.ForeignKey(ProtocolVersion, on_delete=models.PROTECT, related_name="mr_decisions")
    decided_on = models.DateField(_("datum van de MR-vergadering"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    minutes = models.FileField(_("notulen"), upload_to="protocol/mr/")
    minutes_sha256 = models.CharField(max_length=64)
    minutes_content_type = models.CharField(max_length=100)
    comment = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("besluit van de MR")
        verbose_name_plural = _("besluiten van de MR")

    def __str__(self):
        return f"{self.version.number} · {self.get_outcome_display()}"

    @property
    def allows_approval(self) -> bool:
        """Advice, positive or not, leaves the decision to the board; refused consent does not."""
        return self.outcome != self.Outcome.NO_CONSENT
