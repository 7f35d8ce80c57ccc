"""The school's frame: the roles, school years (the current one looked up once per request), the
next year's plan and the calendar's days without school."""

import datetime
import threading

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The portal's roles. Each is a Django auth group of the same name."""

    MANAGEMENT = "directie", _("Directie")
    TEACHER = "leerkracht", _("Leerkracht")
    OFFICE = "administratie", _("Administratie")
    BOARD = "bestuur", _("Bestuur")
    GUARDIAN = "ouder", _("Ouder/verzorger")
    STAFF = "medewerker", _("Medewerker")


# The current school year, looked up once per request: filled on first use while a request runs
# (julianaschool.apps connects the signals), emptied when it ends and when a school year is saved.
_per_request = threading.local()


def request_started(**kwargs):
    _per_request.active, _per_request.current_year = True, {}


def request_finished(**kwargs):
    _per_request.active, _per_request.current_year = False, {}


def school_year_changed(**kwargs):
    _per_request.current_year = {}


class SchoolYearQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> "SchoolYear | None":
        """The school year that contains `on` (today by default), else the latest one."""
        cache = getattr(_per_request, "current_year", None) if getattr(_per_request, "active", False) else None
        if on is not None or self.query.where or cache is None:
            cache = {}  # a date, a filtered queryset or no request: look it up
        on = on or timezone.localdate()
        if on not in cache:
            cache[on] = self._containing_or_latest(on) if not self.query.where else (
                self.filter(starts_on__lte=on, ends_on__gte=on).first() or self.order_by("-starts_on").first())
        return cache[on]

    def _containing_or_latest(self, on: datetime.date) -> "SchoolYear | None":
        # Nearly every page asks for the current year: one fixed query (the year containing `on`
        # first, else the latest) instead of one or two ORM queries to compile, which cost more
        # than running them (bench/consent.py's class sheet).
        table = connection.ops.quote_name(self.model._meta.db_table)
        day = connection.ops.adapt_datefield_value(on)
        found = list(self.model.objects.raw(
            f"SELECT * FROM {table} ORDER BY CASE WHEN starts_on <= %s AND ends_on >= %s THEN 0 ELSE 1 END, "
            "starts_on DESC LIMIT 1", [day, day]))
        return found[0] if found else None


class SchoolYear(models.Model):
    name = models.CharField(_("naam"), max_length=9, unique=True, help_text=_("Bijvoorbeeld 2026-2027"))
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("schooljaar")
        verbose_name_plural = _("schooljaren")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="schoolyear_ends_after_start")]

    def __str__(self):
        return self.name

    @classmethod
    def for_date(cls, on: datetime.date) -> str:
        """The name of the school year containing `on`; a Dutch school year starts on 1 August."""
        start = on.year if on.month >= 8 else on.year - 1
        return f"{start}-{start + 1}"


class YearPlanStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SAVED = "saved", _("opgeslagen")
    STARTED = "started", _("gestart")


class YearPlan(models.Model):
    """The office's plan for the next school year: its groups (with teachers) and each pupil's
    next group or leaving. Saving writes the next year's groups and enrollments, all or nothing
    (`julianaschool.year_services`); it can be reopened and saved again until the year starts;
    `manage.py start_school_year` then lets the leavers go on its first day."""

    from_year = models.OneToOneField(SchoolYear, on_delete=models.PROTECT, related_name="next_plan",
                                     verbose_name=_("van schooljaar"))
    to_year = models.OneToOneField(SchoolYear, on_delete=models.PROTECT, related_name="plan", null=True, blank=True,
                                   verbose_name=_("naar schooljaar"))
    # {"groups": [{"key", "name", "year_groups", "from": [old group ids], "teachers": [[staff id, role]]}],
    #  "pupils": {pupil id: group key or "" (leaves)}}
    data = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=YearPlanStatus.choices, default=YearPlanStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    saved_at = models.DateTimeField(null=True, blank=True)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan voor het nieuwe schooljaar")
        verbose_name_plural = _("plannen voor het nieuwe schooljaar")

    def __str__(self):
        return _("plan %(year)s") % {"year": self.to_year or self.from_year}


class DayOffKind(models.TextChoices):
    AUTUMN_HOLIDAY = "herfstvakantie", _("herfstvakantie")
    CHRISTMAS_HOLIDAY = "kerstvakantie", _("kerstvakantie")
    SPRING_HOLIDAY = "voorjaarsvakantie", _("voorjaarsvakantie")
    MAY_HOLIDAY = "meivakantie", _("meivakantie")
    SUMMER_HOLIDAY = "zomervakantie", _("zomervakantie")
    STUDY_DAY = "studiedag", _("studiedag")
    OTHER = "vrij", _("andere vrije dag")


class DayOffQuerySet(models.QuerySet):
    def covering(self, on: datetime.date) -> "DayOffQuerySet":
        return self.filter(starts_on__lte=on, ends_on__gte=on)


class DayOff(models.Model):
    """A period without school (a holiday, a study day), first and last day included."""

    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="days_off",
                                    verbose_name=_("schooljaar"))
    kind = models.CharField(_("soort"), max_length=20, choices=DayOffKind.choices)
    name = models.CharField(_("naam"), max_length=100, blank=True)
    starts_on = models.DateField(_("eerste dag"))
    ends_on = models.DateField(_("laatste dag"))

    objects = DayOffQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("vrije dag of vakantie")
        verbose_name_plural = _("vrije dagen en vakanties")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="dayoff_ends_on_or_after_start")]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(self.get_kind_display())
