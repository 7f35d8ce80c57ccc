"""Staff and board members: added, changed and ended by the office and directie (issue 14, item 1).

A new person gets an account without a password and an invitation mail with a single-use link to
choose one (Django's token machinery: the link stops working once a password is set, and after
`STAFF_INVITATION_VALID_DAYS`). Ending someone closes the account and keeps every record they made.
Only directie gives or takes the directie role, and the school always keeps one directie; the
board always has exactly one voorzitter.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _

from julianaschool.links import absolute_url

from . import access, audit, mail
from .audit_actions import Action
from .models import BoardMember, GroupTeacher, Role, StaffMember

User = get_user_model()

# The roles a staff member can hold (bestuur and ouder are not staff roles).
STAFF_ROLES = [Role.TEACHER, Role.STAFF, Role.OFFICE, Role.MANAGEMENT]


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token with a salt of its own (a reset link is no invitation link
    and the other way round) and the invitation's own validity. Single use: the hash covers the
    password, so the link dies once a password is chosen."""

    key_salt = "julianaschool.staff_services.InvitationTokenGenerator"

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        valid_for = datetime.timedelta(days=settings.STAFF_INVITATION_VALID_DAYS).total_seconds()
        return (self._num_seconds(self._now()) - ts) <= valid_for


invitation_tokens = InvitationTokenGenerator()


def _clean_roles(roles) -> list[str]:
    roles = [str(r) for r in roles]
    if not roles:
        raise ValidationError(_("Rollen: kies minstens één rol."), code="roles")
    if any(r not in {str(s) for s in STAFF_ROLES} for r in roles):
        raise ValidationError(_("Rollen: kies uit leerkracht, medewerker, administratie en directie."), code="roles")
    return sorted(set(roles))


def _active_directie_count() -> int:
    return (User.objects.filter(groups__name=Role.MANAGEMENT, is_active=True)
            .exclude(staff__left_on__isnull=False).distinct().count())


def _set_roles(*, user, roles: list[str], actor) -> tuple[list[str], list[str]]:
    """Gives and takes staff roles; returns (given, taken). Directie only by directie, never the last."""
    had = set(user.groups.filter(name__in=[str(r) for r in STAFF_ROLES]).values_list("name", flat=True))
    wanted = set(roles)
    if (Role.MANAGEMENT in wanted) != (Role.MANAGEMENT in had) and not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie kan de rol directie geven of afnemen."), code="directie_only")
    if Role.MANAGEMENT in had and Role.MANAGEMENT not in wanted and _active_directie_count() <= 1:
        raise ValidationError(_("Dit is de laatste directie van de school; geef eerst iemand anders de rol directie."),
                              code="last_directie")
    for name in wanted - had:
        user.groups.add(AuthGroup.objects.get_or_create(name=name)[0])
    taken = had - wanted
    if taken:
        user.groups.remove(*AuthGroup.objects.filter(name__in=taken))
    if hasattr(user, "_portal_roles"):
        del user._portal_roles
    return sorted(wanted - had), sorted(taken)


def _new_account(*, email: str, first_name: str, last_name: str) -> "User":
    email = email.strip().lower()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("E-mailadres: er is al een account met dit e-mailadres."), code="email")
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    return user


def welcome_url(user, *, base_url: str | None = None) -> str:
    path = reverse("people:welcome", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                             "token": invitation_tokens.make_token(user)})
    return absolute_url(path, base_url=base_url)


def _send_invitation(*, person, actor, base_url: str | None) -> None:
    url = welcome_url(person.user, base_url=base_url)
    valid_until = timezone.localdate() + datetime.timedelta(days=settings.STAFF_INVITATION_VALID_DAYS)
    mail.staff_invitation(to=person.user.email, context={
        "person": person, "url": url, "username": person.user.username, "valid_until": valid_until})
    person.invited_at = timezone.now()
    fields = ["invited_at"]
    if isinstance(person, StaffMember):
        person.invited_by = actor if getattr(actor, "is_authenticated", False) else None
        fields.append("invited_by")
    person.save(update_fields=fields)
    audit.record(actor=actor, action=Action.STAFF_MEMBER_INVITED, obj=person,
                 changes={"e-mail": person.user.email, "geldig tot": valid_until})


@transaction.atomic
def add_staff_member(*, first_name: str, tussenvoegsel: str = "", last_name: str, email: str, function: str = "",
                     roles, actor, base_url: str | None = None) -> StaffMember:
    """A new staff member with an account (no password yet) and the given roles, invited by mail."""
    roles = _clean_roles(roles)
    if Role.MANAGEMENT in roles and not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie kan de rol directie geven of afnemen."), code="directie_only")
    user = _new_account(email=email, first_name=first_name, last_name=" ".join(p for p in (tussenvoegsel, last_name) if p))
    staff = StaffMember.objects.create(user=user, first_name=first_name, tussenvoegsel=tussenvoegsel,
                                       last_name=last_name, email=user.email, function=function)
    _set_roles(user=user, roles=roles, actor=actor)
    audit.record(actor=actor, action=Action.STAFF_MEMBER_ADDED, obj=staff, changes={
        "naam": staff.full_name, "e-mail": staff.email, "functie": function, "rollen": roles})
    _send_invitation(person=staff, actor=actor, base_url=base_url)
    return staff


@transaction.atomic
def update_staff_member(*, staff: StaffMember, first_name: str, tussenvoegsel: str = "", last_name: str, email: str,
                        function: str = "", roles, actor) -> StaffMember:
    """Change a staff member's name, address, function or roles (see `_set_roles` for directie)."""
    roles = _clean_roles(roles)
    if staff.left_on is not None:
        raise ValidationError(_("Deze medewerker is uit dienst."), code="left")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=staff.user_id).exists():
        raise ValidationError(_("E-mailadres: er is al een account met dit e-mailadres."), code="email")
    fields = ["first_name", "tussenvoegsel", "last_name", "email", "function"]
    before = audit.snapshot(staff, fields)
    staff.first_name, staff.tussenvoegsel, staff.last_name = first_name, tussenvoegsel, last_name
    staff.email, staff.function = email, function
    staff.save(update_fields=fields)
    user = staff.user
    user.first_name, user.last_name = first_name, " ".join(p for p in (tussenvoegsel, last_name) if p)
    user.email = email
    user.save(update_fields=["first_name", "last_name", "email"])
    given, taken = _set_roles(user=user, roles=roles, actor=actor)
    changes = audit.diff(before, audit.snapshot(staff, fields))
    if given:
        changes["rollen gegeven"] = given
    if taken:
        changes["rollen afgenomen"] = taken
    if changes:
        audit.record(actor=actor, action=Action.STAFF_MEMBER_CHANGED, obj=staff, changes=changes)
    return staff


@transaction.atomic
def resend_staff_invitation(*, staff: StaffMember, actor, base_url: str | None = None) -> StaffMember:
    """A new set-password link (the old one stays valid until it expires or a password is chosen)."""
    if staff.left_on is not None:
        raise ValidationError(_("Deze medewerker is uit dienst."), code="left")
    _send_invitation(person=staff, actor=actor, base_url=base_url)
    return staff


def _close_account(user) -> None:
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["is_active", "password"])


@transaction.atomic
def end_staff_member(*, staff: StaffMember, left_on: datetime.date, actor) -> StaffMember:
    """Uit dienst per `left_on`: the account is closed (today, or from that date on: the login
    refuses a staff member whose date has come) and every record they made stays. The last
    directie cannot end; nor can anyone but directie end a directie."""
    staff = StaffMember.objects.select_for_update().select_related("user").get(pk=staff.pk)
    if staff.left_on is not None:
        raise ValidationError(_("Deze medewerker is al uit dienst."), code="left")
    today = timezone.localdate()
    if not today - datetime.timedelta(days=366) <= left_on <= today + datetime.timedelta(days=366):
        raise ValidationError(_("Uit dienst op: kies een datum binnen een jaar van vandaag."), code="left_on")
    is_directie = staff.user.groups.filter(name=Role.MANAGEMENT).exists()
    if is_directie and not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie kan een directielid uit dienst melden."), code="directie_only")
    if is_directie and _active_directie_count() <= 1:
        raise ValidationError(_("Dit is de laatste directie van de school; geef eerst iemand anders de rol directie."),
                              code="last_directie")
    if staff.user_id == getattr(actor, "pk", None):
        raise ValidationError(_("U kunt uzelf niet uit dienst melden."), code="self")
    staff.left_on = left_on
    staff.save(update_fields=["left_on"])
    if left_on <= today:
        _close_account(staff.user)
    taken_off = []
    if left_on <= today:
        # She no longer teaches the groups of the years after her last day; earlier years keep her.
        later = GroupTeacher.objects.filter(teacher=staff, group__school_year__ends_on__gt=left_on)
        taken_off = sorted(f"{a.group} ({a.group.school_year})" for a in later.select_related("group__school_year"))
        later.delete()
    audit.record(actor=actor, action=Action.STAFF_MEMBER_ENDED, obj=staff, changes={
        "uit dienst op": left_on, "rollen": sorted(staff.user.groups.values_list("name", flat=True)),
        "uit groepen": taken_off})
    return staff


# --- the board (bestuur), managed by directie


def _chair_check(*, member: BoardMember | None, is_chair: bool) -> None:
    others = BoardMember.objects.filter(is_chair=True, left_on__isnull=True)
    if member is not None:
        others = others.exclude(pk=member.pk)
    if not is_chair and not others.exists():
        raise ValidationError(_("Het bestuur heeft precies één voorzitter; maak eerst iemand anders voorzitter."),
                              code="one_chair")


@transaction.atomic
def add_board_member(*, first_name: str, tussenvoegsel: str = "", last_name: str, email: str, is_chair: bool = False,
                     actor, base_url: str | None = None) -> BoardMember:
    """A new board member (role bestuur) with an invitation; made voorzitter, the previous one is no longer."""
    if not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie beheert het bestuur."), code="directie_only")
    if not is_chair:
        _chair_check(member=None, is_chair=False)
    if is_chair:
        BoardMember.objects.filter(is_chair=True).update(is_chair=False)
    user = _new_account(email=email, first_name=first_name, last_name=" ".join(p for p in (tussenvoegsel, last_name) if p))
    user.groups.add(AuthGroup.objects.get_or_create(name=Role.BOARD)[0])
    member = BoardMember.objects.create(user=user, first_name=first_name, tussenvoegsel=tussenvoegsel,
                                        last_name=last_name, is_chair=is_chair)
    audit.record(actor=actor, action=Action.BOARD_MEMBER_ADDED, obj=member,
                 changes={"naam": member.full_name, "e-mail": user.email, "voorzitter": is_chair})
    _send_invitation(person=member, actor=actor, base_url=base_url)
    return member


@transaction.atomic
def update_board_member(*, member: BoardMember, first_name: str, tussenvoegsel: str = "", last_name: str, email: str,
                        is_chair: bool, actor) -> BoardMember:
    """Change a board member; naming a new voorzitter takes the chair from the previous one."""
    if not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie beheert het bestuur."), code="directie_only")
    if member.left_on is not None:
        raise ValidationError(_("Dit bestuurslid is afgetreden."), code="left")
    _chair_check(member=member, is_chair=is_chair)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=member.user_id).exists():
        raise ValidationError(_("E-mailadres: er is al een account met dit e-mailadres."), code="email")
    fields = ["first_name", "tussenvoegsel", "last_name", "is_chair"]
    before = {**audit.snapshot(member, fields), "email": member.user.email}
    if is_chair and not member.is_chair:
        BoardMember.objects.filter(is_chair=True).exclude(pk=member.pk).update(is_chair=False)
    member.first_name, member.tussenvoegsel, member.last_name, member.is_chair = first_name, tussenvoegsel, last_name, is_chair
    member.save(update_fields=fields)
    user = member.user
    user.first_name, user.last_name, user.email = first_name, " ".join(p for p in (tussenvoegsel, last_name) if p), email
    user.save(update_fields=["first_name", "last_name", "email"])
    changes = audit.diff(before, {**audit.snapshot(member, fields), "email": email})
    if changes:
        audit.record(actor=actor, action=Action.BOARD_MEMBER_CHANGED, obj=member, changes=changes)
    return member


@transaction.atomic
def end_board_member(*, member: BoardMember, left_on: datetime.date, actor) -> BoardMember:
    """A board member steps down: the account closes, the records stay; the voorzitter cannot step
    down before another is named."""
    if not access.is_directie(actor):
        raise ValidationError(_("Alleen de directie beheert het bestuur."), code="directie_only")
    member = BoardMember.objects.select_for_update().select_related("user").get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError(_("Dit bestuurslid is al afgetreden."), code="left")
    if member.is_chair:
        raise ValidationError(_("Het bestuur heeft precies één voorzitter; maak eerst iemand anders voorzitter."),
                              code="one_chair")
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    _close_account(member.user)
    member.user.groups.remove(*AuthGroup.objects.filter(name=Role.BOARD))
    audit.record(actor=actor, action=Action.BOARD_MEMBER_ENDED, obj=member, changes={"afgetreden op": left_on})
    return member


@transaction.atomic
def resend_board_invitation(*, member: BoardMember, actor, base_url: str | None = None) -> BoardMember:
    if member.left_on is not None:
        raise ValidationError(_("Dit bestuurslid is afgetreden."), code="left")
    _send_invitation(person=member, actor=actor, base_url=base_url)
    return member


@transaction.atomic
def accept_invitation(*, user, password: str) -> "User":
    """The invited person chose a password (the link's token was checked by the view): the link dies with it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action=Action.INVITATION_ACCEPTED, obj=user)
    return user
