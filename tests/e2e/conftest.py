"""The portal in a real browser: Debian's Chromium driven by Playwright against a live test server.

Every browser test gets the portal served by pytest-django's `live_server` (so the database is
transactional and is emptied after each test; `serialized_rollback` brings back what the data
migrations put there, such as the protocol's first version and the consent purposes), the
demo school, and one of two pages: `desktop` (1280x900) or `phone` (390x844). Pages are checked
with `check(page, name)`: axe-core against WCAG 2.1 AA, and no Content Security Policy violation.
A window a test has finished with is emptied and handed to the next test of the worker rather
than closed (Windows, in tests/e2e/helpers.py): a new one costs Chromium a renderer process.

Playwright's own browser download does not work on the school's machines, so only Debian's
Chromium is used. Without it the tests are skipped locally and fail in CI (CI is set).

This file holds the fixtures and hooks; what the stories call themselves (screenshots, the main
menu, signature checks, the window sizes and roles) is in tests/e2e/helpers.py.
"""

import io
import os

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    BOARD_PASSPHRASE,
    DESKTOP,
    PHONE,
    WIDTHS,
    Browse,
    Cast,
    CspGuard,
    DemoSchoolCopy,
    Windows,
    axe_violations,
    describe_violations,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Auto-waiting expectations give up after this long; a live server on a laptop answers well within it.
expect.set_options(timeout=10_000)


# --- the browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless; skipped (or, in CI, failed) when it is not installed."""
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM}: install it with `sudo apt-get install chromium`"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so the browser tests must run)", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _serialized_test_databases(django_db_setup, django_db_blocker):
    """The migrations' rows that pytest-django serialized when it made the test databases."""
    from django.db import connections

    with django_db_blocker.unblock():
        return {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}


@pytest.fixture(scope="session")
def playwright(_serialized_test_databases, playwright):
    # Playwright's sync API keeps an asyncio loop running in this thread for as long as it lives.
    # Two consequences for Django:
    # - it refuses every database call from the test ("async context"); the tests run no async
    #   code of their own, so that check is switched off while the browser runs;
    # - django.db.connections (an asgiref Local) hands out new connection objects inside the
    #   loop, without the serialized copy of the migrations' rows that serialized_rollback
    #   restores; it is handed over to them.
    from django.db import connections

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    for alias, contents in _serialized_test_databases.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    yield playwright
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _media_url_with_a_host():
    # The portal never serves MEDIA_ROOT publicly (MEDIA_URL = None), but Django's live server
    # wraps every request in a media handler that needs a URL. One with a host of its own makes
    # that handler step aside for every request, so private files stay reachable only through
    # the portal's own access-checked views, as in production.
    with override_settings(MEDIA_URL="https://private-media.invalid/"):
        yield


@pytest.fixture(scope="session")
def live_server(_media_url_with_a_host, live_server):
    return live_server


@pytest.fixture(scope="session")
def base_url(live_server):
    """Lets `page.goto("/")` mean the live test server, as a person types the portal's address."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam", "accept_downloads": True}


# --- the Content Security Policy guard


@pytest.fixture
def csp_guard():
    guard = CspGuard()
    yield guard
    guard.assert_clean("a page of this test")


# --- pages


@pytest.fixture(scope="session")
def _windows(browser, browser_context_args):
    """This worker's browser windows, kept between tests (see Windows in helpers)."""
    windows = Windows(browser, browser_context_args)
    yield windows
    windows.close_all()


@pytest.fixture
def browse(_windows, csp_guard):
    """browse(viewport=PHONE, mobile=True) opens a browser window of its own (its own cookies:
    another person); browse.close(page) closes it."""
    opened = Browse(_windows, csp_guard)
    yield opened
    opened.close_all()


@pytest.fixture
def desktop(browse) -> Page:
    return browse(DESKTOP)


@pytest.fixture
def phone(browse) -> Page:
    return browse(PHONE, mobile=True)


# --- the database of each test


def _flush_everything() -> None:
    """An empty database, without the content types and permissions that Django's post-migrate
    signal recreates after a plain flush (with new ids, on which the restore below would trip)."""
    # Sequences keep counting: restored rows keep their ids, new rows must not reuse them.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    # Each browser test starts from the database as the migrations left it (serialized_rollback).
    # A transactional test without that option (there are some in tests/consent) leaves behind
    # the content types and permissions the post-migrate signal recreated, and restoring the
    # migrations' rows on top of those fails; so the database is emptied completely first.
    if fixturedef.argname == "_django_db_helper" and request.node.get_closest_marker("e2e"):
        with request.getfixturevalue("django_db_blocker").unblock():
            _flush_everything()
    return (yield)


def _move_sequences_past_the_rows() -> None:
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


@pytest.fixture
def _sequences_past_restored_rows():
    """The restored rows keep their ids; as after loaddata, sequences move past them (an earlier
    test's flush may have restarted them at 1 on PostgreSQL). Returns the step, to take again."""
    _move_sequences_past_the_rows()
    return _move_sequences_past_the_rows


# --- the order of the run

# The stories, longest first (measured), so that xdist deals the long ones out first and the
# workers finish together; tests/conftest.py puts all of them after every other test.
LONGEST_FIRST = ["test_protocol_story.py", "test_look.py", "test_publications_story.py", "test_incident_story.py",
                 "test_dashboards.py", "test_office_story.py", "test_consent_story.py", "test_signed_pdf_story.py"]


def pytest_collection_modifyitems(items):
    def place(item):
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    browser_tests = sorted((item for item in items if item.get_closest_marker("e2e")), key=place)
    positions = [i for i, item in enumerate(items) if item.get_closest_marker("e2e")]
    for position, item in zip(positions, browser_tests, strict=True):
        items[position] = item


# --- the demo school


@pytest.fixture(scope="session")
def _demo_school_copy():
    return DemoSchoolCopy()


@pytest.fixture
def cast(settings, tmp_path, tmp_path_factory, _sequences_past_restored_rows, _demo_school_copy) -> Cast:
    """The demo school, as `make run` shows it: seeded by the first test of this worker that asks
    for it, and the same rows and files put back for each later one (see DemoSchoolCopy)."""
    from julianaschool.management.commands import seed_demo

    # Uploads, letters and signed copies of this test go to its own folder.
    settings.MEDIA_ROOT = tmp_path / "private"
    if _demo_school_copy.restore(settings.MEDIA_ROOT):
        # The copied rows keep their ids: the sequences move past them again.
        _sequences_past_restored_rows()
    else:
        # seed_demo refuses to run with DEBUG off (it must never touch production); the test
        # database is made for it.
        settings.DEBUG = True
        call_command("seed_demo", stdout=io.StringIO())
        settings.DEBUG = False
        _demo_school_copy.save(settings.MEDIA_ROOT, tmp_path_factory.mktemp("demo-school") / "private")
    return Cast(password=seed_demo.DEMO_PASSWORD)


@pytest.fixture
def login(cast):
    """login(page, role): the portal's address, then the login form filled in by its visible labels."""

    def sign_in(page: Page, role: str) -> Page:
        page.goto("/")
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        page.get_by_label("Gebruikersnaam").fill(cast.username(role))
        page.get_by_label("Wachtwoord").fill(cast.password)
        page.get_by_role("button", name="Inloggen").click()
        # Signed in: the logout button is there (folded into the menu on a phone).
        expect(page.get_by_role("button", name="Uitloggen", include_hidden=True)).to_be_attached()
        return page

    return sign_in


# --- accessibility


@pytest.fixture
def check(csp_guard):
    """check(page, name): no serious/critical axe violation at 390 and at 1366 px, no CSP violation
    so far."""

    def check_page(page: Page, name: str) -> None:
        page.wait_for_load_state("load")
        own = page.viewport_size
        # Resizing the window may move the focus; the story goes on from where it was.
        focused = page.evaluate_handle("() => document.activeElement")
        try:
            for label, size in WIDTHS.items():
                page.set_viewport_size(size)
                violations = axe_violations(page)
                assert not violations, (f"axe (WCAG 2.1 AA) on {name} at {label} width ({page.url}):\n"
                                        f"{describe_violations(violations)}")
        finally:
            page.set_viewport_size(own)
            page.evaluate("(element) => element && element.focus && element.focus()", focused)
        csp_guard.assert_clean(name)

    return check_page


# --- signed PDFs


@pytest.fixture
def board_key(settings, tmp_path):
    """A board certificate of this test's own, configured as a school configures its real one."""
    from policy.signed_pdf import sign as signing

    path = tmp_path / "board.p12"
    signing.create_board_certificate(
        path=path, passphrase=BOARD_PASSPHRASE, common_name="Bestuur Basisschool Prinses Juliana",
        organization=django_settings.SCHOOL_FOUNDATION,
    )
    settings.SIGNING_PKCS12_PATH = path
    settings.SIGNING_PKCS12_PASSPHRASE = BOARD_PASSPHRASE
    settings.SIGNING_TIMESTAMP_URL = ""
    return path
