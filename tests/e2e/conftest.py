"""The portal in a real browser: Debian's Chromium driven by Playwright against a live test server.

Every browser test gets the portal served by pytest-django's `live_server` (so the database is
transactional and is emptied after each test; `serialized_rollback` brings back what the data
migrations put there, such as the protocol's first version and the consent purposes), the
demo school, and one of two pages: `desktop` (1280x900) or `phone` (390x844). Pages are checked
with `check(page, name)`: axe-core against WCAG 2.1 AA, and no Content Security Policy violation.

Playwright's own browser download does not work on the school's machines, so only Debian's
Chromium is used. Without it the tests are skipped locally and fail in CI (CI is set).
"""

import io
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

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
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
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

# Chromium reports a blocked (or report-only) inline script or style in the console; the event
# listener catches the violations it reports only as a DOM event. Init scripts run outside the
# page's CSP, so the listener itself never trips the policy.
_CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('securitypolicyviolation (Content Security Policy): ' + e.violatedDirective +
                ' blocked ' + (e.blockedURI || 'inline') + ' in ' + e.sourceFile + ':' + e.lineNumber);
});
"""


def _is_csp_message(message: ConsoleMessage) -> bool:
    text = message.text
    return "Content Security Policy" in text or "Content-Security-Policy" in text or "securitypolicyviolation" in text


@dataclass
class CspGuard:
    """Collects every console message about a Content Security Policy from every page of a test."""

    violations: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.add_init_script(_CSP_LISTENER)
        context.on("console", lambda message: self._console(message))
        return context

    def _console(self, message: ConsoleMessage) -> None:
        if _is_csp_message(message):
            self.violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def assert_clean(self, where: str = "") -> None:
        assert not self.violations, f"Content Security Policy violations{' on ' + where if where else ''}:\n" + "\n".join(
            self.violations
        )


@pytest.fixture
def csp_guard():
    guard = CspGuard()
    yield guard
    guard.assert_clean("a page of this test")


# --- pages


@pytest.fixture
def browse(new_context, csp_guard):
    """browse(viewport=PHONE) opens a fresh browser window (its own cookies: another person)."""

    def open_page(viewport: dict = DESKTOP, *, mobile: bool = False) -> Page:
        extra = {"is_mobile": True, "has_touch": True} if mobile else {}
        context = csp_guard.watch(new_context(viewport=viewport, device_scale_factor=1, **extra))
        context.set_default_timeout(10_000)
        return context.new_page()

    return open_page


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


@pytest.fixture
def _sequences_past_restored_rows():
    """The restored rows keep their ids; as after loaddata, sequences move past them (an earlier
    test's flush may have restarted them at 1 on PostgreSQL)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)


# --- the order of the run


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # The browser tests run last: Playwright keeps an asyncio loop running in the main thread
    # until the session ends, and code that calls asyncio.run() (pyHanko's validator, in the
    # signing tests) cannot run beside it.
    browser_tests = [item for item in items if item.get_closest_marker("e2e")]
    if browser_tests:
        others = [item for item in items if not item.get_closest_marker("e2e")]
        items[:] = others + browser_tests


# --- the demo school


ROLES = ["directie", "bestuur", "leerkracht", "administratie", "ouder", "medewerker"]


@dataclass
class Cast:
    """Who plays which role in the stories: the demo accounts of `seed_demo` (see the README)."""

    password: str

    def username(self, role: str) -> str:
        return role


@pytest.fixture
def cast(settings, tmp_path, _sequences_past_restored_rows) -> Cast:
    """The demo school, as `make run` shows it."""
    from julianaschool.management.commands import seed_demo

    # Uploads, letters and signed copies of this test go to its own folder.
    settings.MEDIA_ROOT = tmp_path / "private"
    # seed_demo refuses to run with DEBUG off (it must never touch production); the test
    # database is made for it.
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    return Cast(password=seed_demo.DEMO_PASSWORD)


def full_name(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    return user.get_full_name() or username


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


def axe_violations(page: Page) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 AA violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol rather than page.add_script_tag: the portal's
        # strict CSP blocks an injected inline <script> (and that would trip the CSP guard), but
        # does not apply to code the test evaluates. axe stays the test's; the portal never has it.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA,
    )
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


# Every checked page is checked at both widths the school's people use: a 390 px phone and a
# 1366 px laptop, whichever the story runs at (the page is put back at its own size afterwards).
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}


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


# --- screenshots


def screenshot(page: Page, name: str, *, full_page: bool = True, docs: bool = False) -> Path:
    """Saves test-artifacts/screenshots/<name>.png; with docs=True and E2E_UPDATE_DOCS set, also a small
    copy (the viewport, at most 1000 px wide, 128 colours) in docs/ for the README."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if docs and os.environ.get("E2E_UPDATE_DOCS"):
        save_for_docs(page.screenshot(full_page=False), name)
    return path


def save_for_docs(png: bytes, name: str) -> Path:
    from PIL import Image

    DOCS.mkdir(exist_ok=True)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > 1000:
        image = image.resize((1000, round(image.height * 1000 / image.width)), Image.LANCZOS)
    target = DOCS / f"{name}.png"
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
    return target


# --- signed PDFs


def board_certificate(pkcs12_path: Path, passphrase: str = ""):
    """The board's certificate from its PKCS#12 file, as pyHanko's validator takes a trust root."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

    _key, certificate, _chain = pkcs12.load_key_and_certificates(
        pkcs12_path.read_bytes(), passphrase.encode() if passphrase else None
    )
    return x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def validate_signature(pdf: Path, trust_root):
    """pyHanko's status of the PDF's one signature, with only `trust_root` trusted.

    pyHanko's validator runs its own asyncio loop, which Python refuses inside the loop that
    Playwright keeps running in this thread; a worker thread has none.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    def validate():
        with pdf.open("rb") as handle:
            signatures = PdfFileReader(handle).embedded_signatures
            assert len(signatures) == 1, f"expected one signature in {pdf.name}, found {len(signatures)}"
            context = ValidationContext(trust_roots=[trust_root])
            return validate_pdf_signature(signatures[0], context)

    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(validate).result()


def render_first_page(pdf: Path, name: str, *, dpi: int = 60, docs: bool = False) -> Path:
    """The PDF's first page as test-artifacts/screenshots/<name>.png (pdftoppm from poppler-utils);
    with docs=True and E2E_UPDATE_DOCS set, also a small copy in docs/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    stem = SCREENSHOTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True, capture_output=True, timeout=60,
    )
    png = stem.with_suffix(".png")
    if docs and os.environ.get("E2E_UPDATE_DOCS"):
        save_for_docs(png.read_bytes(), name)
    return png


# --- moving around as a person does


def open_menu(page: Page, label: str) -> None:
    """Clicks `label` in the main menu, first opening the menu when the screen is narrow enough to fold it."""
    # Until the stylesheet has loaded, the folded menu's toggler shows on any screen.
    page.wait_for_load_state("load")
    toggler = page.get_by_role("button", name="Menu openen")
    if toggler.is_visible():
        toggler.click()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    link = nav.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        # Pages of one group sit under one menu entry (PORTAL_NAV_GROUPS): open that dropdown first.
        hidden = page.get_by_role("link", name=label, exact=True, include_hidden=True)
        nav.locator("li.dropdown").filter(has=hidden).get_by_role("button").click()
    link.click()


BOARD_PASSPHRASE = "e2e-bestuur"


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
