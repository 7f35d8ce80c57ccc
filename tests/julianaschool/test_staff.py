"""Issue 14, item 1: the office and directie add, change and end staff and board members."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from julianaschool import staff_services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, BoardMember, Role, StaffMember

User = get_user_model()


def _add_teacher(client, django_capture_on_commit_callbacks, **extra):
    data = {"first_name": "Fatima", "tussenvoegsel": "el", "last_name": "Amrani", "email": "f.amrani@example.org",
            "function": "leerkracht groep 4/5", "roles": ["leerkracht", "medewerker"], **extra}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("people:staff_add"), data)


def _welcome_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/welkom/[^\s]+/)", message.body).group(1)


def test_the_office_adds_a_teacher_who_chooses_her_password_from_the_mail(world, client_for,
                                                                           django_capture_on_commit_callbacks):
    response = _add_teacher(client_for(world.administratie), django_capture_on_commit_callbacks)
    staff = StaffMember.objects.get(email="f.amrani@example.org")
    assert response.status_code == 302 and staff.full_name == "Fatima el Amrani"
    assert set(staff.user.groups.values_list("name", flat=True)) == {"leerkracht", "medewerker"}
    assert not staff.user.has_usable_password() and staff.invited_by == world.administratie
    assert mail.outbox[-1].to == ["f.amrani@example.org"]
    link = _welcome_link(mail.outbox[-1])
    anonymous = client_for(None)
    assert anonymous.get(link).status_code == 200
    response = anonymous.post(link, {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"})
    assert response.status_code == 302
    assert anonymous.login(username="f.amrani@example.org", password="een-lang-wachtwoord-42")
    assert AuditEntry.objects.filter(action=CoreAction.STAFF_MEMBER_ADDED, object_id=str(staff.pk)).exists()


def test_the_invitation_link_sets_a_password_once_and_then_answers_not_found(world, client_for, django_capture_on_commit_callbacks):
    _add_teacher(client_for(world.administratie), django_capture_on_commit_callbacks)
    link = _welcome_link(mail.outbox[-1])
    anonymous = client_for(None)
    anonymous.post(link, {"new_password1": "een-lang-wachtwoord-42", "new_password2": "een-lang-wachtwoord-42"})
    assert anonymous.get(link).status_code == 404


def test_the_invitation_link_expires_after_seven_days_and_can_be_sent_again(world, client_for,
                                                                             django_capture_on_commit_callbacks):
    _add_teacher(client_for(world.administratie), django_capture_on_commit_callbacks)
    staff = StaffMember.objects.get(email="f.amrani@example.org")
    token = _welcome_link(mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]

    class EightDaysLater(staff_services.InvitationTokenGenerator):
        def _now(self):
            return datetime.datetime.now() + datetime.timedelta(days=8)

    assert staff_services.invitation_tokens.check_token(staff.user, token)
    assert not EightDaysLater().check_token(staff.user, token)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.administratie).post(reverse("people:staff_invite", args=[staff.pk]))
    assert response.status_code == 302 and len(mail.outbox) == 2


def test_a_password_reset_token_is_no_invitation(world):
    from django.contrib.auth.tokens import default_token_generator

    user = world.leerkracht5
    assert not staff_services.invitation_tokens.check_token(user, default_token_generator.make_token(user))


def test_the_office_cannot_give_the_directie_role(world, client_for, django_capture_on_commit_callbacks):
    response = _add_teacher(client_for(world.administratie), django_capture_on_commit_callbacks, roles=["directie"])
    assert response.status_code == 200
    assert "Alleen de directie" in response.content.decode()
    assert not StaffMember.objects.filter(email="f.amrani@example.org").exists()


def test_directie_gives_the_directie_role_and_nobody_removes_the_last_one(world):
    staff = world.leerkracht5.staff
    data = {"first_name": staff.first_name, "last_name": staff.last_name, "email": staff.email, "function": "adjunct"}
    staff_services.update_staff_member(staff=staff, **data, roles=["leerkracht", "directie"], actor=world.directie)
    assert world.leerkracht5.groups.filter(name=Role.MANAGEMENT).exists()
    staff_services.update_staff_member(staff=staff, **data, roles=["leerkracht"], actor=world.directie)
    own = world.directie.staff
    with pytest.raises(ValidationError, match="laatste directie"):
        staff_services.update_staff_member(staff=own, first_name=own.first_name, last_name=own.last_name,
                                           email=own.email, roles=["medewerker"], actor=world.directie)


def test_a_staff_member_who_leaves_can_no_longer_sign_in_and_her_records_stay(world, client_for):
    teacher = world.leerkracht5
    response = client_for(world.administratie).post(reverse("people:staff_end", args=[teacher.staff.pk]),
                                              {"left_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert not teacher.is_active and teacher.staff.left_on == timezone.localdate()
    assert StaffMember.objects.filter(pk=teacher.staff.pk).exists()
    assert client_for(None).login(username="leerkracht5", password="julianaschool-test") is False
    assert AuditEntry.objects.filter(action=CoreAction.STAFF_MEMBER_ENDED).exists()


def test_a_staff_member_ending_next_month_signs_in_until_then(world):
    teacher = world.leerkracht7
    staff_services.end_staff_member(staff=teacher.staff, left_on=timezone.localdate() + datetime.timedelta(days=30),
                                    actor=world.administratie)
    teacher.refresh_from_db()
    assert teacher.is_active


def test_the_office_cannot_end_the_directie(world):
    with pytest.raises(ValidationError):
        staff_services.end_staff_member(staff=world.directie.staff, left_on=timezone.localdate(), actor=world.administratie)


def test_directie_manages_the_board_with_exactly_one_chair(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.directie)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:board_add"), {"first_name": "Kees", "last_name": "de Boer",
                                                             "email": "kees@example.org", "is_chair": "on"})
    assert response.status_code == 302
    assert list(BoardMember.objects.filter(is_chair=True).values_list("first_name", flat=True)) == ["Kees"]
    assert "/welkom/" in mail.outbox[-1].body
    kees = BoardMember.objects.get(first_name="Kees")
    with pytest.raises(ValidationError, match="precies één voorzitter"):
        staff_services.end_board_member(member=kees, left_on=timezone.localdate(), actor=world.directie)
    with pytest.raises(ValidationError, match="precies één voorzitter"):
        staff_services.update_board_member(member=kees, first_name="Kees", last_name="de Boer", email="kees@example.org",
                                           is_chair=False, actor=world.directie)
    margreet = BoardMember.objects.get(first_name="Margreet")
    staff_services.end_board_member(member=margreet, left_on=timezone.localdate(), actor=world.directie)
    margreet.user.refresh_from_db()
    assert not margreet.user.is_active


def test_the_office_cannot_manage_the_board(world, client_for):
    assert client_for(world.administratie).get(reverse("people:board")).status_code == 403


def test_a_teacher_who_leaves_is_taken_off_this_years_group_and_the_trail_says_so(world):
    teacher = world.leerkracht5
    staff_services.end_staff_member(staff=teacher.staff, left_on=timezone.localdate(), actor=world.administratie)
    assert not world.group5.assignments.exists()
    entry = AuditEntry.objects.get(action=CoreAction.STAFF_MEMBER_ENDED)
    assert entry.changes["uit groepen"] == [f"groep 5 ({world.school_year})"]
