"""Every write about the school's people goes through these functions (views, commands, tests)."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group as AuthGroup
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from julianaschool.links import absolute_url

from . import audit, mail, names, signals
from .audit_actions import Action
from .models import Enrollment, Guardian, GuardianLink, LinkCode, Pupil, Role

User = get_user_model()
# Where the CSV import's audit entries came from ("bron"), shown after their sentence; stored in
# Dutch and read through gettext like the EDEX import's "uit EDEX".
IMPORT_SOURCE = "import"


def grant_role(*, user, role: str) -> None:
    """Give `user` the role (idempotent)."""
    group, _created = AuthGroup.objects.get_or_create(name=str(role))
    user.groups.add(group)
    if hasattr(user, "_portal_roles"):
        del user._portal_roles


@transaction.atomic
def invite_guardian(*, guardian: Guardian, invited_by, base_url: str | None = None, urgent: bool = True) -> str:
    """Create a fresh koppelcode for `guardian`, e-mail it, and return the code.

    Earlier unused codes of this guardian stay valid until they expire: a parent who finds the
    first letter later can still use it. One invitation goes at once; invitations sent in bulk pass
    `urgent=False` and wait for a school day (julianaschool.mail).
    """
    if not guardian.email:
        raise ValidationError(_("Deze ouder/verzorger heeft geen e-mailadres; vul dat eerst in."))
    code = LinkCode.generate()
    now = timezone.now()
    link_code = LinkCode.objects.create(
        guardian=guardian,
        code_hash=LinkCode.hash(code),
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.LINK_CODE_VALID_DAYS),
        created_by=invited_by,
    )
    url = absolute_url(reverse("people:redeem"), base_url=base_url) + f"?code={code}"
    context = {"guardian": guardian, "code": code, "url": url, "expires_at": link_code.expires_at,
               "children": list(guardian.pupils.all()), "school_name": settings.SCHOOL_NAME}
    mail.invitation(to=guardian.email, context=context, urgent=urgent)
    audit.record(actor=invited_by, action=Action.LINK_CODE_SENT, obj=guardian, changes={"verloopt": link_code.expires_at})
    return code


def check_link_code(code: str) -> LinkCode:
    """The usable LinkCode for `code`, or a ValidationError saying plainly what is wrong."""
    link_code = LinkCode.objects.select_related("guardian").filter(code_hash=LinkCode.hash(code or "")).first()
    if link_code is None:
        raise ValidationError(_("Deze koppelcode kennen wij niet. Controleer of u hem goed heeft overgetypt."), code="unknown")
    if link_code.is_used:
        raise ValidationError(_("Deze koppelcode is al gebruikt. Vraag de administratie om een nieuwe code."), code="used")
    if link_code.is_expired:
        raise ValidationError(_("Deze koppelcode is verlopen. Vraag de administratie om een nieuwe code."), code="expired")
    return link_code


def _same_address(a: str, b: str) -> bool:
    return bool(a and b) and a.strip().lower() == b.strip().lower()


@transaction.atomic
def redeem_link_code(*, code: str, user=None, username: str = "", password: str = "") -> "User":
    """Use a koppelcode: link the guardian record (and so their children) to an account.

    A code belongs to the guardian it was sent to, not to whoever holds it. Without `user` a new
    account is made for that guardian (`username`/`password`), unless they already have one.
    With `user` (signed in) the code is accepted only from the invited guardian's own account:
    the account of that guardian record, or one whose e-mail address is the invited address
    (a parent the office registered twice gets the other children). Anyone else is refused,
    and nothing is linked. The code is locked while it is used, so two tabs cannot use it twice.
    """
    link_code = check_link_code(code)
    link_code = LinkCode.objects.select_for_update().select_related("guardian").get(pk=link_code.pk)
    if link_code.is_used:
        raise ValidationError(_("Deze koppelcode is al gebruikt. Vraag de administratie om een nieuwe code."), code="used")
    invited = link_code.guardian
    if user is None:
        if invited.user_id is not None:
            raise ValidationError(_("Deze ouder/verzorger heeft al een account. Log in met dat account en vul de code "
                                    "daarna opnieuw in."), code="has_account")
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik; kies een andere."), code="username")
        user = User.objects.create_user(username=username, password=password, email=invited.email,
                                        first_name=invited.first_name, last_name=invited.last_name)
    own = getattr(user, "guardian", None)
    is_invited = invited.user_id == user.pk or (
        invited.user_id is None and _same_address(invited.email, user.email or (own.email if own else "")))
    if not is_invited:
        raise ValidationError(_("Deze koppelcode is verstuurd aan een andere ouder/verzorger dan het account waarmee "
                                "u bent ingelogd. Er is niets gekoppeld. Is de code wel voor u bedoeld? Log dan uit "
                                "en gebruik de code opnieuw, of vraag de administratie om hulp."), code="other")
    grant_role(user=user, role=Role.GUARDIAN)
    if own is None:
        invited.user = user
        invited.save(update_fields=["user"])
        own = invited
    elif own.pk != invited.pk:
        # A second code for an already registered parent: their account gets the other children.
        for pupil in invited.pupils.all():
            GuardianLink.objects.get_or_create(guardian=own, pupil=pupil)
    link_code.used_at = timezone.now()
    link_code.used_by = user
    link_code.save(update_fields=["used_at", "used_by"])
    audit.record(actor=user, action=Action.LINK_CODE_REDEEMED, obj=own,
                 changes={"kinderen": [p.full_name for p in own.pupils.all()]})
    return user


def years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def leave_date_bounds(pupil: Pupil, *, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates a leave may be recorded on: from the start of the pupil's current enrolment (the
    school year they are in now, or last were) to a school year ahead. An earlier date would make
    the nightly retention treat records of this enrolment as years old and delete them."""
    today = today or timezone.localdate()
    starts = sorted(pupil.enrollments.values_list("school_year__starts_on", flat=True))
    started = [day for day in starts if day <= today]
    earliest = started[-1] if started else (starts[0] if starts else timezone.localdate(pupil.created_at))
    return earliest, years_after(today, 1)


@transaction.atomic
def mark_pupil_left(*, pupil: Pupil, left_on: datetime.date, actor) -> Pupil:
    """Record that a pupil left the school. Their enrollments and records stay (history).

    The date must lie within `leave_date_bounds`: not before the current enrolment began, not
    more than a school year ahead."""
    pupil.left_on = Pupil.objects.select_for_update().values_list("left_on", flat=True).get(pk=pupil.pk)
    if pupil.left_on is not None:
        raise ValidationError(_("Deze leerling is al uitgeschreven."))
    earliest, latest = leave_date_bounds(pupil)
    if not earliest <= left_on <= latest:
        raise ValidationError(
            _("Uitgeschreven op: kies een datum tussen %(earliest)s (begin van de huidige inschrijving) en "
              "%(latest)s (een schooljaar vooruit).") % {"earliest": f"{earliest:%d-%m-%Y}", "latest": f"{latest:%d-%m-%Y}"},
            code="left_on_out_of_range")
    before = audit.snapshot(pupil, ["left_on"])
    pupil.left_on = left_on
    pupil.save(update_fields=["left_on"])
    audit.record(actor=actor, action=Action.PUPIL_DEREGISTERED, obj=pupil, changes=audit.diff(before, audit.snapshot(pupil, ["left_on"])))
    # Consent ends with leaving: the consent app records that in its ledger (consent/apps.py).
    signals.pupil_left.send(sender=Pupil, pupil=pupil, actor=actor)
    return pupil


def can_undo_leave(pupil: Pupil, *, today: datetime.date | None = None) -> bool:
    """A leave can be undone while retention has removed nothing yet: before the consent period
    (the first to end) has passed since the leave date, and before anonymisation."""
    if pupil.left_on is None or pupil.anonymised_at is not None:
        return False
    today = today or timezone.localdate()
    return today < years_after(pupil.left_on, settings.RETENTION_CONSENT_YEARS)


@transaction.atomic
def undo_pupil_leave(*, pupil: Pupil, actor) -> Pupil:
    """Undo a leave recorded by mistake (terugdraaien), within the retention grace
    (`can_undo_leave`). The pupil is enrolled again as before; the consent their guardians gave
    before the leave counts again, recorded as new ledger entries that point at the original
    answers. The leave and its undoing both stay in the audit trail and the ledger."""
    locked = Pupil.objects.select_for_update().only("left_on", "anonymised_at").get(pk=pupil.pk)
    pupil.left_on, pupil.anonymised_at = locked.left_on, locked.anonymised_at
    if pupil.left_on is None:
        raise ValidationError(_("Deze leerling is niet uitgeschreven."), code="not_left")
    if not can_undo_leave(pupil):
        raise ValidationError(_("Deze uitschrijving kan niet meer worden teruggedraaid: de bewaartermijn is "
                                "verstreken."), code="too_late")
    before = audit.snapshot(pupil, ["left_on"])
    pupil.left_on = None
    pupil.save(update_fields=["left_on"])
    audit.record(actor=actor, action=Action.PUPIL_REINSTATED, obj=pupil,
                 changes=audit.diff(before, audit.snapshot(pupil, ["left_on"])))
    signals.pupil_leave_undone.send(sender=Pupil, pupil=pupil, actor=actor)
    return pupil


@transaction.atomic
def enroll(*, pupil: Pupil, group, actor) -> Enrollment:
    """Place `pupil` in `group` for that group's school year (moving them from today if already
    placed; see `group_services.place_pupil`)."""
    from .group_services import place_pupil

    return place_pupil(pupil=pupil, group=group, actor=actor)


def _find_guardian(pupil: Pupil, row) -> Guardian | None:
    """The guardian an import row means: by e-mail (siblings share a parent), else by name among
    the pupil's own guardians."""
    if row.email:
        found = Guardian.objects.filter(email__iexact=row.email).order_by("user_id", "pk").first()
        if found:
            return found
    tussenvoegsel, last_name = names.split_tussenvoegsel(row.last_name)
    return pupil.guardians.filter(first_name__iexact=row.first_name, tussenvoegsel__iexact=tussenvoegsel,
                                  last_name__iexact=last_name).first()


@transaction.atomic
def import_pupils(*, plan, actor, confirmed_links: set[str] | frozenset[str] = frozenset()) -> dict:
    """Save a checked import plan, all or nothing. Pupils are matched on leerlingnummer, so the
    same file imported twice changes nothing the second time. A guardians-only plan adds guardians
    to pupils already in the portal. A new link of a pupil to an existing account (a guardian who
    signed up, found through the row's e-mail address) is saved only when its key
    (`row.link_key(guardian)`) is in `confirmed_links`: a typo in an address must not hand a child
    to another family. Returns what changed."""
    if not plan.ok:
        raise ValidationError(_("Het bestand bevat nog fouten; er is niets opgeslagen."))
    # The keys stay Dutch (they go into the audit trail as data); gettext_noop only marks them so
    # the view can show them translated in its summary.
    counts = {gettext_noop("nieuwe leerlingen"): 0, gettext_noop("gewijzigde leerlingen"): 0,
              gettext_noop("nieuwe ouders"): 0, gettext_noop("nieuwe koppelingen"): 0}
    skipped = 0
    changed: set[int] = set()
    for row in plan.rows:
        if plan.guardians_only:
            pupil = Pupil.objects.get(pk=row.pupil.pk)
        else:
            pupil = _import_pupil(row=row, actor=actor, counts=counts, changed=changed)
        for guardian_row in row.guardians:
            guardian = _find_guardian(pupil, guardian_row)
            if guardian is None:
                tussenvoegsel, last_name = names.split_tussenvoegsel(guardian_row.last_name)
                guardian = Guardian.objects.create(first_name=guardian_row.first_name, tussenvoegsel=tussenvoegsel,
                                                   last_name=last_name, email=guardian_row.email,
                                                   phone=guardian_row.phone)
                counts["nieuwe ouders"] += 1
                audit.record(actor=actor, action=Action.GUARDIAN_ADDED, obj=guardian,
                             changes={"e-mail": guardian.email, "bron": IMPORT_SOURCE})
            elif guardian.user_id is not None and row.link_key(guardian_row) not in confirmed_links \
                    and not GuardianLink.objects.filter(guardian=guardian, pupil=pupil).exists():
                skipped += 1
                continue
            _link, created = GuardianLink.objects.get_or_create(guardian=guardian, pupil=pupil)
            if created:
                counts["nieuwe koppelingen"] += 1
                audit.record(actor=actor, action=Action.GUARDIAN_LINKED, obj=pupil,
                             changes={"ouder": guardian.full_name, "bron": IMPORT_SOURCE})
    counts["gewijzigde leerlingen"] = len(changed)
    if skipped:
        counts[gettext_noop("niet bevestigde koppelingen aan een bestaand account")] = skipped
    audit.record(actor=actor, action=Action.FILE_IMPORTED, obj=None, changes={**counts, "regels": len(plan.rows)})
    return counts


def _import_pupil(*, row, actor, counts: dict, changed: set[int]) -> Pupil:
    """The pupil of one import row, created or brought in line with the row, and placed in its group."""
    pupil = Pupil.objects.filter(student_number=row.student_number).first()
    wanted = {"first_name": row.first_name, "tussenvoegsel": row.tussenvoegsel, "last_name": row.last_name,
              "date_of_birth": row.date_of_birth}
    if pupil is None:
        pupil = Pupil.objects.create(student_number=row.student_number, **wanted)
        counts["nieuwe leerlingen"] += 1
        audit.record(actor=actor, action=Action.PUPIL_REGISTERED, obj=pupil,
                     changes={**audit.snapshot(pupil, list(wanted)), "bron": IMPORT_SOURCE})
    else:
        before = audit.snapshot(pupil, list(wanted))
        for name, value in wanted.items():
            setattr(pupil, name, value)
        changes = audit.diff(before, audit.snapshot(pupil, list(wanted)))
        if changes:
            pupil.save(update_fields=list(wanted))
            changed.add(pupil.pk)
            audit.record(actor=actor, action=Action.PUPIL_CHANGED, obj=pupil, changes={**changes, "bron": IMPORT_SOURCE})
    from .group_services import latest_enrollment

    enrollment = latest_enrollment(pupil, row.group.school_year)
    if enrollment is None or enrollment.group_id != row.group.pk:
        enroll(pupil=pupil, group=row.group, actor=actor)
        if enrollment is not None:
            changed.add(pupil.pk)
    return pupil
