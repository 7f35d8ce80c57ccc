"""Issue 14, item 5: the office adds and removes guardians, corrects their details, invites in bulk."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from consent import state
from consent.models import ConsentRecord
from julianaschool import family_services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, EndedGuardianLink, Guardian, GuardianLink, LinkCode, OutgoingMail
from tests.consent.helpers import seed_purposes


@pytest.fixture
def parro(db):
    from consent.models import Purpose

    seed_purposes()
    return Purpose.objects.get(slug="parro")


def test_the_office_adds_a_second_guardian_to_a_pupil(world, client_for):
    response = client_for(world.administratie).post(reverse("people:guardian_add", args=[world.pupil5.pk]), {
        "first_name": "Peter", "tussenvoegsel": "de", "last_name": "Vries", "email": "peter@example.org",
        "postcode": "5211 AB", "city": "'s-Hertogenbosch", "street": "Markt 1"})
    assert response.status_code == 302
    peter = Guardian.objects.get(email="peter@example.org")
    assert set(world.pupil5.guardians.all()) == {world.guardian5, peter}
    assert peter.postal_address == ["Markt 1", "5211 AB 's-Hertogenbosch"]


def test_a_known_address_is_linked_only_when_the_office_confirms_it(world):
    with pytest.raises(ValidationError, match="hoort al bij"):
        family_services.add_guardian(pupil=world.pupil7, first_name="X", last_name="Y", email=world.guardian5.email,
                                     actor=world.administratie)
    family_services.add_guardian(pupil=world.pupil7, first_name="", last_name="", email=world.guardian5.email,
                                 link_existing=True, actor=world.administratie)
    assert world.guardian5 in world.pupil7.guardians.all()


def test_a_removed_guardians_no_stays_in_the_ledger_but_no_longer_counts(world, parro):
    second = family_services.add_guardian(pupil=world.pupil5, first_name="Peter", last_name="Vries",
                                          email="peter@example.org", actor=world.administratie)
    from consent import services as consent_services

    consent_services.record_office_entry(pupil=world.pupil5, choices={parro.pk: True}, actor=world.administratie, method="telefoon", note="belde om 9 uur",
                                         guardian=world.guardian5)
    consent_services.record_office_entry(pupil=world.pupil5, choices={parro.pk: False}, actor=world.administratie, method="telefoon", note="belde om 9 uur",
                                         guardian=second)
    assert state.answer(state.pupil_answers([world.pupil5.pk], [parro]), world.pupil5.pk, parro.pk).given is False
    family_services.remove_guardian(pupil=world.pupil5, guardian=second, reason="gezag beëindigd (rechter)",
                                    actor=world.administratie)
    assert ConsentRecord.objects.filter(pupil=world.pupil5, guardian=second).exists()
    assert state.answer(state.pupil_answers([world.pupil5.pk], [parro]), world.pupil5.pk, parro.pk).given is True
    assert EndedGuardianLink.objects.get(pupil=world.pupil5, guardian=second).reason == "gezag beëindigd (rechter)"
    assert AuditEntry.objects.filter(action=CoreAction.GUARDIAN_UNLINKED).exists()


def test_removing_a_guardian_needs_a_reason(world, client_for):
    client_for(world.administratie).post(reverse("people:guardian_remove", args=[world.pupil5.pk]),
                                   {"guardian": world.guardian5.pk, "reason": ""})
    assert GuardianLink.objects.filter(pupil=world.pupil5, guardian=world.guardian5).exists()


def test_the_office_corrects_a_guardians_e_mail_address_and_the_trail_shows_old_and_new(world, client_for):
    old = world.guardian7.email
    response = client_for(world.administratie).post(reverse("people:guardian_edit", args=[world.guardian7.pk]), {
        "email": "nieuw@example.org", "phone": "06-1", "street": "", "postcode": "", "city": ""})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=CoreAction.GUARDIAN_CHANGED)
    assert entry.changes["email"] == [old, "nieuw@example.org"]


def test_a_bad_postcode_is_refused_in_dutch(world, client_for):
    response = client_for(world.administratie).post(reverse("people:guardian_edit", args=[world.guardian7.pk]), {
        "email": world.guardian7.email, "postcode": "ABCDEF"})
    assert response.status_code == 200 and "zoals 1234 AB" in response.content.decode()


def test_the_office_sees_who_was_invited_when_and_by_whom(world, client_for):
    guardian = Guardian.objects.create(first_name="Ans", last_name="Kok", email="ans@example.org")
    GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    from julianaschool import services

    services.invite_guardian(guardian=guardian, invited_by=world.administratie)
    page = client_for(world.administratie).get(reverse("people:guardians")).content.decode()
    assert "uitgenodigd, code nog geldig" in page and "heeft een account" in page
    LinkCode.objects.filter(guardian=guardian).update(used_at=None, expires_at="2001-01-01T00:00Z")
    assert "code verlopen" in client_for(world.administratie).get(reverse("people:guardians")).content.decode()


def test_invite_all_shows_the_count_first_and_sends_on_confirmation(world, client_for,
                                                                    django_capture_on_commit_callbacks):
    for n in range(3):
        guardian = Guardian.objects.create(first_name=f"Ouder{n}", last_name="Kok", email=f"o{n}@example.org")
        GuardianLink.objects.create(guardian=guardian, pupil=world.pupil5b)
    client = client_for(world.administratie)
    preview = client.get(reverse("people:guardians_invite"))
    assert "Er gaan 3 e-mails met een koppelcode uit." in preview.content.decode()
    assert not OutgoingMail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:guardians_invite"), {"bevestig": "ja"})
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(kind="people.invitation", urgent=False).count() == 3
    assert len(mail.outbox) == 3
    # Invited once, they are not invited again by the next "invite all".
    assert "niemand uit te nodigen" in client.get(reverse("people:guardians_invite")).content.decode()


def test_the_office_invites_the_guardians_of_a_group_or_of_a_selection(world, client_for):
    a = Guardian.objects.create(first_name="A", last_name="Kok", email="a@example.org")
    b = Guardian.objects.create(first_name="B", last_name="Kok", email="b@example.org")
    GuardianLink.objects.create(guardian=a, pupil=world.pupil5b)
    GuardianLink.objects.create(guardian=b, pupil=world.pupil7)
    client = client_for(world.administratie)
    group = client.get(reverse("people:guardians_invite"), {"groep": world.group7.pk}).content.decode()
    assert "Er gaat 1 e-mail" in group and "b@example.org" in group and "a@example.org" not in group
    chosen = client.get(reverse("people:guardians_invite"), {"ouder": [a.pk]}).content.decode()
    assert "a@example.org" in chosen and "b@example.org" not in chosen


def test_a_teacher_cannot_see_the_guardians(world, client_for):
    assert client_for(world.leerkracht5).get(reverse("people:guardians")).status_code == 403
