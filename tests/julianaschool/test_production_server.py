"""The production stack really serves: gunicorn + WhiteNoise with DEBUG off, as the README deploys it."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

# Starts its own processes with their own timeouts: run in the serial pass of `make test`.
pytestmark = pytest.mark.serial

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


# Generous: a read that waits this long is waiting on a broken server, not a slow one.
PATIENT = 180


def _wait_until_listening(server, port: int) -> None:
    """Until gunicorn accepts connections (or has died). No read timeout is involved: once the
    socket accepts, a request simply waits for the worker, however loaded the machine is."""
    deadline = time.monotonic() + PATIENT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail("gunicorn stopped: " + server.stdout.read().decode(errors="replace"))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not open its port")


@pytest.fixture
def slow_worker_config(tmp_path) -> Path:
    """A gunicorn config whose worker takes seconds to become ready, as on a machine with load
    average 4: the test must wait on readiness, not on the machine's speed."""
    config = tmp_path / "slow_gunicorn.py"
    config.write_text("import time\n\n\ndef post_worker_init(worker):\n    time.sleep(4)\n")
    return config


def test_gunicorn_serves_pages_and_static_files_with_debug_off(production_env, slow_worker_config):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "julianaschool.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--config", str(slow_worker_config), "--timeout", str(PATIENT)],
        cwd=ROOT, env=production_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    # The TLS proxy in front of gunicorn says the request came in over https.
    headers = {"X-Forwarded-Proto": "https"}
    try:
        _wait_until_listening(server, port)
        health = requests.get(f"{base}/health/", headers=headers, timeout=PATIENT)
        assert health.status_code == 200
        login = requests.get(f"{base}/accounts/login/", headers=headers, timeout=PATIENT)
        assert login.status_code == 200
        assert "Inloggen" in login.text
        css = requests.get(f"{base}/static/vendor/bootstrap/bootstrap.min.css", headers=headers, timeout=PATIENT)
        assert css.status_code == 200
        # Plain http is sent to https in production.
        plain = requests.get(f"{base}/accounts/login/", timeout=PATIENT, allow_redirects=False)
        assert plain.status_code == 301
        assert plain.headers["Location"].startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=PATIENT)
