"""Families: guardians added to and removed from a pupil, their details, invitations in bulk (issue 14, item 5)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, services
from .audit_actions import Action
from .models import ClassGroup, EndedGuardianLink, Guardian, GuardianLink, LinkCode, Pupil

CONTACT_FIELDS = ["email", "phone", "street", "postcode", "city"]


@transaction.atomic
def add_guardian(*, pupil: Pupil, first_name: str, tussenvoegsel: str = "", last_name: str, email: str = "",
                 phone: str = "", street: str = "", postcode: str = "", city: str = "", link_existing: bool = False,
                 actor) -> Guardian:
    """A guardian for `pupil`: a new record, or, when a guardian with this e-mail address is known
    (a sibling's parent) and the office confirmed it (`link_existing`), that one. Without the
    confirmation a known address is refused: a typo must not hand a child to another family."""
    email = email.strip()
    existing = Guardian.objects.filter(email__iexact=email, anonymised_at__isnull=True).first() if email else None
    if existing is not None and not link_existing:
        raise ValidationError(_("E-mailadres: %(email)s hoort al bij %(name)s. Is dat dezelfde ouder/verzorger? Vink dan "
                                "'Koppel aan de bekende ouder/verzorger' aan.") % {"email": email, "name": existing.full_name},
                              code="known_email")
    if existing is not None:
        guardian = existing
    else:
        guardian = Guardian.objects.create(first_name=first_name.strip(), tussenvoegsel=tussenvoegsel.strip(),
                                           last_name=last_name.strip(), email=email, phone=phone.strip(),
                                           street=street.strip(), postcode=postcode.strip().upper(), city=city.strip())
        audit.record(actor=actor, action=Action.GUARDIAN_ADDED, obj=guardian,
                     changes={"naam": guardian.full_name, **audit.snapshot(guardian, CONTACT_FIELDS)})
    _link, created = GuardianLink.objects.get_or_create(guardian=guardian, pupil=pupil)
    if not created:
        raise ValidationError(_("%(name)s is al ouder/verzorger van dit kind.") % {"name": guardian.full_name},
                              code="already_linked")
    audit.record(actor=actor, action=Action.GUARDIAN_LINKED, obj=pupil, changes={"ouder": guardian.full_name})
    return guardian


@transaction.atomic
def remove_guardian(*, pupil: Pupil, guardian: Guardian, reason: str, actor) -> EndedGuardianLink:
    """`guardian` is no longer one of `pupil`'s guardians. The reason is kept with the ended link;
    the guardian's own consent records stay in the ledger and no longer count for this child."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Reden: vul in waarom deze ouder/verzorger niet meer bij het kind hoort."), code="reason")
    link = GuardianLink.objects.select_for_update().filter(pupil=pupil, guardian=guardian).first()
    if link is None:
        raise ValidationError(_("Deze ouder/verzorger hoort niet (meer) bij dit kind."), code="not_linked")
    ended = EndedGuardianLink.objects.create(guardian=guardian, pupil=pupil, linked_at=link.created_at,
                                             ended_by=actor if getattr(actor, "is_authenticated", False) else None,
                                             reason=reason[:300])
    link.delete()
    audit.record(actor=actor, action=Action.GUARDIAN_UNLINKED, obj=pupil,
                 changes={"ouder": guardian.full_name, "reden": reason})
    return ended


@transaction.atomic
def update_guardian(*, guardian: Guardian, email: str = "", phone: str = "", street: str = "", postcode: str = "",
                    city: str = "", actor) -> Guardian:
    """Correct a guardian's e-mail address, phone or postal address (letters need it)."""
    before = audit.snapshot(guardian, CONTACT_FIELDS)
    guardian.email, guardian.phone = email.strip(), phone.strip()
    guardian.street, guardian.postcode, guardian.city = street.strip(), postcode.strip().upper(), city.strip()
    changes = audit.diff(before, audit.snapshot(guardian, CONTACT_FIELDS))
    if changes:
        guardian.save(update_fields=CONTACT_FIELDS)
        audit.record(actor=actor, action=Action.GUARDIAN_CHANGED, obj=guardian, changes=changes)
    return guardian


@dataclass
class InvitationState:
    """What the office sees per guardian: an account, or the last code's fate."""

    has_account: bool
    last_code: LinkCode | None

    @property
    def label(self) -> str:
        if self.has_account:
            return _("heeft een account")
        if self.last_code is None:
            return _("nog niet uitgenodigd")
        if self.last_code.is_used:
            return _("code gebruikt")
        if self.last_code.is_expired:
            return _("code verlopen")
        return _("uitgenodigd, code nog geldig")


def invitation_state(guardian: Guardian) -> InvitationState:
    """Reads the prefetched `link_codes` (ordered newest first by the caller) when there are any."""
    codes = sorted(guardian.link_codes.all(), key=lambda c: c.created_at, reverse=True)
    return InvitationState(has_account=guardian.user_id is not None, last_code=codes[0] if codes else None)


def uninvited_guardians(*, group: ClassGroup | None = None, ids=None) -> QuerySet[Guardian]:
    """Guardians of pupils placed today (in `group`, or among `ids`) who have no account, an
    e-mail address, and no code that still works: the ones 'invite all' mails."""
    pupils = Pupil.objects.active()
    pupils = pupils.in_group(group) if group is not None else pupils.in_school_year(_current_year())
    valid = LinkCode.objects.filter(guardian=OuterRef("pk"), used_at__isnull=True, expires_at__gt=timezone.now())
    guardians = (Guardian.objects.filter(user__isnull=True, anonymised_at__isnull=True, pupils__in=pupils)
                 .exclude(email="").exclude(Exists(valid)).distinct())
    if ids is not None:
        guardians = guardians.filter(pk__in=list(ids))
    return guardians


def _current_year():
    from .models import SchoolYear

    return SchoolYear.objects.current()


@transaction.atomic
def invite_in_bulk(*, guardians, actor, base_url: str | None = None) -> int:
    """Mail each guardian a fresh koppelcode, as non-urgent mail (the worker sends it on the next
    school day's morning when now is quiet time). All or nothing; returns how many were invited."""
    count = 0
    for guardian in guardians:
        services.invite_guardian(guardian=guardian, invited_by=actor, base_url=base_url, urgent=False)
        count += 1
    audit.record(actor=actor, action=Action.GUARDIANS_INVITED, obj=None, changes={"aantal": count})
    return count
