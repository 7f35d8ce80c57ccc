"""Demo data for the consent app, called by `manage.py seed_demo` after the people exist.

The demo parent (`ouder`) has answered for Sanne (groep 5: yes to the website, so the 'done
means' walk refuses and gives it again) and not at all for Daan (groep 7): the form shows open
questions. Most other pupils have a realistic ledger written over the past weeks; a few families
answered on paper (with a scan), one family's guardians disagree, and some staff answered.
"""

import datetime
import random
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from julianaschool.models import Pupil, StaffMember

from . import services
from .current import services as projection
from .models import ConsentRecord, DeciderRole, Method, Purpose

# How likely a family says yes, per channel: closed channels get more yeses than public ones.
YES_RATE = {"parro": 0.92, "nieuwsbrief": 0.85, "schoolgids": 0.75, "website": 0.7, "sociale-media": 0.5,
            "geluid": 0.8}

DEMO_SCAN = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n")


def ledger_rows(*, pupils_with_guardians, purposes, rng: random.Random, now: datetime.datetime,
                answer_rate: float = 0.85, changes: int = 1) -> list[ConsentRecord]:
    """Unsaved web records as guardians would have made them over the last eight weeks: most
    families answer, some later change one answer. Used by the demo and the benchmark (bulk insert:
    no receipts, no audit entries, which a real save writes)."""
    records = []
    for pupil, guardians in pupils_with_guardians:
        if not guardians or rng.random() > answer_rate:
            continue
        guardian = guardians[0]
        at = now - datetime.timedelta(days=rng.randint(3, 56), minutes=rng.randint(0, 600))
        submission = uuid.uuid4()
        answers = {}
        for purpose in purposes:
            answers[purpose.pk] = rng.random() < YES_RATE.get(purpose.slug, 0.7)
            records.append(_row(pupil, guardian, purpose, answers[purpose.pk], at, submission))
        for _ in range(changes if rng.random() < 0.3 else 0):
            purpose = rng.choice(purposes)
            at = at + datetime.timedelta(days=rng.randint(1, 2))
            answers[purpose.pk] = not answers[purpose.pk]
            records.append(_row(pupil, guardian, purpose, answers[purpose.pk], at, uuid.uuid4()))
    return records


def _row(pupil, guardian, purpose, given, at, submission) -> ConsentRecord:
    version = purpose.current_version
    return ConsentRecord(pupil=pupil, purpose=purpose, purpose_version=version, given=given, guardian=guardian,
                         decider_role=DeciderRole.GUARDIAN, decided_by=guardian.user, decided_by_name=guardian.full_name,
                         method=Method.WEB, recorded_at=at, text_sha256=version.text_sha256, submission=submission)


def seed(*, school) -> None:
    """Idempotent: a ledger only grows, so the demo ledger is written once (when it is empty)."""
    if ConsentRecord.objects.exists():
        return
    rng = random.Random(5)
    now = timezone.now()
    purposes = list(Purpose.objects.active().select_related("current_version"))
    by_slug = {p.slug: p for p in purposes}
    users = school.users
    ouder = users["ouder"]
    own_children = list(ouder.guardian.pupils.all()) if hasattr(ouder, "guardian") else []
    sanne = next((c for c in own_children if c.first_name == "Sanne"), None)
    own_ids = {c.pk for c in own_children}

    others = [p for p in Pupil.objects.filter(pk__in=[p.pk for p in school.pupils]).prefetch_related("guardians")
              if p.pk not in own_ids]
    rng.shuffle(others)
    paper, disagree, rest = others[:4], others[4:5], others[5:]
    projection.append(ledger_rows(
        pupils_with_guardians=[(p, list(p.guardians.all())) for p in rest], purposes=purposes, rng=rng, now=now))

    # The demo parent: Sanne (groep 5) answered a week ago; Daan (groep 7) not yet.
    if sanne is not None:
        answers = {"parro": True, "website": True, "nieuwsbrief": True, "schoolgids": True, "sociale-media": False,
                   "geluid": True}
        at = now - datetime.timedelta(days=7)
        submission = uuid.uuid4()
        projection.append([_row(sanne, ouder.guardian, by_slug[slug], given, at, submission)
                                           for slug, given in answers.items() if slug in by_slug])

    # Families without an account: the office entered their paper forms (with a scan).
    office = users["administratie"]
    for index, pupil in enumerate(paper):
        guardians = list(pupil.guardians.all())
        choices = {p.pk: rng.random() < YES_RATE.get(p.slug, 0.7) for p in purposes}
        if index == 3:
            services.record_office_entry(pupil=pupil, choices=choices, actor=office, method=Method.PHONE,
                                         guardian=guardians[0] if guardians else None,
                                         note="Vader belde na de informatieavond; keuzes telefonisch doorgegeven.")
        else:
            services.record_office_entry(pupil=pupil, choices=choices, actor=office,
                                         guardian=guardians[0] if guardians else None,
                                         scan=SimpleUploadedFile("toestemmingsformulier.pdf", DEMO_SCAN))

    # Two guardians who disagree about social media: each told the office by phone.
    for pupil in disagree:
        guardians = list(pupil.guardians.all())
        if len(guardians) >= 2:
            base = {p.pk: True for p in purposes}
            services.record_office_entry(pupil=pupil, choices=base, actor=office, method=Method.PHONE,
                                         guardian=guardians[0], note="Moeder belde: overal ja.")
            services.record_office_entry(pupil=pupil, choices={by_slug["sociale-media"].pk: False}, actor=office,
                                         method=Method.PHONE, guardian=guardians[1],
                                         note="Vader belde: liever niet op sociale media.")

    # Staff: the teacher and the director answered; the medewerker has open questions still.
    for username in ("leerkracht", "directie"):
        staff = StaffMember.objects.filter(user=users.get(username)).first()
        if staff is not None:
            services.record_staff_choices(staff=staff, choices={p.pk: p.slug != "sociale-media" for p in purposes},
                                          actor=staff.user)


