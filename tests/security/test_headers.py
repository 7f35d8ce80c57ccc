"""Security headers on every page, production settings that pass `check --deploy`, no inline
script or style in any template, and uploads out of every public path."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from tests.matrix import ROLES
from tests.test_access_matrix import all_rows

BASE_DIR = Path(settings.BASE_DIR)
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
}


def production_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT",
                                                             "SECURE_COOKIES", "SECRET_KEY", "DATABASE_URL"}}
    env.update({
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portaal.julianaschool.nl",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "julianaschool.settings",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "STATIC_ROOT": str(tmp_path / "static"),
    })
    env.update(extra)
    return env


def test_check_deploy_with_production_values_prints_no_warnings(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=BASE_DIR, env=production_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_settings_demand_https_hsts_and_secure_cookies(tmp_path):
    code = ("from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
            "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.X_FRAME_OPTIONS, s.DEBUG)")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=BASE_DIR,
                            env=production_env(tmp_path), capture_output=True, text=True, timeout=60)
    hsts, redirect, session_secure, csrf_secure, httponly, frames, debug = result.stdout.split()
    assert int(hsts) >= 60 * 60 * 24 * 180
    assert (redirect, session_secure, csrf_secure, httponly, frames, debug) == ("True", "True", "True", "True", "DENY", "False")


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def parse_csp(header: str) -> dict:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def check_headers(response, where: str):
    assert "Content-Security-Policy" in response.headers, where
    policy = parse_csp(response.headers["Content-Security-Policy"])
    for directive, value in EXPECTED_CSP.items():
        assert policy.get(directive) == value, f"{where}: {directive} is {policy.get(directive)!r}"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"], where
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"], where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where


@pytest.mark.parametrize("module,row", all_rows(), ids=lambda value: getattr(value, "id", ""))
def test_every_page_carries_the_content_security_policy_and_frame_headers(world, module, row):
    if hasattr(module, "setup"):
        module.setup(world)
    url = row.url(world)
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        with transaction.atomic():
            response = getattr(client, row.method)(url, data=row.data(world) if row.data else None)
            transaction.set_rollback(True)
        where = f"{row.id} as {role} ({response.status_code})"
        check_headers(response, where)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            # What the browser gets, crispy's and Django's markup included, must not need 'unsafe-inline'.
            html = response.content.decode()
            assert [what for pattern, what in INLINE if pattern.search(html)] == [], where


def test_error_pages_and_the_admin_login_carry_the_headers_too(client_for, world):
    check_headers(Client().get("/bestaat-niet/"), "404 anonymous")
    check_headers(client_for(world.ouder5).get("/bestaat-niet/"), "404 signed in")
    check_headers(Client().get("/beheer/login/"), "admin login")


TEMPLATE_DIRS = [BASE_DIR / "templates"] + [p for p in BASE_DIR.glob("*/templates") if ".venv" not in p.parts]
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I), "on...= event handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_has_inline_script_style_or_event_handlers():
    problems = []
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            # PDF templates (letters, class sheet PDF) are rendered by WeasyPrint on the server,
            # never served to a browser; e-mails are plain text.
            parts = path.relative_to(directory).parts
            if {"pdf", "letters", "emails"} & set(parts) or path.stem.endswith("_pdf"):
                continue
            text = path.read_text()
            problems += [f"{path.relative_to(BASE_DIR)}: {what}" for pattern, what in INLINE if pattern.search(text)]
    assert problems == []


def test_uploaded_files_live_outside_every_public_path(client_for, world):
    media = Path(settings.MEDIA_ROOT).resolve()
    public = [Path(settings.STATIC_ROOT).resolve(), *[Path(p).resolve() for p in settings.STATICFILES_DIRS]]
    assert all(not media.is_relative_to(p) and not p.is_relative_to(media) for p in public)
    assert settings.MEDIA_URL in (None, "")
    media.mkdir(parents=True, exist_ok=True)
    secret = media / "geheim-test.pdf"
    secret.write_bytes(b"%PDF-1.7 vertrouwelijk")
    try:
        for url in ["/static/geheim-test.pdf", "/media/geheim-test.pdf", "/private/geheim-test.pdf",
                    "/static/../var/test-private/geheim-test.pdf"]:
            response = client_for(world.directie).get(url)
            assert response.status_code == 404, url
    finally:
        secret.unlink()


def test_a_nul_character_in_a_query_or_form_is_refused_with_400(client_for, world):
    client = client_for(world.directie)
    assert client.get("/audit/", {"persoon": "a\x00b"}).status_code == 400
    form = "application/x-www-form-urlencoded"
    assert client.post("/accounts/login/", "username=a%00&password=x", content_type=form).status_code == 400
    assert client.get("/audit/", {"persoon": "ab"}).status_code == 200
