"""The suite's shared helpers: the password of every test account, the World that the `world`
fixture (tests/conftest.py) returns, and small factories for users, staff, pupils and parents.

Tests import these from here, never from a conftest."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from julianaschool import services
from julianaschool.models import ClassGroup, Enrollment, Guardian, GuardianLink, Pupil, Role, SchoolYear, StaffMember

User = get_user_model()
PASSWORD = "julianaschool-test"


@dataclass
class World:
    school_year: SchoolYear
    group5: ClassGroup
    group7: ClassGroup
    pupil5: Pupil  # child of ouder5, in groep 5
    pupil5b: Pupil  # another pupil in groep 5, child of nobody here
    pupil7: Pupil  # child of ouder7, in groep 7
    guardian5: Guardian
    guardian7: Guardian
    users: dict

    def __getattr__(self, name):
        # Lets `world.directie` stand for `world.users["directie"]`.
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def make_user(username: str, *roles: str, first_name: str = "", last_name: str = "") -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org",
        first_name=first_name or username.capitalize(), last_name=last_name or "Test",
    )
    for role in roles:
        services.grant_role(user=user, role=role)
    return user


def make_staff(username: str, *roles: str, function: str = "") -> User:
    user = make_user(username, Role.STAFF, *roles)
    StaffMember.objects.create(user=user, first_name=user.first_name, last_name=user.last_name,
                               email=user.email, function=function)
    return user


def make_pupil(first: str, last: str, group: ClassGroup, born: datetime.date = datetime.date(2016, 3, 1)) -> Pupil:
    pupil = Pupil.objects.create(first_name=first, last_name=last, date_of_birth=born)
    Enrollment.objects.create(pupil=pupil, group=group, school_year=group.school_year)
    return pupil


def make_parent(username: str, *children: Pupil) -> User:
    user = make_user(username, Role.GUARDIAN)
    guardian = Guardian.objects.create(user=user, first_name=user.first_name, last_name=user.last_name, email=user.email)
    for child in children:
        GuardianLink.objects.create(guardian=guardian, pupil=child)
    return user
