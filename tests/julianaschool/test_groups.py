"""Issue 14, item 2: groups of a school year and their teachers, duo teachers with a role each."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from julianaschool import access, edex_services, group_services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, ClassGroup, GroupTeacher, SchoolYear, TeacherRole
from tests.helpers import make_pupil


def test_the_office_creates_a_combination_group_whose_year_groups_are_known(world, client_for):
    response = client_for(world.administratie).post(reverse("people:groups") + f"?jaar={world.school_year.pk}",
                                              {"name": "4/5", "year_groups": ""})
    group = ClassGroup.objects.get(school_year=world.school_year, name="4/5")
    assert response.status_code == 302 and group.grades == [4, 5] and group.is_combination
    assert AuditEntry.objects.filter(action=CoreAction.GROUP_CREATED, object_id=str(group.pk)).exists()


def test_a_group_name_is_unique_in_its_school_year(world, client_for):
    response = client_for(world.administratie).post(reverse("people:groups"), {"name": "5"})
    assert response.status_code == 200 and "al een groep 5" in response.content.decode()


def test_the_office_renames_a_group_and_its_pupils_stay(world, client_for):
    client_for(world.administratie).post(reverse("people:group", args=[world.group5.pk]), {"name": "5a", "year_groups": "5"})
    world.group5.refresh_from_db()
    assert world.group5.name == "5a"
    assert world.pupil5.group_in(world.school_year) == world.group5


def test_duo_teachers_with_a_role_both_see_their_group(world, client_for):
    response = client_for(world.administratie).post(reverse("people:group_assign", args=[world.group5.pk]),
                                              {"teacher": world.leerkracht7.staff.pk, "role": TeacherRole.GROUP_TEACHER})
    assert response.status_code == 302
    assert set(access.taught_groups(world.leerkracht7)) == {world.group5, world.group7}
    assert GroupTeacher.objects.get(group=world.group5, teacher=world.leerkracht7.staff).role == "groepsleerkracht"
    assert client_for(world.leerkracht7).get(reverse("consent:class_sheet", args=[world.group5.pk])).status_code == 200


def test_a_teacher_taken_off_a_group_no_longer_sees_it(world, client_for):
    client_for(world.administratie).post(reverse("people:group_unassign", args=[world.group5.pk]),
                                   {"leerkracht": world.leerkracht5.staff.pk})
    assert not access.taught_groups(world.leerkracht5).exists()
    assert client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).status_code == 404


def test_a_teacher_sees_this_years_groups_not_last_years(world):
    last = SchoolYear.objects.create(name="2000-2001", starts_on=datetime.date(2000, 8, 1), ends_on=datetime.date(2001, 7, 31))
    old = group_services.create_group(school_year=last, name="3", actor=world.administratie)
    group_services.assign_teacher(group=old, teacher=world.leerkracht5.staff, actor=world.administratie)
    assert list(access.taught_groups(world.leerkracht5)) == [world.group5]


def test_a_group_with_pupils_cannot_end(world):
    with pytest.raises(ValidationError, match="nog leerlingen"):
        group_services.end_group(group=world.group5, ended_on=world.school_year.ends_on, actor=world.administratie)
    empty = group_services.create_group(school_year=world.school_year, name="6", actor=world.administratie)
    empty = group_services.end_group(group=empty, ended_on=world.school_year.ends_on, actor=world.administratie)
    assert empty.ended_on == world.school_year.ends_on


def test_a_teacher_sees_no_other_groups_page(world, client_for):
    assert client_for(world.leerkracht5).get(reverse("people:group", args=[world.group5.pk])).status_code == 403


def test_the_edex_import_assigns_teachers_through_the_group_teacher_model(world):
    group_services.assign_teachers_in_bulk(pairs=[(world.group7, world.leerkracht5.staff)])
    assert world.group7 in access.taught_groups(world.leerkracht5)
    assert edex_services.group_services is group_services
    make_pupil("Noor", "Amrani", world.group7)


def test_a_group_is_created_in_the_school_year_the_office_is_looking_at(world, client_for):
    nxt = SchoolYear.objects.create(name="2099-2100", starts_on=datetime.date(2099, 8, 1), ends_on=datetime.date(2100, 7, 31))
    page = client_for(world.administratie).get(reverse("people:groups"), {"jaar": nxt.pk}).content.decode()
    assert f'action="?jaar={nxt.pk}"' in page
    client_for(world.administratie).post(reverse("people:groups") + f"?jaar={nxt.pk}", {"name": "3"})
    assert ClassGroup.objects.filter(school_year=nxt, name="3").exists()
