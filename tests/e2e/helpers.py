"""Helpers for the browser tests: the two window sizes, the demo roles, the accessibility and
Content Security Policy checks behind the `check` and `csp_guard` fixtures, screenshots, signed
PDFs and the main menu. The fixtures themselves are in tests/e2e/conftest.py.
"""

import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DOCS = ROOT / "docs"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# --- the demo school


ROLES = ["directie", "bestuur", "leerkracht", "administratie", "ouder", "medewerker"]


@dataclass
class Cast:
    """Who plays which role in the stories: the demo accounts of `seed_demo` (see the README)."""

    password: str

    def username(self, role: str) -> str:
        return role


def full_name(username: str) -> str:
    user = get_user_model().objects.get(username=username)
    return user.get_full_name() or username


class DemoSchoolCopy:
    """The database and private files as seed_demo left them, the first time a test of this
    worker asked for the demo school; put back for every later test instead of seeding again.

    seed_demo takes more than a second of CPU (some 3,600 rows, through the services that write
    them); putting its result back takes milliseconds on SQLite (its backup API copies the
    database page by page) and a fraction of a second on PostgreSQL (every table emptied and
    filled from a copy in a schema of its own, with triggers and foreign-key checks off for
    that one transaction: the rows are the ones those triggers and checks already let through).
    A copy made on another day is not used: the demo school's dates follow today.
    """

    SCHEMA = "e2e_demo_school"

    def __init__(self):
        self._day = None
        self._files: Path | None = None
        self._sqlite = None
        self._tables: list[str] = []

    def restore(self, media_root: Path) -> bool:
        """Puts the copy back; False (and nothing done) when there is none for today."""
        from django.db import connection
        from django.utils import timezone

        if self._day != timezone.localdate():
            return False
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._sqlite.backup(connection.connection)
        else:
            tables = ", ".join(connection.ops.quote_name(table) for table in self._tables)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
                cursor.execute(f"TRUNCATE {tables}")
                for table in self._tables:
                    name = connection.ops.quote_name(table)
                    cursor.execute(f"INSERT INTO {name} SELECT * FROM {self.SCHEMA}.{name}")
        shutil.copytree(self._files, media_root, dirs_exist_ok=True)
        return True

    def save(self, media_root: Path, files: Path) -> None:
        """Copies the database and `media_root` (into `files`, a folder that outlives the test)."""
        from django.db import connection
        from django.utils import timezone

        if connection.vendor == "sqlite":
            import sqlite3

            self._sqlite = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite)
        else:
            self._tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.SCHEMA} CASCADE")
                cursor.execute(f"CREATE SCHEMA {self.SCHEMA}")
                for table in self._tables:
                    name = connection.ops.quote_name(table)
                    cursor.execute(f"CREATE TABLE {self.SCHEMA}.{name} AS SELECT * FROM {name}")
        shutil.rmtree(files, ignore_errors=True)
        if media_root.exists():
            shutil.copytree(media_root, files)
        else:
            files.mkdir(parents=True)
        self._files = files
        self._day = timezone.localdate()


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

    def console(self, message: ConsoleMessage) -> None:
        if _is_csp_message(message):
            self.violations.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def assert_clean(self, where: str = "") -> None:
        assert not self.violations, f"Content Security Policy violations{' on ' + where if where else ''}:\n" + "\n".join(
            self.violations
        )


# --- browser windows


class Windows:
    """The browser windows of one worker: each a Chromium context with its one page.

    A fresh context and page cost Chromium a new renderer process, about a second of CPU on the
    school's two-core machines, and the stories open some sixty. So a window that a person has
    left is not thrown away: it is emptied (its page goes to about:blank, its cookies and
    permissions are cleared: the portal keeps nothing else in the browser) and handed to the next
    person. Windows with and without phone emulation (is_mobile, touch) are kept apart; the
    window's size is set each time it is handed out. Every window listens for Content Security
    Policy messages and reports them to the guard of the test that has it.
    """

    def __init__(self, browser: Browser, context_args: dict):
        self._browser, self._context_args = browser, context_args
        self._free: dict[bool, list[Page]] = {False: [], True: []}
        self._guards: dict[BrowserContext, CspGuard] = {}

    def open(self, viewport: dict, *, mobile: bool, guard: CspGuard) -> Page:
        free = self._free[mobile]
        page = free.pop() if free else self._new(viewport, mobile)
        page.set_viewport_size(viewport)
        self._guards[page.context] = guard
        return page

    def give_back(self, page: Page, *, mobile: bool) -> None:
        context = page.context
        self._guards.pop(context, None)
        try:
            if page.is_closed():
                raise PlaywrightError("the page was closed")
            page.goto("about:blank")
            context.clear_cookies()
            context.clear_permissions()
            page.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null",
                               contrast="null")
        except PlaywrightError:
            # A window that cannot be emptied is not handed to anyone else.
            context.close()
            return
        self._free[mobile].append(page)

    def close_all(self) -> None:
        for pages in self._free.values():
            for page in pages:
                page.context.close()
            pages.clear()

    def _new(self, viewport: dict, mobile: bool) -> Page:
        extra = {"is_mobile": True, "has_touch": True} if mobile else {}
        context = self._browser.new_context(**self._context_args, viewport=viewport, device_scale_factor=1, **extra)
        context.set_default_timeout(10_000)
        context.add_init_script(_CSP_LISTENER)
        context.on("console", lambda message: self._console(context, message))
        return context.new_page()

    def _console(self, context: BrowserContext, message: ConsoleMessage) -> None:
        guard = self._guards.get(context)
        if guard is not None:
            guard.console(message)


class Browse:
    """What the `browse` fixture gives a test: browse(viewport, mobile=...) opens a window of its own
    (its own cookies: another person), browse.close(page) closes it; the test's windows that are
    still open are closed when it ends."""

    def __init__(self, windows: Windows, guard: CspGuard):
        self._windows, self._guard = windows, guard
        self._open: dict[Page, bool] = {}

    def __call__(self, viewport: dict = DESKTOP, *, mobile: bool = False) -> Page:
        page = self._windows.open(viewport, mobile=mobile, guard=self._guard)
        self._open[page] = mobile
        return page

    def close(self, page: Page) -> None:
        self._windows.give_back(page, mobile=self._open.pop(page))

    def close_all(self) -> None:
        for page in list(self._open):
            self.close(page)


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


BOARD_PASSPHRASE = "e2e-bestuur"


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
