"""A koppelcode belongs to the guardian it was sent to, not to whoever holds it (issue 11, item 10)."""

from django.urls import reverse

from julianaschool import services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, Guardian, GuardianLink, LinkCode


def _invite(world, email: str, pupil) -> tuple[Guardian, str]:
    guardian = Guardian.objects.create(first_name="Ans", last_name="Jansen", email=email)
    GuardianLink.objects.create(guardian=guardian, pupil=pupil)
    return guardian, services.invite_guardian(guardian=guardian, invited_by=world.administratie)


def test_a_signed_in_parent_cannot_link_another_familys_child_with_their_code(world, client_for):
    guardian, code = _invite(world, "ans@example.org", world.pupil5b)
    response = client_for(world.ouder5).post(reverse("people:redeem"), {"code": code})
    assert response.status_code == 200
    assert "verstuurd aan een andere ouder/verzorger" in response.content.decode()
    assert set(world.ouder5.guardian.pupils.all()) == {world.pupil5}
    assert LinkCode.objects.get(guardian=guardian).used_at is None
    guardian.refresh_from_db()
    assert guardian.user_id is None


def test_a_signed_in_staff_member_cannot_take_a_parents_code(world, client_for):
    guardian, code = _invite(world, "ans@example.org", world.pupil5b)
    response = client_for(world.leerkracht5).post(reverse("people:redeem"), {"code": code})
    assert response.status_code == 200
    guardian.refresh_from_db()
    assert guardian.user_id is None
    assert not hasattr(world.leerkracht5, "guardian") or world.leerkracht5.guardian is None


def test_the_account_with_the_invited_address_gets_the_other_child(world, client_for):
    _guardian, code = _invite(world, world.ouder5.email.upper(), world.pupil7)
    response = client_for(world.ouder5).post(reverse("people:redeem"), {"code": code})
    assert response.status_code == 302
    assert set(world.ouder5.guardian.pupils.all()) == {world.pupil5, world.pupil7}
    assert AuditEntry.objects.filter(action=CoreAction.LINK_CODE_REDEEMED, actor=world.ouder5).exists()


def test_a_code_of_a_guardian_who_has_an_account_does_not_make_a_second_one(world, client):
    code = services.invite_guardian(guardian=world.ouder5.guardian, invited_by=world.administratie)
    response = client.post(reverse("people:redeem"), {"code": code, "username": "indringer",
                                                      "password1": "Zonnebloem-2026", "password2": "Zonnebloem-2026"})
    assert response.status_code == 200
    assert "al een account" in response.content.decode()
    assert not type(world.ouder5).objects.filter(username="indringer").exists()


def test_the_invited_guardian_signs_their_own_account_up(world, client):
    guardian, code = _invite(world, "ans@example.org", world.pupil5b)
    response = client.post(reverse("people:redeem"), {"code": code, "username": "ans",
                                                      "password1": "Zonnebloem-2026", "password2": "Zonnebloem-2026"})
    assert response.status_code == 302
    guardian.refresh_from_db()
    assert guardian.user.username == "ans" and guardian.user.email == "ans@example.org"
