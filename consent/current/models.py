"""`CurrentAnswer`: the ledger's latest record per voice, kept beside the ledger so that reading
what consent *is* now does not grow with the ledger's history.

This is NOT part of the ledger and NOT append-only: it is a derived index, updated in place and
rebuilt from `consent.ConsentRecord` at will (migration 0007 fills it so), which stays the one source of truth (and the only
append-only table). It is written in the same transaction as the ledger records it reflects, by
`consent.current.services.append`, the one function that appends to the ledger.

Per person and purpose it keeps what can still decide the current state (the rule, with its
reasons, is `fold.py`): per voice the latest "consent ended" record; and of the answers after the
latest of those, per voice the latest record, plus an older one only where that one answered a
newer version of the text (an answer to a version before the purpose's `asked_from` no longer
counts, so the latest answer that counts need not be the latest answer). Through the services
that is one row per voice: (the pupil or staff member, the guardian where there is one, the
purpose). What depends on time or on other tables (`asked_from`, ended guardian links, the
two-guardian rule, leavers) is applied when reading (consent/state.py, consent/counts.py), never
stored here.
"""

from django.db import models
from django.db.models import Q

from julianaschool.models import Guardian, Pupil, StaffMember


class CurrentAnswer(models.Model):
    """A ledger record (by time, then id the latest of its voice on its version of the purpose)
    that can still decide what consent is now."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    guardian = models.ForeignKey(Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    purpose = models.ForeignKey("consent.Purpose", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField()  # the number of the purpose version the record answered
    # The version of the next later row of the same voice (None: this is the voice's latest). The
    # row that counts is the one with version >= asked_from and later_version None or < asked_from.
    later_version = models.PositiveIntegerField(null=True, blank=True)
    ended = models.BooleanField(default=False)
    # The ledger record this row copies (its id orders records of the same moment, as the ledger
    # does). Ledger records are deleted only by the retention purge, all of a person's at once:
    # their rows go with them.
    record = models.OneToOneField("consent.ConsentRecord", on_delete=models.CASCADE, related_name="+")
    given = models.BooleanField()
    recorded_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["pupil", "purpose"], name="consent_current_pupil"),
            models.Index(fields=["staff", "purpose"], name="consent_current_staff"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pupil__isnull=False, staff__isnull=True) | Q(pupil__isnull=True, staff__isnull=False)),
                name="consent_current_is_about_one_person",
            ),
            # One row per voice and version; NULL guardians need their own conditions (NULLs never clash).
            models.UniqueConstraint(fields=["pupil", "guardian", "purpose", "version", "ended"],
                                    condition=Q(pupil__isnull=False, guardian__isnull=False),
                                    name="consent_current_one_per_guardian_voice"),
            models.UniqueConstraint(fields=["pupil", "purpose", "version", "ended"],
                                    condition=Q(pupil__isnull=False, guardian__isnull=True),
                                    name="consent_current_one_per_family_voice"),
            models.UniqueConstraint(fields=["staff", "guardian", "purpose", "version", "ended"],
                                    condition=Q(staff__isnull=False, guardian__isnull=False),
                                    name="consent_current_one_per_staff_guardian_voice"),
            models.UniqueConstraint(fields=["staff", "purpose", "version", "ended"],
                                    condition=Q(staff__isnull=False, guardian__isnull=True),
                                    name="consent_current_one_per_staff_voice"),
        ]

    def __str__(self):
        return f"{self.pupil_id or self.staff_id} · {self.purpose_id} v{self.version} · record {self.record_id}"
