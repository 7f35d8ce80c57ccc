"""Publications and takedowns (issue 16): the check before posting, the record of what went
online, and the takedown list after a parent says no."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from consent import services as consent_services
from consent.models import ConsentRecord, Purpose
from consent.publications import services
from consent.publications.check import verdicts
from consent.publications.models import Publication, PublicationPerson, Takedown, TakedownDone
from julianaschool import retention
from julianaschool import school_calendar as calendar
from julianaschool import services as people
from julianaschool.models import DayOff, DayOffKind
from tests.consent.helpers import answer_as
from tests.helpers import make_pupil


def publish(world, purpose, *people_shown, by=None, title="Schoolreis Ouwehands"):
    """Register a publication: people_shown are persons (recognisable) or (person, False)."""
    shown = []
    for item in people_shown:
        person, recognisable = item if isinstance(item, tuple) else (item, True)
        shown.append(services.Shown(person=person, recognisable=recognisable))
    return services.register_publication(purpose=purpose, title=title, published_on=timezone.localdate(),
                                         location="album op Parro", people=shown, actor=by or world.leerkracht5)


def verdict(purpose, pupil):
    return verdicts(purpose=purpose, pupils=[pupil])[0]


# --- the check


def test_check_counts_no_answer_as_no(world, purposes):
    found = verdict(purposes["parro"], world.pupil5)
    assert (found.allowed, found.outcome) == (False, "open")


def test_check_allows_after_a_yes_and_refuses_after_a_no(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True, website=False)
    assert verdict(purposes["parro"], world.pupil5).allowed is True
    found = verdict(purposes["website"], world.pupil5)
    assert (found.allowed, found.outcome) == (False, "nee")


def test_check_with_two_guardians_a_no_by_either_is_a_no(world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, parro=True)
    assert verdict(purposes["parro"], world.pupil5).allowed is True
    answer_as(second_parent5, world.pupil5, parro=False)
    assert verdict(purposes["parro"], world.pupil5).allowed is False


def test_check_under_the_latest_rule_the_last_answer_counts(world, purposes, second_parent5, settings):
    settings.CONSENT_GUARDIAN_RULE = "latest"
    answer_as(world.ouder5, world.pupil5, parro=False)
    answer_as(second_parent5, world.pupil5, parro=True)
    assert verdict(purposes["parro"], world.pupil5).allowed is True


def test_check_refuses_a_pupil_who_left(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    people.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    world.pupil5.refresh_from_db()
    found = verdict(purposes["parro"], world.pupil5)
    assert (found.allowed, found.outcome) == (False, "beeindigd")


def test_check_uses_staff_members_own_answers(world, purposes):
    staff = world.leerkracht7.staff
    consent_services.record_staff_choices(staff=staff, choices={purposes["parro"].pk: True}, actor=world.leerkracht7)
    assert verdicts(purpose=purposes["parro"], staff=[staff])[0].allowed is True
    assert verdicts(purpose=purposes["website"], staff=[staff])[0].allowed is False


def test_the_check_page_lists_a_group_the_dutch_way(world, client_for):
    world.pupil5.tussenvoegsel, world.pupil5.last_name = "de", "Vries"
    world.pupil5.save()
    for first, tussenvoegsel, last in (("Liam", "de", "Wit"), ("Eva", "van den", "Berg")):
        pupil = make_pupil(first, last, world.group5)
        pupil.tussenvoegsel = tussenvoegsel
        pupil.save()
    page = client_for(world.leerkracht5).get(reverse("publications:check"), {"groep": world.group5.pk}).content.decode()
    names = ["Eva van den Berg", "Daan Jansen", "Sanne de Vries", "Liam de Wit"]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)


# --- the publication record


def test_someone_who_may_not_be_shown_can_only_be_registered_as_made_unrecognisable(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    with pytest.raises(ValidationError) as refused:
        publish(world, purposes["parro"], world.pupil5, world.pupil5b)
    assert "Daan Jansen" in str(refused.value)
    assert not Publication.objects.exists()
    publication = publish(world, purposes["parro"], world.pupil5, (world.pupil5b, False))
    daan = publication.people.get(pupil=world.pupil5b)
    assert (daan.recognisable, daan.allowed, daan.outcome) == (False, False, "open")


def test_the_database_refuses_recognisable_for_someone_not_allowed(world, purposes):
    publication = publish(world, purposes["parro"], (world.pupil5b, False))
    with pytest.raises(DatabaseError), transaction.atomic():
        PublicationPerson.objects.create(publication=publication, pupil=world.pupil5, recognisable=True,
                                         allowed=False, outcome="open")


def test_publication_keeps_the_ledger_records_the_check_relied_on(world, purposes, second_parent5):
    records = answer_as(world.ouder5, world.pupil5, parro=True) + answer_as(second_parent5, world.pupil5, parro=True)
    entry = publish(world, purposes["parro"], world.pupil5).people.get()
    assert (entry.allowed, entry.outcome) == (True, "ja")
    assert entry.relied_on == sorted(r.pk for r in records)


def test_publications_and_takedowns_cannot_be_changed_or_deleted(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publication = publish(world, purposes["parro"], world.pupil5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    for queryset in (Publication.objects.all(), PublicationPerson.objects.all(), Takedown.objects.all()):
        with pytest.raises(DatabaseError), transaction.atomic():
            queryset.update(created_at=timezone.now()) if queryset.model is not PublicationPerson else \
                queryset.update(recognisable=False)
        with pytest.raises(DatabaseError), transaction.atomic():
            queryset.delete()
    assert Publication.objects.get().title == publication.title


def test_a_correction_is_a_new_entry_and_the_old_one_stays(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    first = publish(world, purposes["parro"], world.pupil5, title="Schoolreis")
    corrected = services.register_publication(
        purpose=purposes["parro"], title="Schoolreis Ouwehands", published_on=first.published_on, location="Parro",
        people=[services.Shown(person=world.pupil5, recognisable=False)], actor=world.leerkracht5, replaces=first)
    assert list(Publication.objects.current()) == [corrected]
    assert Publication.objects.count() == 2
    # Only the current entry counts for takedowns: Sanne is unrecognisable on it.
    answer_as(world.ouder5, world.pupil5, parro=False)
    assert not Takedown.objects.exists()


# --- takedowns


def test_withdrawal_puts_every_recognisable_publication_on_that_channel_on_the_list(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    shown = [publish(world, purposes["website"], world.pupil5, title=f"Nieuws {i}") for i in range(3)]
    publish(world, purposes["website"], (world.pupil5, False), title="Vervaagd")
    publish(world, purposes["parro"], world.pupil5, title="Parro-album")
    records = answer_as(world.ouder5, world.pupil5, website=False)
    takedowns = list(Takedown.objects.order_by("publication_id"))
    assert [t.publication for t in takedowns] == shown
    assert {t.reason for t in takedowns} == {"ingetrokken"}
    assert {t.assigned_to for t in takedowns} == {world.leerkracht5}
    assert {t.due_on for t in takedowns} == {calendar.add_school_days(timezone.localdate(), 5)}
    assert {t.cause_submission for t in takedowns} == {records[0].submission}


def test_a_guardians_no_under_the_most_restrictive_rule_makes_a_takedown(world, purposes, second_parent5):
    answer_as(world.ouder5, world.pupil5, parro=True)
    answer_as(second_parent5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    answer_as(second_parent5, world.pupil5, parro=False)
    assert Takedown.objects.get().reason == "ouder_nee"


def test_no_takedown_when_the_other_guardians_yes_counts_under_the_latest_rule(
        world, purposes, second_parent5, settings):
    settings.CONSENT_GUARDIAN_RULE = "latest"
    answer_as(world.ouder5, world.pupil5, parro=False)
    answer_as(second_parent5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    answer_as(second_parent5, world.pupil5, parro=True)
    assert not Takedown.objects.exists()


def test_a_purpose_asked_again_after_a_substantive_change_makes_takedowns(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    publish(world, purposes["website"], world.pupil5)
    website = Purpose.objects.select_related("current_version").get(slug="website")
    consent_services.update_purpose(purpose=website, name=website.name, explanation="Nu ook met namen erbij.",
                                    covers_photo=True, covers_film=True, covers_sound=False, is_public=True,
                                    position=website.position, substantive=True, actor=world.directie)
    assert Takedown.objects.get().reason == "opnieuw_gevraagd"


def test_a_pupil_who_leaves_gets_takedowns_for_their_recognisable_publications(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    people.mark_pupil_left(pupil=world.pupil5, left_on=timezone.localdate(), actor=world.administratie)
    assert Takedown.objects.get().reason == "uitgeschreven"


def test_giving_consent_again_does_not_undo_a_done_takedown_and_a_second_no_makes_no_second_task(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    takedown = Takedown.objects.get()
    services.mark_takedown_done(takedown=takedown, outcome="onherkenbaar", note="Gezicht vervaagd",
                                actor=world.leerkracht5)
    answer_as(world.ouder5, world.pupil5, parro=True)
    answer_as(world.ouder5, world.pupil5, parro=False)
    done = TakedownDone.objects.get()
    assert (done.takedown, done.outcome, done.done_by, done.note) == (takedown, "onherkenbaar", world.leerkracht5,
                                                                     "Gezicht vervaagd")
    assert Takedown.objects.count() == 1
    with pytest.raises(ValidationError):
        services.mark_takedown_done(takedown=takedown, outcome="verwijderd", actor=world.leerkracht5)


def test_takedown_search_takes_the_same_queries_however_many_publications(world, purposes,
                                                                        django_assert_max_num_queries):
    answer_as(world.ouder5, world.pupil5, website=True)
    for i in range(3):
        publish(world, purposes["website"], world.pupil5, title=f"Nieuws {i}")
    entries = PublicationPerson.objects.count()
    answer_as(world.ouder5, world.pupil5, website=False)
    record = ConsentRecord.objects.filter(given=False).latest("pk")
    # A fresh no for another batch: same queries with 3 or 30 publications.
    answer_as(world.ouder5, world.pupil5, website=True)
    for i in range(30):
        publish(world, purposes["website"], world.pupil5, title=f"Meer {i}")
    assert PublicationPerson.objects.count() == entries + 30
    with django_assert_max_num_queries(8):
        services.takedowns_after_ledger_change(records=[record])


def test_due_date_counts_school_days_skipping_weekends_and_holidays(world):
    friday = datetime.date(2026, 11, 27)
    assert calendar.add_school_days(friday, 1) == datetime.date(2026, 11, 30)
    assert calendar.add_school_days(friday, 5) == datetime.date(2026, 12, 4)
    DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.STUDY_DAY, name="Studiedag",
                          starts_on=datetime.date(2026, 12, 1), ends_on=datetime.date(2026, 12, 1))
    assert calendar.add_school_days(friday, 5) == datetime.date(2026, 12, 7)


def test_the_reminder_goes_the_school_day_before_it_is_due_and_only_once(world, purposes,
                                                                       django_capture_on_commit_callbacks):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    due = Takedown.objects.get().due_on
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_takedown_reminders(today=due - datetime.timedelta(days=10)) == 0
        day_before = due - datetime.timedelta(days=1 if due.weekday() else 3)
        assert services.send_takedown_reminders(today=day_before) == 1
        assert services.send_takedown_reminders(today=day_before) == 0
    assert [m.to for m in mail.outbox] == [[world.leerkracht5.email]]
    assert "Schoolreis Ouwehands" in mail.outbox[0].subject


# --- what people see


def test_the_receipt_says_how_many_publications_will_be_adapted(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, website=True)
    for i in range(3):
        publish(world, purposes["website"], world.pupil5, title=f"Nieuws {i}")
    records = answer_as(world.ouder5, world.pupil5, website=False)
    page = client_for(world.ouder5).get(reverse("consent:receipt", args=[records[0].submission])).content.decode()
    assert "Daardoor worden 3 publicaties aangepast" in page


def test_the_childs_page_and_export_list_the_publications_with_their_takedowns(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, parro=True)
    answer_as(world.ouder7, world.pupil7, parro=True)
    publish(world, purposes["parro"], world.pupil5, title="Schoolreis Ouwehands")
    publish(world, purposes["parro"], world.pupil7, title="Alleen Mila", by=world.leerkracht7)
    answer_as(world.ouder5, world.pupil5, parro=False)
    client = client_for(world.ouder5)
    page = client.get(reverse("consent:pupil", args=[world.pupil5.pk])).content.decode()
    assert "Schoolreis Ouwehands" in page and "Verwijdertaak" in page
    assert "Alleen Mila" not in page
    export = client.get(reverse("consent:pupil_export", args=[world.pupil5.pk])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export), delimiter=";"))
    assert ["Schoolreis Ouwehands", purposes["parro"].name] in [row[:2] for row in rows]
    assert "Alleen Mila" not in export


def test_teacher_sees_her_own_publications_and_takedowns_not_anothers(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publication = publish(world, purposes["parro"], world.pupil5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    takedown = Takedown.objects.get()
    own = client_for(world.leerkracht5)
    assert "Schoolreis Ouwehands" in own.get(reverse("publications:mine")).content.decode()
    assert "Schoolreis Ouwehands" in own.get(reverse("dashboard")).content.decode()
    other = client_for(world.leerkracht7)
    assert "Schoolreis Ouwehands" not in other.get(reverse("publications:mine")).content.decode()
    assert other.get(reverse("publications:publication", args=[publication.pk])).status_code == 404
    assert other.get(reverse("publications:takedown", args=[takedown.pk])).status_code == 404
    response = own.post(reverse("publications:takedown", args=[takedown.pk]), {"outcome": "verwijderd", "note": "weg"})
    assert response.status_code == 302
    assert TakedownDone.objects.get().done_by == world.leerkracht5


def test_directie_sees_every_takedown_and_a_csv_without_names(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, parro=True)
    publish(world, purposes["parro"], world.pupil5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    client = client_for(world.directie)
    page = client.get(reverse("publications:overview")).content.decode()
    assert "Sanne de Vries" in page and "Schoolreis Ouwehands" in page
    assert "Verwijdertaken in de school: 1 open" in client.get(reverse("dashboard")).content.decode()
    export = client.get(reverse("publications:overview_csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export), delimiter=";"))
    assert rows[1][:5] == [purposes["parro"].name, f"{timezone.localdate():%Y-%m}", "1", "1", "1"]
    assert "Sanne" not in export and "Schoolreis" not in export


# --- the check page


def _check(client, purpose, *pupils, **extra):
    data = {"kanaal": purpose.slug, "p": [f"pupil-{p.pk}" for p in pupils], "actie": "controleren", **extra}
    return client.post(reverse("publications:check"), data)


def test_check_page_shows_who_may_and_who_may_not(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, parro=True)
    page = _check(client_for(world.leerkracht5), purposes["parro"], world.pupil5, world.pupil5b).content.decode()
    assert "Mag niet:</strong> Daan Jansen" in page
    assert "Mag:</strong> 1" in page


def test_check_page_registers_with_the_refused_child_made_unrecognisable(world, purposes, client_for):
    answer_as(world.ouder5, world.pupil5, parro=True)
    client = client_for(world.leerkracht5)
    refused = _check(client, purposes["parro"], world.pupil5, world.pupil5b, actie="registreren",
                     title="Schoolreis Ouwehands")
    assert refused.status_code == 200 and f"Mag niet herkenbaar op {purposes['parro'].name}: Daan Jansen" in refused.content.decode()
    assert not Publication.objects.exists()
    response = _check(client, purposes["parro"], world.pupil5, world.pupil5b, actie="registreren",
                      title="Schoolreis Ouwehands", onherkenbaar=[f"pupil-{world.pupil5b.pk}"])
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert {(e.pupil, e.recognisable) for e in publication.people.all()} == {(world.pupil5, True),
                                                                             (world.pupil5b, False)}


def test_check_page_answers_bad_input_with_a_dutch_message_and_changes_nothing(world, purposes, client_for):
    client = client_for(world.leerkracht5)
    response = client.post(reverse("publications:check"), {"kanaal": "parro", "p": ["pupil-x'; drop"],
                                                          "actie": "registreren", "title": "x"})
    assert response.status_code == 200
    assert "De gekozen personen zijn niet te lezen" in response.content.decode()
    response = client.post(reverse("publications:check"), {"kanaal": "bestaat-niet", "actie": "controleren"})
    assert "Kanaal: kies een van de kanalen." in response.content.decode()
    assert not Publication.objects.exists()


# --- retention


def test_a_leavers_publication_entries_are_purged_with_their_consent_records(world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    answer_as(world.ouder7, world.pupil7, parro=True)
    alone = publish(world, purposes["parro"], world.pupil7, by=world.leerkracht7, title="Alleen Mila")
    together = publish(world, purposes["parro"], world.pupil5, world.pupil7, title="Samen")
    people.mark_pupil_left(pupil=world.pupil7, left_on=timezone.localdate(), actor=world.administratie)
    assert Takedown.objects.filter(entry__pupil=world.pupil7).count() == 2
    type(world.pupil7).objects.filter(pk=world.pupil7.pk).update(
        left_on=retention.years_before(timezone.localdate(), 2) - datetime.timedelta(days=10))
    retention.apply()
    assert not PublicationPerson.objects.filter(pupil=world.pupil7).exists()
    assert not Takedown.objects.exists()
    assert not Publication.objects.filter(pk=alone.pk).exists()
    assert list(Publication.objects.get(pk=together.pk).people.values_list("pupil", flat=True)) == [world.pupil5.pk]
