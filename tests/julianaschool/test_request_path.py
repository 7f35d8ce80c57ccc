"""What every request pays before its view: the user with roles, records and second factor in
two queries, the school year once, no session write; and the pupil list and the dashboard ask as
many queries for three times the pupils."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from julianaschool.models import ClassGroup, Enrollment, Guardian, GuardianLink, Pupil, SchoolYear
from julianaschool.security.backends import PortalModelBackend

User = get_user_model()


def _captured(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in context.captured_queries]


def _touching(queries, table) -> list[str]:
    return [q for q in queries if f'"{table}"' in q]


def test_a_teacher_s_page_loads_the_user_roles_and_staff_record_in_two_queries(world, client_for):
    queries = _captured(client_for(world.leerkracht5), reverse("dashboard"))
    users = [q for q in queries if 'FROM "auth_user" u ' in q]
    assert len(users) == 1 and '"julianaschool_staffmember"' in users[0] and "otp_totp_totpdevice" in users[0]
    assert len([q for q in _touching(queries, "auth_group") if '"auth_user_groups"' in q]) == 1
    # No second look-up of the staff record itself (dashboard sections may join it, e.g. the
    # pupil or staff member a takedown is about).
    assert [q for q in queries if q.startswith('SELECT "julianaschool_staffmember"')] == []


def test_the_request_s_user_holds_the_same_values_as_the_orm_would_load(world):
    # The user is loaded with fixed SQL (security/backends.py): every field, converted as the ORM
    # converts it (dates, times, booleans), with the staff or guardian record attached.
    world.leerkracht5.last_login = timezone.now()
    world.leerkracht5.save()
    for user in (world.leerkracht5, world.ouder5, world.bestuur):
        loaded = PortalModelBackend().get_user(user.pk)
        fresh = User.objects.get(pk=user.pk)
        fields = [f.attname for f in User._meta.concrete_fields]
        assert [getattr(loaded, f) for f in fields] == [getattr(fresh, f) for f in fields]
        for relation in ("staff", "guardian"):
            expected = getattr(fresh, relation, None)
            with CaptureQueriesContext(connection) as context:
                got = getattr(loaded, relation, None)
            assert context.captured_queries == []
            if expected is None:
                assert got is None
            else:
                names = [f.attname for f in type(expected)._meta.concrete_fields]
                assert [getattr(got, f) for f in names] == [getattr(expected, f) for f in names]
                assert got.user is loaded


def test_the_school_year_is_looked_up_once_per_request(world, client_for):
    queries = _captured(client_for(world.leerkracht5), reverse("dashboard"))
    assert len([q for q in queries if q.startswith('SELECT') and 'FROM "julianaschool_schoolyear"' in q]) == 1


def test_a_request_does_not_write_the_session_it_did_not_change(world, client_for):
    queries = _captured(client_for(world.ouder5), reverse("dashboard"))
    assert [q for q in _touching(queries, "django_session") if not q.startswith("SELECT")] == []


def test_a_user_with_an_authenticator_still_owes_the_code_with_the_lean_user(world, client_for):
    TOTPDevice.objects.create(user=world.directie, name="app", confirmed=True)
    response = client_for(world.directie).get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("security:otp_verify") in response.url


def test_an_authenticator_that_was_never_confirmed_asks_no_code_of_the_lean_user(world, client_for):
    TOTPDevice.objects.create(user=world.directie, name="app", confirmed=False)
    assert client_for(world.directie).get(reverse("dashboard")).status_code == 200


def test_the_menu_is_the_same_for_the_same_roles_and_follows_the_language(world, client_for):
    dutch = client_for(world.directie).get(reverse("dashboard")).content.decode()
    assert "Audittrail" in dutch and "Toestemming overzicht" in dutch
    teacher = client_for(world.leerkracht5).get(reverse("dashboard")).content.decode()
    assert "Audittrail" not in teacher
    english = client_for(world.directie)
    english.cookies["django_language"] = "en"
    assert "Audit trail" in english.get(reverse("dashboard")).content.decode()


def _pupils(world, n: int, prefix: str) -> None:
    batch = Pupil.objects.bulk_create([Pupil(first_name=f"{prefix}{i:03d}", last_name="Lijst",
                                             date_of_birth=datetime.date(2017, 1, 1)) for i in range(n)])
    Enrollment.objects.bulk_create([Enrollment(pupil=p, group=world.group5, school_year=world.school_year)
                                    for p in batch])
    guardians = Guardian.objects.bulk_create([Guardian(first_name="O", last_name=f"{prefix}{i}") for i in range(n)])
    GuardianLink.objects.bulk_create([GuardianLink(guardian=g, pupil=p) for g, p in zip(guardians, batch, strict=True)])


def test_the_pupil_list_asks_as_many_queries_for_three_times_the_pupils(world, client_for):
    client = client_for(world.administratie)
    _pupils(world, 20, "a")
    at_n = len(_captured(client, reverse("people:pupils")))
    _pupils(world, 40, "b")
    queries = _captured(client, reverse("people:pupils"))
    assert len(queries) == at_n
    # The group dropdown shows names: no teachers are loaded for it.
    assert _touching(queries, "julianaschool_classgroup_teachers") == []


def test_directie_s_dashboard_asks_as_many_queries_for_three_times_the_pupils(world, client_for):
    client = client_for(world.directie)
    _pupils(world, 20, "a")
    at_n = len(_captured(client, reverse("dashboard")))
    _pupils(world, 40, "b")
    assert len(_captured(client, reverse("dashboard"))) == at_n


def test_the_language_follows_the_switch_not_the_browser_and_caches_keep_the_two_apart(world, client):
    page = client.get(reverse("policy:current"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "nl" and "Cookie" in page["Vary"]
    client.cookies["django_language"] = "en"
    page = client.get(reverse("policy:current"), HTTP_ACCEPT_LANGUAGE="nl")
    assert page["Content-Language"] == "en" and "Cookie" in page["Vary"]


def test_the_current_school_year_is_the_one_containing_today_else_the_latest(world):
    today = datetime.date.today()
    later = SchoolYear.objects.create(name="2099-2100", starts_on=datetime.date(2099, 8, 1),
                                      ends_on=datetime.date(2100, 7, 31))
    assert SchoolYear.objects.current() == world.school_year  # contains today, though not the latest
    assert SchoolYear.objects.current(datetime.date(2099, 9, 1)) == later
    assert SchoolYear.objects.current(today.replace(year=today.year - 30)) == later  # none contains it: the latest


def test_a_teacher_opens_only_a_group_they_teach_this_year_and_a_number_too_long_is_no_group(world, client_for):
    from julianaschool.access import group_for

    assert group_for(world.leerkracht5, world.group5.pk) == world.group5
    for pk in (world.group7.pk, "9" * 25, 0, "x"):
        with pytest.raises(Http404):
            group_for(world.leerkracht5, pk)
    next_year = SchoolYear.objects.create(name="2099-2100", starts_on=datetime.date(2099, 8, 1),
                                          ends_on=datetime.date(2100, 7, 31))
    future = ClassGroup.objects.create(school_year=next_year, name="5")
    future.teachers.add(world.leerkracht5.staff)
    with pytest.raises(Http404):
        group_for(world.leerkracht5, future.pk)  # taught, but not in the current year
    assert group_for(world.directie, future.pk) == future
