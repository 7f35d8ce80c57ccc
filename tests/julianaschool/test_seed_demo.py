"""`seed_demo` builds the demo school of the README, twice without change, and never in production."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from julianaschool.models import ClassGroup, Guardian, Pupil, StaffMember


def counts():
    return (Pupil.objects.count(), Guardian.objects.count(), StaffMember.objects.count(), ClassGroup.objects.count())


def test_seed_demo_makes_the_school_and_a_second_run_changes_nothing(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = counts()
    assert 190 <= first[0] <= 210
    assert ClassGroup.objects.filter(name__contains="/").exists()  # a combination group
    call_command("seed_demo", verbosity=0)
    assert counts() == first


def test_every_demo_account_of_the_readme_logs_in_with_the_demo_password(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    for username in ("directie", "bestuur", "leerkracht", "administratie", "ouder", "medewerker"):
        assert authenticate(username=username, password="julianaschool") is not None, username
    ouder = Guardian.objects.get(user__username="ouder")
    assert sorted(p.group_in(p.enrollments.first().school_year).name for p in ouder.pupils.all()) == ["5", "7"]


def test_seed_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert Pupil.objects.count() == 0
