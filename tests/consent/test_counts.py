"""The overview's numbers, counted by the database, are the numbers the ledger's rules give.

consent/counts.py counts in SQL what consent/state.py folds in Python for one page; on a
random ledger with every case the rules know (two guardians who disagree, the office's entry,
a pupil whose consent ended and who was answered for again, answers to a version before the
purpose's `asked_from`, records at the same moment) both must agree, under both guardian rules.
"""

import datetime
import random
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consent import counts, sheet, state
from consent.current import services as projection
from consent.models import ConsentRecord, DeciderRole, Method, Purpose, PurposeVersion
from julianaschool.models import ClassGroup, Enrollment, Guardian, GuardianLink, Pupil


def _school(world, pupils_per_group: int, rng: random.Random, *, prefix: str):
    """Extra pupils in groups 5 and 7, each with two guardians and a messy ledger."""
    purposes = list(Purpose.objects.active().select_related("current_version"))
    # One purpose asks again from a version 2: answers to version 1 no longer count.
    reasked = purposes[0]
    old = reasked.current_version
    new = PurposeVersion.objects.create(purpose=reasked, number=old.number + 1, name=old.name, explanation="Nieuw",
                                        media=old.media, text_sha256="b" * 64)
    Purpose.objects.filter(pk=reasked.pk).update(asked_from=new.number, current_version=new)
    purposes = list(Purpose.objects.active().select_related("current_version"))
    pupils = []
    for group in (world.group5, world.group7):
        batch = Pupil.objects.bulk_create([
            Pupil(first_name=f"{prefix}{group.name}x{i}", last_name="Telling", date_of_birth=datetime.date(2017, 3, 1))
            for i in range(pupils_per_group)])
        Enrollment.objects.bulk_create([Enrollment(pupil=p, group=group, school_year=world.school_year) for p in batch])
        pupils += batch
    guardians = Guardian.objects.bulk_create([Guardian(first_name="G", last_name=f"{prefix}{i}")
                                              for i in range(2 * len(pupils))])
    GuardianLink.objects.bulk_create([GuardianLink(guardian=guardians[2 * i + k], pupil=p)
                                      for i, p in enumerate(pupils) for k in (0, 1)])
    base = timezone.now() - datetime.timedelta(days=30)
    records = []
    for i, pupil in enumerate(pupils):
        voices = [guardians[2 * i], guardians[2 * i + 1], None]
        for _n in range(rng.randint(0, 9)):
            purpose = rng.choice(purposes)
            version = rng.choice([new, old]) if purpose.pk == reasked.pk else purpose.current_version
            ended = rng.random() < 0.08
            records.append(ConsentRecord(
                pupil=pupil, purpose=purpose, purpose_version=version, given=False if ended else rng.random() < 0.6,
                ended=ended, guardian=None if ended else rng.choice(voices), decider_role=DeciderRole.GUARDIAN,
                decided_by_name="Test", method=Method.WEB, text_sha256="a" * 64, submission=uuid.uuid4(),
                # Few distinct moments: records at the same time are ordered by id, as in state.py.
                recorded_at=base + datetime.timedelta(hours=rng.randint(0, 12))))
    projection.append(records)  # into the ledger, as the services write it (with its projection)
    return purposes


def _folded(groups, purposes):
    """What state.py says, per (group, purpose): (answered, yes, disagreements)."""
    result = {}
    for row in sheet.coverage(groups, purposes):
        ids = list(Pupil.objects.active().filter(enrollments__group=row["group"]).values_list("pk", flat=True))
        answers = state.pupil_answers(ids, purposes)
        for cell in row["cells"]:
            disagreements = sum(1 for pk in ids if state.answer(answers, pk, cell["purpose"].pk).disagreement)
            result[(row["group"].pk, cell["purpose"].pk)] = (cell["answered"], cell["yes"], disagreements)
    return result


@pytest.mark.parametrize("rule", ["most_restrictive", "latest"])
def test_the_database_counts_what_the_ledgers_rules_say(world, purposes, settings, rule):
    settings.CONSENT_GUARDIAN_RULE = rule
    active = _school(world, 30, random.Random(13), prefix="c")
    groups = list(ClassGroup.objects.filter(pk__in=[world.group5.pk, world.group7.pk]).order_by("name"))
    counted = counts.school_counts(groups, active)
    got = {(row["group"].pk, cell["purpose"].pk): (cell["answered"], cell["yes"], cell["disagreements"])
           for row in counted.table for cell in row["cells"]}
    assert got == _folded(groups, active)
    assert any(value[2] for value in got.values())  # the ledger had disagreements to count
    open_pupils = [p for p in Pupil.objects.active().filter(enrollments__group__in=groups)
                   if any(not a.answered for a in [state.answer(state.pupil_answers([p.pk], active), p.pk, q.pk)
                                                   for q in active])]
    assert counted.missing_total == len(open_pupils)
    assert [p.pk for p in counted.missing_first] == [p.pk for p in sorted(
        open_pupils, key=lambda p: (p.last_name, p.first_name, p.pk))][:50]


def _overview_queries(client) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("consent:overview"))
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_overview_asks_the_database_the_same_number_of_questions_for_three_times_the_pupils(
        client_for, world, purposes):
    client = client_for(world.directie)
    rng = random.Random(5)
    _school(world, 10, rng, prefix="a")
    at_n = _overview_queries(client)
    active = list(Purpose.objects.active().select_related("current_version"))
    # Two more times as many pupils (and their ledger), in the same two groups.
    for prefix in ("b", "d"):
        for group in (world.group5, world.group7):
            batch = Pupil.objects.bulk_create([Pupil(first_name=f"{prefix}{i}", last_name="Drie",
                                                     date_of_birth=datetime.date(2017, 1, 1)) for i in range(10)])
            Enrollment.objects.bulk_create([Enrollment(pupil=p, group=group, school_year=world.school_year)
                                            for p in batch])
            projection.append([
                ConsentRecord(pupil=p, purpose=q, purpose_version=q.current_version, given=True,
                              decider_role=DeciderRole.GUARDIAN, decided_by_name="Test", method=Method.WEB,
                              text_sha256="a" * 64) for p in batch for q in active])
    assert Pupil.objects.filter(last_name="Drie").count() == 40
    assert _overview_queries(client) == at_n
