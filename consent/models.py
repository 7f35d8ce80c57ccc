"""Consent for photo, film and sound: the purposes (channels) and the append-only ledger.

The ledger (`ConsentRecord`) is never updated or deleted: the portal only inserts, and the
database itself refuses UPDATE and DELETE (triggers from migration 0002). What a person's consent
*is* today is computed from it (see `consent.state`).
"""

import hashlib
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from julianaschool.models import Guardian, Pupil, StaffMember


def media_label(photo: bool, film: bool, sound: bool) -> str:
    """The media a purpose covers, in the fixed Dutch words that go into the hashed text."""
    return ", ".join(word for word, on in (("foto", photo), ("film", film), ("geluid", sound)) if on)


# The media words in English, fixed like the Dutch ones (not through gettext): they go into the
# hashed English text, which must not change when a translation is polished.
MEDIA_WORDS_EN = {"foto": "photo", "film": "film", "geluid": "sound"}


class Language(models.TextChoices):
    """The language a decider read the text in (recorded on every ledger record)."""

    DUTCH = "nl", "Nederlands"
    ENGLISH = "en", "English"


def active_language() -> str:
    """The reader's language as a ledger code: English or Dutch (the default)."""
    return Language.ENGLISH if (get_language() or "").startswith("en") else Language.DUTCH


@dataclass(frozen=True)
class ShownText:
    """The words of one version as one reader was shown them: in one language, for parents or staff."""

    name: str
    media: str
    explanation: str
    language: str
    is_public: bool
    sound_only: bool
    sound: bool

    @property
    def text(self) -> str:
        return f"{self.name}\n{self.media}\n{self.explanation}"

    @property
    def sha256(self) -> str:
        return PurposeVersion.hash_text(self.text)

    @property
    def reach(self) -> str:
        """Who can see (or hear) it, in plain words: a sound recording is heard, not seen."""
        if self.is_public:
            if self.sound_only:
                return _("openbaar: iedereen kan het horen")
            return _("openbaar: iedereen kan het zien of horen") if self.sound else _("openbaar: iedereen kan het zien")
        return _("besloten: niet openbaar")


class PurposeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired_at__isnull=True)


class Purpose(models.Model):
    """A channel on which a recording of a person may be shown (Parro, the website, ...).

    Retired, never deleted: old ledger records keep pointing at it.
    """

    slug = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("Korte code voor koppelingen, bijvoorbeeld website"))
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True)
    covers_photo = models.BooleanField(_("foto's"), default=True)
    covers_film = models.BooleanField(_("film"), default=True)
    covers_sound = models.BooleanField(_("geluid"), default=False)
    is_public = models.BooleanField(_("openbaar"), default=False,
                                    help_text=_("Kan iedereen het zien, ook mensen buiten de school?"))
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    # The version shown to parents now, and the oldest version whose answers still count: a
    # substantive change moves `asked_from` so that everybody is asked again.
    current_version = models.ForeignKey("PurposeVersion", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", editable=False)
    asked_from = models.PositiveIntegerField(default=1, editable=False)
    retired_at = models.DateTimeField(_("gestopt op"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PurposeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")

    def __str__(self):
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the reader's language (Dutch when no English name was written)."""
        return self.name_en if self.name_en and active_language() == Language.ENGLISH else self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def media(self) -> str:
        return media_label(self.covers_photo, self.covers_film, self.covers_sound)

    @property
    def local_media(self) -> str:
        """The media words in the reader's language."""
        if active_language() != Language.ENGLISH:
            return self.media
        return ", ".join(MEDIA_WORDS_EN[word] for word in self.media.split(", ") if word)

    def accepts_answer_on(self, number: int | None) -> bool:
        """May an answer given on version `number` of the text be recorded? Only if that version
        still counts (not before `asked_from`: the text changed in substance since) and exists."""
        current = self.current_version.number if self.current_version_id else 0
        return number is not None and self.asked_from <= number <= current


class PurposeVersion(models.Model):
    """The exact words parents (and staff) were shown for a purpose, in Dutch and English. Never
    changed once made (once only, migration 0006 wrote English and staff words beside the seeded
    Dutch ones, which stayed as they were)."""

    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=100)
    explanation = models.TextField(_("uitleg voor ouders"))
    # The same words in English, and the wording for staff about recordings of themselves (blank:
    # the parents' text, written neutrally, is shown to staff as well). Versions made before
    # migration 0006 have no English; the seeded ones had it added beside their unchanged Dutch.
    name_en = models.CharField(max_length=100, blank=True)
    explanation_en = models.TextField(_("uitleg voor ouders (Engels)"), blank=True)
    staff_explanation = models.TextField(_("uitleg voor medewerkers"), blank=True)
    staff_explanation_en = models.TextField(_("uitleg voor medewerkers (Engels)"), blank=True)
    media = models.CharField(max_length=60)
    is_public = models.BooleanField(default=False)
    substantive = models.BooleanField(default=True)
    text_sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["purpose", "number"]
        constraints = [models.UniqueConstraint(fields=["purpose", "number"], name="unique_purpose_version")]

    def __str__(self):
        return f"{self.name} (versie {self.number})"

    @property
    def shown_text(self) -> str:
        """The Dutch text for parents, whose hash `text_sha256` is (and was, before English existed)."""
        return f"{self.name}\n{self.media}\n{self.explanation}"

    @property
    def has_english(self) -> bool:
        return bool(self.name_en and self.explanation_en)

    def language_for(self, language: str | None) -> str:
        """The language this version can be shown in for a reader of `language`: English when
        it was written in English, Dutch otherwise."""
        return Language.ENGLISH if language == Language.ENGLISH and self.has_english else Language.DUTCH

    def shown(self, language: str | None = None, *, staff: bool = False) -> ShownText:
        """The words as shown to a reader of `language` (default: the active one), parent or staff.
        The hash of `.text` is what a decision made on it records."""
        language = self.language_for(active_language() if language is None else language)
        words = [w.strip() for w in self.media.split(",") if w.strip()]
        if language == Language.ENGLISH:
            name, explanation = self.name_en, self.explanation_en
            media = ", ".join(MEDIA_WORDS_EN.get(w, w) for w in words)
            if staff and self.staff_explanation_en:
                explanation = self.staff_explanation_en
        else:
            name, media, explanation = self.name, self.media, self.explanation
            if staff and self.staff_explanation:
                explanation = self.staff_explanation
        return ShownText(name=name, media=media, explanation=explanation, language=language,
                         is_public=self.is_public, sound_only=words == ["geluid"], sound="geluid" in words)

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Method(models.TextChoices):
    WEB = "web", _("Via het portaal")
    PAPER = "papier", _("Papieren formulier")
    PHONE = "telefoon", _("Telefonisch, genoteerd door de school")
    SYSTEM = "systeem", _("Door het portaal")


class DeciderRole(models.TextChoices):
    GUARDIAN = "ouder", _("Ouder/verzorger")
    OFFICE = "administratie", _("Administratie namens ouder/verzorger")
    STAFF_SELF = "medewerker", _("Medewerker zelf")
    SYSTEM = "systeem", _("Portaal")


def scan_path(instance, filename: str) -> str:
    # A random name: the original file name may hold a child's name and is kept in the row instead.
    return f"consent/scans/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class PaperForm(models.Model):
    """A scanned paper consent form, entered by the office. Stored under MEDIA_ROOT (private)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="paper_forms")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    scan = models.FileField(upload_to=scan_path, max_length=200)
    content_type = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("papieren formulier")
        verbose_name_plural = _("papieren formulieren")

    def __str__(self):
        return f"{self.original_name or self.pk} ({self.uploaded_at:%Y-%m-%d})"


class ConsentRecord(models.Model):
    """One decision about one person and one purpose. Insert only (the database enforces it)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="consent_records")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="consent_records")
    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="records")
    purpose_version = models.ForeignKey(PurposeVersion, on_delete=models.PROTECT, related_name="records")
    given = models.BooleanField(_("toestemming"))
    # Consent ended by the portal (a pupil left): no guardian can answer for this pupil any more.
    ended = models.BooleanField(default=False)
    # Whose voice this is: the guardian (web, or the office entering their paper form or call),
    # or none (staff about themselves, the system).
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decider_role = models.CharField(max_length=20, choices=DeciderRole.choices)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    # Names as they were at the time: the record must read the same after an account is renamed.
    decided_by_name = models.CharField(max_length=200)
    on_behalf_of_name = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices)
    paper_form = models.ForeignKey(PaperForm, on_delete=models.PROTECT, null=True, blank=True, related_name="records")
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    text_sha256 = models.CharField(max_length=64)
    # The language of the text the decider read (the hash above is over that text). Records from
    # before English texts existed were all made on the Dutch text.
    language = models.CharField(_("taal"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    # One save of a form: the receipt shows all records of one submission together.
    submission = models.UUIDField(default=uuid.uuid4, db_index=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("toestemmingsbesluit")
        verbose_name_plural = _("toestemmingsregister")
        indexes = [
            models.Index(fields=["pupil", "purpose", "recorded_at"]),
            models.Index(fields=["staff", "purpose", "recorded_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pupil__isnull=False, staff__isnull=True) | Q(pupil__isnull=True, staff__isnull=False)),
                name="consent_record_is_about_one_person",
            ),
            models.CheckConstraint(condition=~Q(method=Method.PAPER) | Q(paper_form__isnull=False),
                                   name="consent_paper_record_has_scan"),
        ]

    def __str__(self):
        who = self.pupil or self.staff
        return f"{who} · {self.purpose_id} · {'ja' if self.given else 'nee'} · {self.recorded_at:%Y-%m-%d %H:%M}"

    @property
    def shown_name(self) -> str:
        """The channel's name as the decider read it (in the language recorded)."""
        version = self.purpose_version
        return version.name_en if self.language == Language.ENGLISH and version.name_en else version.name


class TokenScope(models.TextChoices):
    READ = "read", _("lezen: toestemming en open verwijdertaken opvragen")
    PUBLISH = "publish", _("publiceren: publicaties registreren en verwijdertaken afmelden")


def default_scopes() -> list[str]:
    return [TokenScope.READ.value]


class IntegrationToken(models.Model):
    """Access for one publishing tool (website, newsletter) to the API, limited to its channels
    and its scopes (read; publish).

    Only the SHA-256 of the token is stored; the token itself is shown once, when created.
    """

    name = models.CharField(_("naam van de koppeling"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    purposes = models.ManyToManyField(Purpose, related_name="+", verbose_name=_("kanalen"),
                                      help_text=_("Over welke kanalen mag deze koppeling vragen?"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    scopes = models.JSONField(default=default_scopes, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")

    def __str__(self):
        return self.name

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


def stale_message(purposes) -> str:
    """Why a save was refused: the text of these purposes changed in substance after the form was opened."""
    return _("De tekst over %(names)s is veranderd nadat dit formulier werd geopend. Er is niets opgeslagen: "
             "lees de nieuwe uitleg en kies opnieuw.") % {"names": ", ".join(p.local_name for p in purposes)}


# Publications and takedowns (issue 16), the current-consent projection (a derived index of
# the ledger, not part of it) and the pages' snapshots are models of this app defined in their
# own modules. Imported last: they refer to the models above.
from .current.models import CurrentAnswer  # noqa: E402, F401
from .publications.models import (  # noqa: E402, F401
    Publication,
    PublicationPerson,
    Takedown,
    TakedownDone,
    TakedownReminder,
)
from .snapshots.models import Snapshot, SnapshotStamp  # noqa: E402, F401
