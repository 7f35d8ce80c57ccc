"""Logging in: lock-out after failed attempts, unlocking by administratie, password rules,
sessions that expire, and two-factor login."""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from julianaschool.audit_actions import Action as CoreAction
from julianaschool.middleware import SessionRefreshMiddleware
from julianaschool.models import AuditEntry
from tests.helpers import PASSWORD


def login(client, username, password, ip="127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


# --- lock-out


def test_repeated_wrong_passwords_lock_the_account_with_a_dutch_message(world):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "ouder5", "wrong-password").status_code == 200
    response = login(client, "ouder5", "wrong-password")
    assert response.status_code == 429
    assert "Inloggen is tijdelijk geblokkeerd" in response.content.decode()
    assert "administratie" in response.content.decode()
    # Even the right password does not get in while the account is locked, from anywhere.
    response = login(Client(), "ouder5", PASSWORD, ip="192.0.2.50")
    assert response.status_code == 429
    assert "_auth_user_id" not in Client().session


def test_failures_from_one_address_lock_that_address_for_every_account(world):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"guess{n}", "wrong-password", ip="198.51.100.7")
    assert login(Client(), "ouder7", PASSWORD, ip="198.51.100.7").status_code == 429
    # The same account from another address still gets in: the address is what is locked.
    assert login(Client(), "ouder7", PASSWORD, ip="198.51.100.8").status_code == 302


def test_failures_older_than_the_cooloff_period_no_longer_count(world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(Client(), "ouder5", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1))
    assert login(Client(), "ouder5", "wrong-password").status_code == 200
    assert login(Client(), "ouder5", PASSWORD).status_code == 302


def test_administratie_sees_the_locked_account_and_unlocks_it(client_for, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "ouder5", "wrong-password", ip="203.0.113.9")
    office = client_for(world.administratie)
    page = office.get(reverse("security:locks")).content.decode()
    assert "ouder5" in page and "203.0.113.9" in page

    response = office.post(reverse("security:unlock"), {"kind": "username", "value": "ouder5"}, follow=True)
    assert "Het account ouder5 kan weer inloggen" in response.content.decode()
    entry = AuditEntry.objects.get(action=CoreAction.LOCKOUT_LIFTED)
    assert entry.actor == world.administratie and entry.object_repr == str(world.ouder5)
    assert entry.changes["waarde"] == "ouder5"
    assert login(Client(), "ouder5", PASSWORD, ip="192.0.2.1").status_code == 302


def test_administratie_unlocks_a_locked_address(client_for, world):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), f"guess{n}", "wrong-password", ip="203.0.113.10")
    client_for(world.administratie).post(reverse("security:unlock"), {"kind": "ip", "value": "203.0.113.10"})
    assert login(Client(), "ouder5", PASSWORD, ip="203.0.113.10").status_code == 302
    assert AuditEntry.objects.filter(action=CoreAction.LOCKOUT_LIFTED, changes__waarde="203.0.113.10").exists()


def test_a_teacher_cannot_unlock_an_account(client_for, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(Client(), "ouder5", "wrong-password")
    response = client_for(world.leerkracht5).post(reverse("security:unlock"), {"kind": "username", "value": "ouder5"})
    assert response.status_code == 403
    assert login(Client(), "ouder5", PASSWORD, ip="192.0.2.1").status_code == 429


def test_behind_a_proxy_the_forwarded_address_is_the_one_locked(settings, world):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Client().post(reverse("login"), {"username": "x", "password": "y"},
                      REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    # Another visitor behind the same proxy is not locked out with the attacker.
    response = Client().post(reverse("login"), {"username": "ouder5", "password": PASSWORD},
                             REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert response.status_code == 302


# --- passwords


@pytest.mark.parametrize("password", ["kort1234", "1234567890123", "wachtwoord123", "qwertyuiop", "ouder5ouder5", "Juliana2026!"])
def test_weak_passwords_are_refused(world, password):
    form = SetPasswordForm(world.ouder5, {"new_password1": password, "new_password2": password})
    assert not form.is_valid()
    assert form.errors["new_password2"]


def test_a_long_unusual_password_is_accepted(client_for, world):
    response = client_for(world.ouder5).post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Zeven-kikkers-op-de-brug", "new_password2": "Zeven-kikkers-op-de-brug",
    })
    assert response.status_code == 302
    world.ouder5.refresh_from_db()
    assert world.ouder5.check_password("Zeven-kikkers-op-de-brug")


# --- sessions


def _session_of(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_a_session_expires_after_inactivity(world):
    client = Client()
    assert login(client, "ouder5", PASSWORD).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    session = _session_of(client)
    # Nobody used it for longer than SESSION_COOKIE_AGE: the server no longer accepts it.
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_request_extends_the_session_by_the_inactivity_period(world):
    client = Client()
    login(client, "ouder5", PASSWORD)
    session = _session_of(client)
    # The last refresh was longer ago than SESSION_REFRESH_SECONDS (the session is not written
    # on every request, only when it changed or this long after its last refresh).
    data = session.get_decoded()
    data[SessionRefreshMiddleware.KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS - 1
    session.session_data = SessionStore().encode(data)
    session.expire_date = timezone.now() + datetime.timedelta(minutes=5)
    session.save()
    client.get(reverse("dashboard"))
    expires = _session_of(client).expire_date
    expected = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((expires - expected).total_seconds()) < 60
    assert settings.SESSION_COOKIE_AGE <= 4 * 60 * 60


def test_a_session_is_not_written_again_within_the_refresh_period(world):
    client = Client()
    login(client, "ouder5", PASSWORD)
    client.get(reverse("dashboard"))
    written = _session_of(client).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]
              and not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert _session_of(client).expire_date == written
    # ...and the refresh period is short beside the inactivity period it keeps.
    assert settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE / 10


# --- two-factor login


def _enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_a_user_with_an_authenticator_must_give_a_code_after_the_password(world):
    device = _enrolled(world.ouder5)
    client = Client()
    assert login(client, "ouder5", PASSWORD).status_code == 302
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("security:otp_verify"))
    assert client.get(reverse("people:pupils")).status_code == 302

    response = client.post(reverse("security:otp_verify"), {"token": "000000"})
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302

    # A wrong code slows the next attempt down (django-otp's throttle); wait it out.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse("security:otp_verify"), {"token": current_code(device), "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_without_require_2fa_directie_logs_in_with_a_password_only(settings, world):
    settings.REQUIRE_2FA = False
    client = Client()
    login(client, "directie", PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200


def test_with_require_2fa_directie_must_enrol_before_anything_else(settings, world):
    settings.REQUIRE_2FA = True
    client = Client()
    login(client, "directie", PASSWORD)
    response = client.get(reverse("people:audit"))
    assert response.status_code == 302 and response.url.startswith(reverse("security:otp_setup"))

    page = client.get(reverse("security:otp_setup")).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=world.directie, confirmed=False)
    response = client.post(reverse("security:otp_setup"), {"token": current_code(device), "next": reverse("people:audit")})
    assert response.status_code == 302 and response.url == reverse("people:audit")
    assert client.get(reverse("people:audit")).status_code == 200
    assert AuditEntry.objects.filter(action=CoreAction.TWO_FACTOR_ENABLED, actor=world.directie).exists()

    # Next time: password, then the code.
    client = Client()
    login(client, "directie", PASSWORD)
    assert client.get(reverse("dashboard")).url.startswith(reverse("security:otp_verify"))


def test_with_require_2fa_the_board_must_enrol_but_parents_need_not(settings, world):
    settings.REQUIRE_2FA = True
    board = Client()
    login(board, "bestuur", PASSWORD)
    assert board.get(reverse("dashboard")).status_code == 302
    parent = Client()
    login(parent, "ouder5", PASSWORD)
    assert parent.get(reverse("dashboard")).status_code == 200


def test_directie_cannot_switch_off_a_required_second_factor(settings, client_for, world):
    settings.REQUIRE_2FA = True
    _enrolled(world.directie)
    client = Client()
    client.force_login(world.directie)
    session = client.session
    # Pretend this session passed the code step (as django_otp.login would record).
    device = TOTPDevice.objects.get(user=world.directie)
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.post(reverse("security:otp_remove"), follow=True)
    assert "verplicht" in response.content.decode()
    assert TOTPDevice.objects.filter(user=world.directie).exists()


def test_a_parent_may_switch_two_factor_off_again(client_for, world):
    device = _enrolled(world.ouder5)
    client = Client()
    client.force_login(world.ouder5)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    client.post(reverse("security:otp_remove"))
    assert not TOTPDevice.objects.filter(user=world.ouder5).exists()
    assert AuditEntry.objects.filter(action=CoreAction.TWO_FACTOR_DISABLED, actor=world.ouder5).exists()


def test_a_wrong_enrolment_code_confirms_nothing(client_for, world):
    client = client_for(world.ouder5)
    client.get(reverse("security:otp_setup"))
    response = client.post(reverse("security:otp_setup"), {"token": "123456"})
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.ouder5, confirmed=True).exists()


def test_a_very_long_username_is_a_failed_login_not_a_server_error(world):
    client = Client(raise_request_exception=False)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, "A" * 5000, "wrong-password", ip="192.0.2.77")
        assert response.status_code in (200, 429)
    assert response.status_code == 429


def test_the_dashboard_offers_two_factor_and_the_office_finds_the_lock_outs_in_the_menu(client_for, world):
    page = client_for(world.ouder5).get(reverse("dashboard")).content.decode()
    assert "Tweestapsverificatie aanzetten" in page and reverse("security:otp_setup") in page
    assert reverse("security:locks") not in page
    assert reverse("security:locks") in client_for(world.administratie).get(reverse("dashboard")).content.decode()
