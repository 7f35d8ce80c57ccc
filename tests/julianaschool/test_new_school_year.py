"""Issue 14, item 6: the office plans the next school year, saves it all at once, and it starts on its first day."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from julianaschool import access, group_services, year_services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, ClassGroup, Enrollment, Pupil, SchoolYear, YearPlan, YearPlanStatus
from tests.helpers import make_pupil


@pytest.fixture
def june(world):
    """The world's school year ends in three weeks: the plan for the next one is open."""
    today = timezone.localdate()
    ends_on = today + datetime.timedelta(days=21)
    name = SchoolYear.for_date(ends_on)
    start = int(name[:4])
    SchoolYear.objects.filter(pk=world.school_year.pk).update(starts_on=today - datetime.timedelta(days=300),
                                                               ends_on=ends_on, name=f"{start - 1}-{start}")
    world.school_year.refresh_from_db()
    world.group8 = ClassGroup.objects.create(school_year=world.school_year, name="8")
    world.group45 = ClassGroup.objects.create(school_year=world.school_year, name="4/5")
    world.pupil8 = make_pupil("Bram", "Claassen", world.group8, born=datetime.date(2013, 2, 2))
    world.pupil45 = make_pupil("Lotte", "van Dijk", world.group45, born=datetime.date(2017, 4, 4))
    return world


def test_the_proposal_moves_every_group_and_pupil_up_and_groep_8_leaves(june):
    data = year_services.propose(year=june.school_year)
    names = {g["key"]: g["name"] for g in data["groups"]}
    assert sorted(names.values()) == ["5/6", "6", "8"]
    assert names[data["pupils"][str(june.pupil5.pk)]] == "6"
    assert names[data["pupils"][str(june.pupil7.pk)]] == "8"
    assert names[data["pupils"][str(june.pupil45.pk)]] == "5/6"
    assert data["pupils"][str(june.pupil8.pk)] == ""


def test_group_names_move_up():
    assert [year_services.moved_up(n) for n in ["3", "4/5", "7/8", "8", "1/2"]] == ["4", "5/6", "8", None, "2/3"]


def test_nothing_is_saved_before_the_office_saves_the_whole_plan(june, world, client_for):
    client = client_for(world.administratie)
    client.post(reverse("people:new_year"))
    assert YearPlan.objects.get().status == YearPlanStatus.DRAFT
    assert SchoolYear.objects.count() == 1
    preview = client.get(reverse("people:new_year_preview")).content.decode()
    assert "Groep 6" in preview and "Bram Claassen" in preview


def test_the_office_changes_the_proposal_a_pupil_stays_back_and_a_new_combination_group(june, world, client_for):
    client = client_for(world.administratie)
    client.post(reverse("people:new_year"))
    plan = YearPlan.objects.get()
    key5 = next(g["key"] for g in plan.data["groups"] if g["name"] == "6")
    client.post(reverse("people:new_year"), {"nieuw-naam": "5", "nieuw-jaargroepen": ""})
    plan.refresh_from_db()
    key_new = next(g["key"] for g in plan.data["groups"] if g["name"] == "5")
    client.post(reverse("people:new_year"), {f"p-{june.pupil5b.pk}": key_new, f"g-{key5}-naam": "6",
                                             f"g-{key5}-leerkrachten": [june.leerkracht7.staff.pk]})
    plan.refresh_from_db()
    assert plan.data["pupils"][str(june.pupil5b.pk)] == key_new
    assert [t for t, _r in next(g for g in plan.data["groups"] if g["key"] == key5)["teachers"]] == [june.leerkracht7.staff.pk]


def test_saving_writes_the_next_year_all_at_once_and_it_starts_on_its_first_day(june, world, client_for):
    client = client_for(world.administratie)
    client.post(reverse("people:new_year"))
    plan = YearPlan.objects.get()
    key6 = next(g["key"] for g in plan.data["groups"] if g["name"] == "6")
    client.post(reverse("people:new_year"), {f"g-{key6}-naam": "6", f"g-{key6}-leerkrachten": [world.leerkracht5.staff.pk]})
    response = client.post(reverse("people:new_year_save"))
    assert response.status_code == 302
    plan.refresh_from_db()
    next_year = plan.to_year
    assert plan.status == YearPlanStatus.SAVED and next_year.starts_on == june.school_year.ends_on + datetime.timedelta(days=1)
    assert june.pupil5.group_in(next_year).name == "6"
    # Until the new year starts, everyone is where they are; the teacher keeps this year's group.
    assert list(access.taught_groups(world.leerkracht5)) == [june.group5]
    assert Pupil.objects.get(pk=june.pupil8.pk).left_on is None
    call_command("start_school_year", date=next_year.starts_on.isoformat())
    assert Pupil.objects.get(pk=june.pupil8.pk).left_on == june.school_year.ends_on
    assert Pupil.objects.get(pk=june.pupil5.pk).enrollments.count() == 2
    assert YearPlan.objects.get().status == YearPlanStatus.STARTED
    entries = AuditEntry.objects.filter(action=CoreAction.YEAR_PLAN_STARTED).count()
    call_command("start_school_year", date=next_year.starts_on.isoformat())
    assert AuditEntry.objects.filter(action=CoreAction.YEAR_PLAN_STARTED).count() == entries
    assert list(access.taught_groups(world.leerkracht5, next_year)) == [ClassGroup.objects.get(school_year=next_year, name="6")]


def test_a_plan_with_a_problem_saves_nothing(june, world):
    plan = year_services.start_plan(year=june.school_year, actor=world.administratie)
    data = {**plan.data, "groups": [{**g, "name": "6"} for g in plan.data["groups"]]}
    with pytest.raises(Exception, match="twee groepen"):
        year_services.update_plan(plan=plan, data=data, actor=world.administratie)
    assert SchoolYear.objects.count() == 1 and not Enrollment.objects.filter(school_year__starts_on__gt=june.school_year.ends_on)


def test_the_plan_is_reopened_and_saved_again(june, world):
    plan = year_services.start_plan(year=june.school_year, actor=world.administratie)
    plan = year_services.save_plan(plan=plan, actor=world.administratie)
    data = dict(plan.data)
    data["pupils"] = {**data["pupils"], str(june.pupil8.pk): data["pupils"][str(june.pupil7.pk)]}  # stays back
    plan = year_services.update_plan(plan=plan, data=data, actor=world.administratie)
    plan = year_services.save_plan(plan=plan, actor=world.administratie)
    assert june.pupil8.group_in(plan.to_year).name == "8"
    assert Enrollment.objects.filter(school_year=plan.to_year, pupil=june.pupil8).count() == 1


def test_the_plan_opens_in_june(world, client_for):
    SchoolYear.objects.filter(pk=world.school_year.pk).update(ends_on=timezone.localdate() + datetime.timedelta(days=200),
                                                               starts_on=timezone.localdate() - datetime.timedelta(days=100))
    world.school_year.refresh_from_db()
    if year_services.opens_on(world.school_year) <= timezone.localdate():
        pytest.skip("today is already in the plan's months")
    client = client_for(world.administratie)
    assert "kan worden voorbereid vanaf" in client.get(reverse("people:new_year")).content.decode()
    client.post(reverse("people:new_year"))
    assert not YearPlan.objects.exists()


def test_the_yearly_check_mail_is_offered_with_its_count(june, world, client_for,
                                                         django_capture_on_commit_callbacks):
    client = client_for(world.administratie)
    assert "gaat naar 2 ouders/verzorgers" in client.get(reverse("people:new_year_check_mail")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:new_year_check_mail"), {"bevestig": "ja"})
    assert len(mail.outbox) == 2


def test_a_teacher_cannot_plan_the_next_year(june, world, client_for):
    assert client_for(world.leerkracht5).get(reverse("people:new_year")).status_code == 403


def test_a_move_in_the_plan_keeps_the_history_of_this_year(june, world):
    group_services.move_pupil(pupil=june.pupil5, group=june.group7, on=timezone.localdate(), actor=world.administratie)
    data = year_services.propose(year=june.school_year)
    names = {g["key"]: g["name"] for g in data["groups"]}
    assert names[data["pupils"][str(june.pupil5.pk)]] == "8"


def test_a_pupil_registered_after_the_plan_was_made_joins_it_one_group_up(june, world):
    plan = year_services.start_plan(year=june.school_year, actor=world.administratie)
    newcomer = make_pupil("Nina", "Vos", june.group5)
    plan = year_services.update_plan(plan=plan, data=plan.data, actor=world.administratie)
    names = {g["key"]: g["name"] for g in plan.data["groups"]}
    assert names[plan.data["pupils"][str(newcomer.pk)]] == "6"
