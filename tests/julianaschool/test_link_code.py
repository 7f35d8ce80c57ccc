"""A guardian's koppelcode: valid, used, expired or mistyped, and a second child on one account."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from julianaschool import services
from julianaschool.models import Guardian, GuardianLink, LinkCode

User = get_user_model()


@pytest.fixture
def invited(world, django_capture_on_commit_callbacks):
    """A guardian of pupil5b without an account, invited by the office (the mail sent on commit)."""
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    with django_capture_on_commit_callbacks(execute=True):
        code = services.invite_guardian(guardian=guardian, invited_by=world.administratie)
    return guardian, code


def register(client, code, username="ans", password="Zonnebloem-2026"):
    return client.post(reverse("people:redeem"), {"code": code, "username": username, "password1": password, "password2": password})


def test_the_invitation_mail_carries_the_code_and_a_link(invited):
    guardian, code = invited
    assert mail.outbox[-1].to == ["ans@example.org"]
    assert code in mail.outbox[-1].body
    assert re.search(r"/koppelcode/\?code=" + code, mail.outbox[-1].body)


def test_a_valid_code_makes_an_account_that_sees_the_child(invited, client, world):
    guardian, code = invited
    response = register(client, code)
    assert response.status_code == 302
    user = User.objects.get(username="ans")
    guardian.refresh_from_db()
    assert guardian.user == user
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert world.pupil5b.full_name in dashboard
    assert world.pupil5.full_name not in dashboard


def test_a_used_code_is_refused_and_changes_nothing(invited, client, world):
    guardian, code = invited
    register(client, code)
    client.logout()
    response = register(client, code, username="someone-else")
    assert "al gebruikt" in response.content.decode()
    assert not User.objects.filter(username="someone-else").exists()


def test_an_expired_code_is_refused(invited, client):
    guardian, code = invited
    LinkCode.objects.filter(guardian=guardian).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = register(client, code)
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(username="ans").exists()


def test_a_mistyped_code_is_refused(invited, client):
    response = register(client, "ABCDE12345")
    assert "kennen wij niet" in response.content.decode()


def test_codes_expire_after_fourteen_days(invited):
    guardian, _code = invited
    link = LinkCode.objects.get(guardian=guardian)
    assert (link.expires_at - link.created_at).days == 14


def test_a_registered_parent_adds_another_child_with_a_second_code(world, client_for):
    # The office made a separate record for the same parent at the other child's registration.
    other = Guardian.objects.create(first_name="Ouder5", last_name="Test", email="ouder5@example.org")
    GuardianLink.objects.create(guardian=other, pupil=world.pupil7)
    code = services.invite_guardian(guardian=other, invited_by=world.administratie)
    client = client_for(world.ouder5)
    response = client.post(reverse("people:redeem"), {"code": code})
    assert response.status_code == 302
    assert set(world.ouder5.guardian.pupils.all()) == {world.pupil5, world.pupil7}


def test_the_code_is_stored_only_as_a_hash(invited):
    guardian, code = invited
    assert not LinkCode.objects.filter(code_hash=code).exists()
    assert LinkCode.objects.filter(code_hash=LinkCode.hash(code)).exists()


def test_a_weak_password_is_refused_with_a_message(invited, client):
    guardian, code = invited
    response = register(client, code, password="12345678")
    assert response.status_code == 200
    assert not User.objects.filter(username="ans").exists()


def test_office_invites_from_the_pupil_page(world, client_for, django_capture_on_commit_callbacks):
    guardian = Guardian.objects.create(first_name="Piet", last_name="Jansen", email="piet@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    client = client_for(world.administratie)
    page = client.get(reverse("people:pupil", args=[world.pupil5b.pk])).content.decode()
    assert "Koppelcode mailen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:guardian_invite", args=[guardian.pk]), {"pupil": world.pupil5b.pk})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["piet@example.org"]
