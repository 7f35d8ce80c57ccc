"""Role fixtures: a small school in which every test can be read as a sentence about who may do what.

`world` holds one of everything: the groups, the pupils, their guardians and one user per role
(`world.directie`, `world.leerkracht5`, `world.ouder5`, ...; see World). It is the suite's one set
of role fixtures: tests take `world`, not a fixture per role.
"""

import asyncio
import datetime

import pytest
from django.test import Client

from julianaschool.models import BoardMember, ClassGroup, Role, SchoolYear
from tests.helpers import World, make_parent, make_pupil, make_staff, make_user


@pytest.fixture
def world(db) -> World:
    today = datetime.date.today()
    start = today.year if today.month >= 8 else today.year - 1
    school_year = SchoolYear.objects.create(
        name=f"{start}-{start + 1}", starts_on=datetime.date(start, 8, 1), ends_on=datetime.date(start + 1, 7, 31)
    )
    group5 = ClassGroup.objects.create(school_year=school_year, name="5")
    group7 = ClassGroup.objects.create(school_year=school_year, name="7")
    users = {
        "directie": make_staff("directie", Role.MANAGEMENT, function="directeur"),
        "leerkracht5": make_staff("leerkracht5", Role.TEACHER, function="leerkracht groep 5"),
        "leerkracht7": make_staff("leerkracht7", Role.TEACHER, function="leerkracht groep 7"),
        "administratie": make_staff("administratie", Role.OFFICE, function="administratie"),
        "medewerker": make_staff("medewerker", function="conciërge"),
        "bestuur": make_user("bestuur", Role.BOARD, first_name="Margreet", last_name="Lommerts"),
        "outsider": make_user("outsider"),
    }
    BoardMember.objects.create(user=users["bestuur"], first_name="Margreet", last_name="Lommerts", is_chair=True)
    group5.teachers.add(users["leerkracht5"].staff)
    group7.teachers.add(users["leerkracht7"].staff)
    pupil5 = make_pupil("Sanne", "de Vries", group5)
    pupil5b = make_pupil("Daan", "Jansen", group5)
    pupil7 = make_pupil("Mila", "Bakker", group7, born=datetime.date(2014, 6, 12))
    users["ouder5"] = make_parent("ouder5", pupil5)
    users["ouder7"] = make_parent("ouder7", pupil7)
    return World(
        school_year=school_year, group5=group5, group7=group7, pupil5=pupil5, pupil5b=pupil5b, pupil7=pupil7,
        guardian5=users["ouder5"].guardian, guardian7=users["ouder7"].guardian, users=users,
    )


@pytest.fixture
def client_for(db):
    """client_for(user) gives a test client signed in as that user (None: not signed in)."""

    def make(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    # Browser tests are `serial` (marked before `-m` deselects anything).
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.serial)
    result = yield
    # `make test` runs the whole suite in one session on two workers, and the serial tests run
    # last in each worker (after pytest-django's own order). A browser test starts Playwright,
    # whose asyncio loop then runs in the worker's main thread until the session ends, and code
    # that calls asyncio.run() (pyHanko's validator, in the signing tests) cannot run beside it.
    # xdist's load scheduler (`--dist load`) hands each worker its tests in this order, so once a
    # worker has begun the serial tests it gets no other kind.
    # Among the serial tests, those without a browser go first: they are long, and the browser
    # stories behind them are dealt out longest first (tests/e2e/conftest.py), so that the two
    # workers finish at about the same time.
    # Among the others, the transactional tests go after those that use no database (pytest-django
    # puts them before): each empties the database, the data migrations' rows too, and a session
    # fixture that reads those rows (signed_v1, tests/policy/pdf_fixtures.py) may first be asked
    # for by a test without the db mark, in whichever worker xdist sent it to.
    def group(item):
        if item.get_closest_marker("serial"):
            return 3 if item.get_closest_marker("e2e") else 2
        return 1 if _is_transactional(item) else 0

    items.sort(key=group)
    return result


def _is_transactional(item) -> bool:
    """As pytest-django decides it (pytest_django.plugin's own ordering)."""
    from pytest_django.plugin import validate_django_db

    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def pytest_runtest_setup(item):
    # The order above is what keeps the other tests away from Playwright's loop; if a scheduler
    # ever breaks it, say so instead of failing inside some unrelated test.
    if asyncio._get_running_loop() is not None and not item.get_closest_marker("serial"):
        pytest.fail("an asyncio loop (Playwright's) is running in this worker: run the suite with "
                    "--dist load (as `make test` does), which keeps the serial tests last", pytrace=False)
