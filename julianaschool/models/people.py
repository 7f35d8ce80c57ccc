"""The school's people: staff and board, groups and their teachers, pupils and their dated
enrolments, guardians, their links to children and the koppelcodes that make them."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool import names

from .school import SchoolYear


class PersonName(models.Model):
    """Roepnaam, tussenvoegsel and achternaam as separate fields, shown as "Zoë van der Berg" and sorted
    the Dutch way through the stored `sort_name` (see julianaschool/names.py)."""

    first_name = models.CharField(_("voornaam"), max_length=100)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=30, blank=True, help_text=_("Bijvoorbeeld van der, de of van 't"))
    last_name = models.CharField(_("achternaam"), max_length=150)
    sort_name = models.CharField(max_length=300, editable=False, db_index=True, default="")

    class Meta:
        abstract = True
        ordering = ["sort_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # A derived column, not a business rule: keeping it here means no write path can forget it.
        self.refresh_sort_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"first_name", "last_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return names.display_name(self.first_name, self.tussenvoegsel, self.last_name)

    def refresh_sort_name(self) -> None:
        """Recomputes `sort_name`; callers that bulk_create or bulk_update call it themselves."""
        self.sort_name = names.sort_key(first_name=self.first_name, last_name=self.last_name)


class StaffMember(PersonName):
    """Someone who works at the school (teachers, directie, office staff, support staff)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff")
    email = models.EmailField(_("e-mailadres"))
    # The key of this person in the administration system's EDEX export: how a re-import recognises them.
    external_key = models.CharField(_("sleutel in de leerlingadministratie"), max_length=64, unique=True, null=True, blank=True)
    function = models.CharField(_("functie"), max_length=100, blank=True)
    left_on = models.DateField(_("uit dienst op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The last invitation mail with a set-password link (julianaschool.staff_services).
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")


class BoardMember(PersonName):
    """A member of the board (bestuur) of the Stichting; one of them is the chair (voorzitter)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_member")
    is_chair = models.BooleanField(_("voorzitter"), default=False)
    left_on = models.DateField(_("afgetreden op"), null=True, blank=True)
    invited_at = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-is_chair", "sort_name"]
        verbose_name = _("bestuurslid")
        verbose_name_plural = _("bestuursleden")
        constraints = [models.UniqueConstraint(fields=["is_chair"], condition=Q(is_chair=True), name="one_board_chair")]


class ClassGroup(models.Model):
    """A group (groep 1 to 8, or a combination such as 4/5) in one school year."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="groups", verbose_name=_("schooljaar"))
    name = models.CharField(_("naam"), max_length=20, help_text=_("Bijvoorbeeld 5 of 4/5"))
    # Who teaches the group and as what: read through GroupTeacher (one row per teacher per group).
    teachers = models.ManyToManyField(StaffMember, blank=True, related_name="groups", verbose_name=_("leerkrachten"),
                                      through="GroupTeacher")
    # The year groups (jaargroepen) taught, "4,5" for a combination group; empty: read from the name.
    year_groups = models.CharField(_("jaargroepen"), max_length=20, blank=True,
                                   help_text=_("Bijvoorbeeld 4,5 voor een combinatiegroep; leeg: volgt uit de naam"))
    ended_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    # The group's key in the administration system's EDEX export (unique within a school year).
    external_key = models.CharField(_("sleutel in de leerlingadministratie"), max_length=64, blank=True, default="")

    class Meta:
        ordering = ["school_year", "name"]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        constraints = [
            models.UniqueConstraint(fields=["school_year", "name"], name="unique_group_name_per_year"),
            models.UniqueConstraint(fields=["school_year", "external_key"], condition=~Q(external_key=""),
                                    name="unique_group_key_per_year"),
        ]

    def __str__(self):
        return _("groep %(name)s") % {"name": self.name}

    @property
    def grades(self) -> list[int]:
        """The years (leerjaren) taught in this group: '4/5' gives [4, 5]; `year_groups` when set."""
        source = self.year_groups.replace(",", "/") if self.year_groups else self.name
        return [int(part) for part in source.replace("-", "/").split("/") if part.strip().isdigit()]

    @property
    def is_combination(self) -> bool:
        return len(self.grades) > 1


class TeacherRole(models.TextChoices):
    GROUP_TEACHER = "groepsleerkracht", _("groepsleerkracht")
    ASSISTANT = "onderwijsassistent", _("onderwijsassistent")
    TRAINEE = "stagiair", _("stagiair")


class GroupTeacher(models.Model):
    """One teacher in one group (of that group's school year), with an optional role: duo teachers
    are two rows. Written by `julianaschool.group_services.assign_teacher` and its siblings."""

    group = models.ForeignKey(ClassGroup, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("groep"))
    teacher = models.ForeignKey(StaffMember, on_delete=models.PROTECT, related_name="assignments",
                                verbose_name=_("leerkracht"))
    role = models.CharField(_("rol in de groep"), max_length=20, choices=TeacherRole.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["group", "teacher__sort_name"]
        verbose_name = _("leerkracht van een groep")
        verbose_name_plural = _("leerkrachten van groepen")
        constraints = [models.UniqueConstraint(fields=["group", "teacher"], name="unique_teacher_per_group")]

    def __str__(self):
        return f"{self.teacher} – {self.group}"


class PupilQuerySet(models.QuerySet):
    def active(self):
        return self.filter(left_on__isnull=True)

    def in_group(self, group: "ClassGroup", on: datetime.date | None = None):
        """The pupils placed in `group` on `on` (default: today, within the group's school year)."""
        return self.filter(pk__in=Enrollment.objects.current(on, school_year=group.school_year)
                           .filter(group=group).values("pupil"))

    def in_groups(self, groups, on: datetime.date | None = None):
        """The pupils placed in any of `groups` (a queryset or list) on `on` (default: today)."""
        return self.filter(pk__in=Enrollment.objects.current(on).filter(group__in=groups).values("pupil"))

    def in_school_year(self, school_year: "SchoolYear", on: datetime.date | None = None):
        """The pupils placed in a group of `school_year` on `on` (default: today, within that year)."""
        return self.filter(pk__in=Enrollment.objects.current(on, school_year=school_year).values("pupil"))


class Pupil(PersonName):
    date_of_birth = models.DateField(_("geboortedatum"))
    # The school's own pupil number from its administration system; the import's natural key.
    student_number = models.CharField(_("leerlingnummer"), max_length=30, unique=True, null=True, blank=True)
    # The pupil's key in the administration system's EDEX export: how a re-import recognises them.
    external_key = models.CharField(_("sleutel in de leerlingadministratie"), max_length=64, unique=True, null=True, blank=True)
    left_on = models.DateField(_("uitgeschreven op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PupilQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name"]
        # Paged lists read the first 50 by name without sorting the whole school.
        indexes = [models.Index(fields=["sort_name", "id"], name="pupil_by_name")]
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")

    @property
    def has_left(self) -> bool:
        return self.left_on is not None

    def group_in(self, school_year: SchoolYear, on: datetime.date | None = None) -> "ClassGroup | None":
        """The pupil's group in `school_year` on `on` (default today, within that year); the last
        one of that year when none is current (the pupil left)."""
        enrollment = (Enrollment.objects.current(on, school_year=school_year).filter(pupil=self).select_related("group").first()
                      or self.enrollments.filter(school_year=school_year).select_related("group")
                      .order_by(models.F("starts_on").desc(nulls_last=True)).first())
        return enrollment.group if enrollment else None


def clamp_to_year(on: datetime.date | None, school_year: "SchoolYear | None") -> datetime.date:
    """`on` (default today) moved inside `school_year`: the first day when before it, the last after."""
    on = on or timezone.localdate()
    if school_year is None:
        return on
    return min(max(on, school_year.starts_on), school_year.ends_on)


class EnrollmentQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None, *, school_year: "SchoolYear | None" = None) -> "EnrollmentQuerySet":
        """The placements in force on `on`. Without a date: today, or, when today lies outside
        `school_year` (default: the current school year, `SchoolYear.objects.current`), that year's
        nearest day, so that a school without this year's data still shows its last year.
        An open start or end means the school year's first or last day."""
        if on is None:
            on = clamp_to_year(None, school_year or SchoolYear.objects.current())
        started = Q(starts_on__lte=on) | Q(starts_on__isnull=True, school_year__starts_on__lte=on)
        not_ended = Q(ends_on__gte=on) | Q(ends_on__isnull=True, school_year__ends_on__gte=on)
        found = self.filter(started & not_ended)
        return found.filter(school_year=school_year) if school_year is not None else found


class Enrollment(models.Model):
    """A pupil's group from a date to a date within one school year. A move ends one enrollment
    and starts the next (`group_services.move_pupil`): the history is kept, never rewritten.
    An empty start or end means the school year's first or last day."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="enrollments")
    group = models.ForeignKey(ClassGroup, on_delete=models.PROTECT, related_name="enrollments")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="enrollments")
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "school_year"], condition=Q(starts_on__isnull=True),
                                    name="one_first_group_per_pupil_per_year"),
            models.UniqueConstraint(fields=["pupil", "starts_on"], name="one_group_per_pupil_per_start"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True)
                                   | Q(ends_on__gte=models.F("starts_on")), name="enrollment_ends_after_start"),
        ]
        # "Which group is each of these pupils in this year": every list page asks it for its 50
        # pupils; without it SQLite walks the whole year's enrolments (bench/scale.py).
        indexes = [models.Index(fields=["school_year", "pupil"], name="enrollment_year_pupil")]

    def __str__(self):
        return f"{self.pupil} – {self.group} ({self.school_year})"

    @property
    def first_day(self) -> datetime.date:
        return self.starts_on or self.school_year.starts_on

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.school_year.ends_on


class Guardian(PersonName):
    """A parent or carer (ouder/verzorger). Gets a user account once they follow their koppelcode."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="guardian")
    first_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    # The postal address, for letters (a measure, a schorsing) that must reach the family on paper.
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    pupils = models.ManyToManyField(Pupil, through="GuardianLink", related_name="guardians", verbose_name=_("kinderen"))
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("ouder/verzorger")
        verbose_name_plural = _("ouders/verzorgers")

    @property
    def postal_address(self) -> list[str]:
        """The address as the lines of an envelope; empty when the office has none."""
        return [line for line in (self.street, " ".join(p for p in (self.postcode, self.city) if p)) if line]


class GuardianLink(models.Model):
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="links")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guardian_links")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["guardian", "pupil"], name="unique_guardian_pupil")]


class EndedGuardianLink(models.Model):
    """A guardian who no longer is one of the pupil's guardians (the office removed the link, with a
    reason). The guardian's consent records stay in the ledger; this row keeps the history."""

    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="ended_links")
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="ended_guardian_links")
    linked_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.CharField(_("reden"), max_length=300)

    class Meta:
        ordering = ["-ended_at"]
        verbose_name = _("beëindigde koppeling ouder-kind")
        verbose_name_plural = _("beëindigde koppelingen ouder-kind")


def _new_code() -> str:
    # Ten characters from an alphabet without look-alikes (0/O, 1/I/L), easy to type from a letter.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class LinkCode(models.Model):
    """A single-use koppelcode that links a guardian's account to their child(ren)."""

    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="link_codes")
    # Only the hash is stored: a leaked database does not hand out working codes.
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("koppelcode")
        verbose_name_plural = _("koppelcodes")

    @staticmethod
    def hash(code: str) -> str:
        normalised = code.strip().upper().replace("-", "").replace(" ", "")
        return hashlib.sha256(normalised.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return _new_code()

    @property
    def is_used(self) -> bool:
        return self.used_at is not None

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at
