"""Consent fixtures: the seeded purposes (re-made when a transactional test emptied the tables) and
a second guardian for pupil5. The helpers to answer and to read the current state are in
tests/consent/helpers.py."""

import pytest

from consent.models import Purpose
from julianaschool.models import Guardian, GuardianLink, Role
from tests.consent.helpers import seed_purposes
from tests.helpers import make_user


@pytest.fixture
def purposes(db) -> dict[str, Purpose]:
    """The seeded purposes by slug."""
    seed_purposes()
    return {p.slug: p for p in Purpose.objects.select_related("current_version")}


@pytest.fixture
def second_parent5(world):
    """Another guardian of pupil5 with an account of their own."""
    user = make_user("ouder5b", Role.GUARDIAN, first_name="Pieter", last_name="de Vries")
    guardian = Guardian.objects.create(user=user, first_name="Pieter", last_name="de Vries", email="pieter@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5)
    return user
