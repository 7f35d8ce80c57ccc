"""The production stack really serves: gunicorn + WhiteNoise with DEBUG off, as the README deploys it."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def production_env(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-production-like-secret-key-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "DJANGO_SETTINGS_MODULE": "julianaschool.settings",
    }
    for name in ("PYTEST_CURRENT_TEST", "SECURE_SSL_REDIRECT", "SECURE_COOKIES"):
        env.pop(name, None)  # tests/settings.py relaxes these for the test client; production does not
    for command in (["migrate", "--noinput", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    return env


def test_gunicorn_serves_pages_and_static_files_with_debug_off(production_env):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "julianaschool.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=production_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # The TLS proxy in front of gunicorn says the request came in over https.
    headers = {"X-Forwarded-Proto": "https"}
    try:
        # Up to 30 s: on a loaded CI machine importing the portal in the worker takes a while.
        for _ in range(300):
            try:
                health = requests.get(f"{base}/health/", headers=headers, timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start: " + server.stdout.read1().decode(errors="replace"))
        assert health.status_code == 200
        login = requests.get(f"{base}/accounts/login/", headers=headers, timeout=15)
        assert login.status_code == 200
        assert "Inloggen" in login.text
        css = requests.get(f"{base}/static/vendor/bootstrap/bootstrap.min.css", headers=headers, timeout=15)
        assert css.status_code == 200
        # Plain http is sent to https in production.
        plain = requests.get(f"{base}/accounts/login/", timeout=5, allow_redirects=False)
        assert plain.status_code == 301
        assert plain.headers["Location"].startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=10)
