"""The current-consent projection (consent.CurrentAnswer) is the ledger's state, after every kind
of write: its rows are what the projection's rule leaves of the whole ledger, the state read from
it is the state the whole ledger's history folds to, and the overview's counts agree with both.
The overview and the publication check ask the database the same number of questions for a
school three times the size."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consent import counts, services, state
from consent.current import fold
from consent.models import ConsentRecord, CurrentAnswer, Purpose
from julianaschool import family_services, retention
from julianaschool import services as people
from julianaschool.models import ClassGroup, Guardian, GuardianLink, Pupil
from tests.consent.helpers import answer_as, current
from tests.helpers import make_pupil


def _rows_from_scratch() -> set[tuple]:
    """What the projection's rule leaves of the whole ledger, computed again from every record."""
    records = ConsentRecord.objects.values_list("id", "pupil_id", "staff_id", "guardian_id", "purpose_id",
                                                "purpose_version__number", "ended", "given", "recorded_at")
    kept = fold.fold([fold.Candidate(record_id=r[0], pupil_id=r[1], staff_id=r[2], guardian_id=r[3], purpose_id=r[4],
                                     version=r[5], ended=r[6], given=r[7], recorded_at=r[8]) for r in records])
    return {(c.record_id, c.pupil_id, c.staff_id, c.guardian_id, c.purpose_id, c.version, c.later_version, c.ended,
             c.given, c.recorded_at) for c in kept}


def _rows_stored() -> set[tuple]:
    return set(CurrentAnswer.objects.values_list("record_id", "pupil_id", "staff_id", "guardian_id", "purpose_id",
                                                 "version", "later_version", "ended", "given", "recorded_at"))


def _whole_history(person: str, ids, purposes, rule) -> dict:
    """The state as the ledger's full history folds it: every record, oldest first."""
    rows = (ConsentRecord.objects.filter(**{f"{person}__in": ids}, purpose_id__in=[p.pk for p in purposes])
            .order_by("recorded_at", "id")
            .values_list("id", person, "purpose_id", "guardian_id", "given", "ended", "recorded_at",
                         "purpose_version__number"))
    if person == "pupil_id":
        gone = {(link.pupil_id, link.guardian_id) for link in family_services.EndedGuardianLink.objects.all()}
        linked = set(GuardianLink.objects.values_list("pupil_id", "guardian_id"))
        rows = [r for r in rows if (r[1], r[3]) not in gone or (r[1], r[3]) in linked]
    return state._reduce(rows, {p.pk: p.asked_from for p in purposes}, rule)


def assert_projection_is_the_ledger(world):
    assert _rows_stored() == _rows_from_scratch()
    purposes = list(Purpose.objects.active())
    pupils = list(Pupil.objects.values_list("pk", flat=True))
    read, folded = state.pupil_answers(pupils, purposes), _whole_history("pupil_id", pupils, purposes,
                                                                          state.guardian_rule())
    cells = [(pk, p.pk) for pk in pupils for p in purposes]
    assert [state.answer(read, *cell) for cell in cells] == [state.answer(folded, *cell) for cell in cells]
    groups = list(ClassGroup.objects.filter(pk__in=[world.group5.pk, world.group7.pk]))
    for row in counts.school_counts(groups, purposes).table:
        ids = list(Pupil.objects.active().filter(enrollments__group=row["group"]).values_list("pk", flat=True))
        for cell in row["cells"]:
            found = [state.answer(folded, pk, cell["purpose"].pk) for pk in ids]
            assert (cell["answered"], cell["yes"], cell["disagreements"]) == (
                sum(a.answered for a in found), sum(a.given for a in found), sum(a.disagreement for a in found))


def test_a_parents_yes_is_in_the_projection_at_once(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    assert CurrentAnswer.objects.filter(pupil=world.pupil5).count() == 2
    assert_projection_is_the_ledger(world)


def test_a_withdrawal_replaces_the_parents_row_and_adds_none(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(world.ouder5, world.pupil5, website=False)
    assert CurrentAnswer.objects.filter(pupil=world.pupil5).count() == 1
    assert current(world.pupil5, purposes["website"]).given is False
    assert_projection_is_the_ledger(world)


@pytest.mark.parametrize("rule", ["most_restrictive", "latest"])
def test_two_guardians_who_disagree_each_have_a_row(world, purposes, second_parent5, settings, rule):
    settings.CONSENT_GUARDIAN_RULE = rule
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    assert CurrentAnswer.objects.filter(pupil=world.pupil5).count() == 2
    assert current(world.pupil5, purposes["website"]).disagreement
    assert_projection_is_the_ledger(world)


def test_the_offices_paper_form_and_a_staff_members_own_answer_are_in_the_projection(world, purposes):
    services.record_office_entry(pupil=world.pupil5b, choices={purposes["website"].pk: True}, actor=world.administratie,
                                 method="telefoon", note="Moeder belde.")
    staff = world.medewerker.staff
    services.record_staff_choices(staff=staff, choices={purposes["website"].pk: True}, actor=world.medewerker)
    services.record_staff_choices(staff=staff, choices={purposes["website"].pk: False}, actor=world.medewerker)
    assert list(CurrentAnswer.objects.filter(staff=staff).values_list("given", flat=True)) == [False]
    assert state.answer(state.staff_answers([staff.pk]), staff.pk, purposes["website"].pk).answered
    assert_projection_is_the_ledger(world)


def test_after_a_re_ask_an_old_answer_counts_as_none_and_a_new_one_counts(world, purposes):
    website = purposes["website"]
    answer_as(world.ouder5, world.pupil5, website=True)
    services.update_purpose(purpose=website, name=website.name, explanation="Nu ook met namen.", covers_photo=True,
                            covers_film=True, covers_sound=False, is_public=website.is_public,
                            position=website.position, substantive=True, actor=world.directie)
    assert not current(world.pupil5, Purpose.objects.get(pk=website.pk)).answered
    assert_projection_is_the_ledger(world)
    answer_as(world.ouder5, world.pupil5, website=False)
    assert current(world.pupil5, Purpose.objects.get(pk=website.pk)).answered
    assert CurrentAnswer.objects.filter(pupil=world.pupil5, guardian=world.guardian5).count() == 1
    assert_projection_is_the_ledger(world)


def test_a_guardian_whose_link_ended_no_longer_counts(world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    family_services.remove_guardian(pupil=world.pupil5, guardian=Guardian.objects.get(user=second_parent5),
                                    reason="Geen gezag meer", actor=world.administratie)
    assert current(world.pupil5, purposes["website"]).given is True
    assert_projection_is_the_ledger(world)


def test_a_leaver_and_an_undone_leave_are_in_the_projection(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    people.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    assert current(world.pupil5, purposes["website"]).ended
    # The ended record voids the answers before it: their rows are gone.
    assert not CurrentAnswer.objects.filter(pupil=world.pupil5, ended=False).exists()
    assert_projection_is_the_ledger(world)
    people.undo_pupil_leave(pupil=world.pupil5, actor=world.administratie)
    assert current(world.pupil5, purposes["website"]).given is True
    assert_projection_is_the_ledger(world)


def test_the_retention_purge_deletes_a_leavers_rows_with_their_records(world, purposes, settings):
    answer_as(world.ouder7, world.pupil7, website=True)
    answer_as(world.ouder5, world.pupil5, website=True)
    people.mark_pupil_left(pupil=world.pupil7, left_on=timezone.localdate(), actor=world.administratie)
    long_ago = timezone.localdate() - datetime.timedelta(days=366 * settings.RETENTION_CONSENT_YEARS + 1)
    Pupil.objects.filter(pk=world.pupil7.pk).update(left_on=long_ago)
    retention.apply()
    assert not ConsentRecord.objects.filter(pupil=world.pupil7).exists()
    assert not CurrentAnswer.objects.filter(pupil=world.pupil7).exists()
    assert CurrentAnswer.objects.filter(pupil=world.pupil5).exists()
    assert_projection_is_the_ledger(world)


def test_a_record_saved_with_an_older_time_does_not_replace_a_newer_one(world, purposes):
    from consent.current import services as projection

    answer_as(world.ouder5, world.pupil5, website=True)
    website = purposes["website"]
    earlier = ConsentRecord(pupil=world.pupil5, purpose=website, purpose_version=website.current_version, given=False,
                            guardian=world.guardian5, decider_role="ouder", decided_by_name="test", method="web",
                            text_sha256="x" * 64, recorded_at=timezone.now() - datetime.timedelta(hours=1))
    projection.append([earlier])
    assert current(world.pupil5, website).given is True
    assert_projection_is_the_ledger(world)


# --- a fixed number of questions, whatever the school's size


def _grow(world, purposes, n: int, prefix: str) -> list[Pupil]:
    """n more pupils in group 5, each with two guardians who both answered every purpose."""
    added = []
    for i in range(n):
        pupil = make_pupil(f"{prefix}{i}", "Groei", world.group5)
        for k in (0, 1):
            guardian = Guardian.objects.create(first_name="G", last_name=f"{prefix}{i}-{k}")
            GuardianLink.objects.create(guardian=guardian, pupil=pupil)
            services.record_office_entry(pupil=pupil, guardian=guardian, choices={p.pk: k == 0 or i % 2 == 0
                                                                                  for p in purposes.values()},
                                         actor=world.administratie, method="telefoon", note="Gebeld.")
        added.append(pupil)
    return added


def test_the_overview_asks_as_many_questions_for_three_times_the_pupils(world, purposes, client_for,
                                                                        django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.directie)
    client.get(reverse("consent:overview"))  # once before counting, as for the check
    _grow(world, purposes, 5, "a")
    # The first request after a change counts, the next one reads the snapshot: both the same
    # at three times the pupils.
    with CaptureQueriesContext(connection) as counting:
        assert client.get(reverse("consent:overview")).status_code == 200
    with CaptureQueriesContext(connection) as remembered:
        assert client.get(reverse("consent:overview")).status_code == 200
    _grow(world, purposes, 10, "b")
    with django_assert_num_queries(len(counting.captured_queries)):
        assert client.get(reverse("consent:overview")).status_code == 200
    with django_assert_num_queries(len(remembered.captured_queries)):
        assert client.get(reverse("consent:overview")).status_code == 200


def test_the_publication_check_asks_as_many_questions_for_three_times_the_pupils(world, purposes, client_for,
                                                                                 django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = _grow(world, purposes, 5, "a")
    _token, raw = services.create_integration_token(name="site", purposes=[purposes["website"]], actor=world.directie)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    teacher = client_for(world.leerkracht5)

    def ask(pupils):
        answered = api.get(reverse("consent_api:pupils"), {"channel": "website",
                                                             "pupils": ",".join(str(p.pk) for p in pupils)})
        checked = teacher.post(reverse("publications:check"), {"kanaal": "website", "actie": "controleren",
                                                                "p": [f"pupil-{p.pk}" for p in pupils]})
        assert answered.status_code == 200 and checked.status_code == 200
        return answered.json()

    ask(few)  # once before counting: the first request of a session asks a few things once
    with CaptureQueriesContext(connection) as small:
        ask(few)
    many = few + _grow(world, purposes, 10, "b")
    with django_assert_num_queries(len(small.captured_queries)):
        result = ask(many)
    assert sum(1 for p in result["pupils"] if p["allowed"]) == 8  # both guardians said yes for the even ones


def test_the_migration_fills_the_projection_the_services_keep(world, purposes, second_parent5):
    import importlib

    from django.apps import apps

    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    answer_as(second_parent5, world.pupil5, website=False)
    people.mark_pupil_left(pupil=world.pupil7, left_on=timezone.localdate(), actor=world.administratie)
    kept = _rows_stored()
    CurrentAnswer.objects.all().delete()
    importlib.import_module("consent.migrations.0007_current_answers").fill(apps, None)
    assert _rows_stored() == kept
