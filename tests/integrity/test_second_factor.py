"""Until the TOTP code is given, a session has no role at all, public pages included (issue 11, item 6)."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from julianaschool import services
from julianaschool.models import Guardian, GuardianLink
from policy.models import VersionStatus
from tests.helpers import PASSWORD
from tests.policy.helpers import draft
from tests.security.test_login import current_code


def _password_only(user) -> Client:
    """A client that gave the right password of a user with an authenticator, and no code."""
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD},
                           REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 302
    return client


def test_directie_with_password_only_cannot_read_a_draft_through_the_public_version_page(world):
    version = draft(world)
    assert version.status == VersionStatus.DRAFT
    client = _password_only(world.directie)
    assert client.get(reverse("policy:version", args=[version.pk])).status_code == 404
    assert version not in client.get(reverse("policy:versions")).context["versions"]


def test_directie_with_password_only_cannot_compare_a_draft(world):
    version = draft(world)
    client = _password_only(world.directie)
    response = client.get(reverse("policy:compare"), {"old": version.based_on_id, "new": version.pk})
    assert response.status_code == 200
    assert response.context["new"] is None
    assert response.context["form"].errors


def test_directie_reads_the_draft_again_once_the_code_is_given(world):
    version = draft(world)
    client = _password_only(world.directie)
    device = TOTPDevice.objects.get(user=world.directie)
    client.post(reverse("security:otp_verify"), {"token": current_code(device), "next": "/"})
    assert client.get(reverse("policy:version", args=[version.pk])).status_code == 200


def test_a_parent_with_password_only_cannot_redeem_a_koppelcode_onto_the_account(world):
    guardian = Guardian.objects.create(first_name="Ouder5", last_name="Test", email=world.ouder5.email)
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil7)
    code = services.invite_guardian(guardian=guardian, invited_by=world.administratie)
    client = _password_only(world.ouder5)
    response = client.post(reverse("people:redeem"), {"code": code})
    assert response.status_code == 200
    assert set(world.ouder5.guardian.pupils.all()) == {world.pupil5}


@pytest.mark.parametrize("name", ["people:pupils", "consent:index", "dashboard"])
def test_a_password_only_session_is_sent_to_the_code_page(world, name):
    client = _password_only(world.directie)
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("security:otp_verify"))


def test_roles_are_computed_as_none_for_a_session_that_owes_its_code(world):
    from julianaschool.access import assigned_roles, is_directie

    user = type(world.directie).objects.get(pk=world.directie.pk)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    user.is_verified = lambda: False  # what django-otp's middleware sets for a password-only session
    assert not is_directie(user)
    assert "directie" in assigned_roles(user)
    user.is_verified = lambda: True
    assert is_directie(user)
