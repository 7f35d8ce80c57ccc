"""The ledger's writes: a guardian's, the office's (paper form or phone, with its scan) and a staff
member's own choices, and a leaver's consent ended or restored. The ledger only ever grows:
nothing here updates a record. New records go in through `projection.append`, which keeps the
current-consent projection beside them; every write sends its receipt on commit."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from julianaschool import audit, mail
from julianaschool.errors import Refused
from julianaschool.links import absolute_reverse
from julianaschool.models import Guardian, GuardianLink, Pupil, StaffMember
from julianaschool.names import account_name
from julianaschool.uploads import accept_upload

from .. import state
from ..audit_actions import Action
from ..current import services as projection
from ..models import (
    ConsentRecord,
    DeciderRole,
    Language,
    Method,
    PaperForm,
    Purpose,
    PurposeVersion,
    stale_message,
)
from ..publications import services as publications
from ._common import office_contact


def _versions_shown(*, purposes: list[Purpose], choices: dict[int, bool],
                    shown: dict[int, int | None] | None) -> dict[int, PurposeVersion]:
    """The version each answer was given on, from the numbers the form showed (`shown`; None:
    a caller without a form, which answers the current text). An answer given on a text that
    has since changed in substance, or on no known version, refuses the whole save."""
    if shown is None:
        return {}
    answered = [p for p in purposes if p.pk in choices]
    stale = [p for p in answered if not p.accepts_answer_on(shown.get(p.pk))]
    if stale:
        raise ValidationError(stale_message(stale), code="stale")
    wanted = Q()
    for purpose in answered:
        wanted |= Q(purpose=purpose, number=shown[purpose.pk])
    return {v.purpose_id: v for v in PurposeVersion.objects.filter(wanted)} if answered else {}


def _write(*, purposes: list[Purpose], choices: dict[int, bool], submission: uuid.UUID, at,
           versions: dict[int, PurposeVersion] | None = None, languages: dict[int, str] | None = None,
           staff_text: bool = False, **fields) -> list:
    """The records, each with the hash of the words its decider read: the version's text in the
    language the page showed it in (`languages`, per purpose; Dutch when not given or when the
    version has no English), the staff wording for staff about themselves."""
    records = []
    for purpose in purposes:
        if purpose.pk not in choices:
            continue
        version = (versions or {}).get(purpose.pk) or purpose.current_version
        shown = version.shown((languages or {}).get(purpose.pk, Language.DUTCH), staff=staff_text)
        records.append(ConsentRecord(purpose=purpose, purpose_version=version, given=choices[purpose.pk],
                                     text_sha256=shown.sha256, language=shown.language, submission=submission,
                                     recorded_at=at, **fields))
    records = projection.append(records)
    # A no that stops someone being shown puts their recognisable publications on the takedown list.
    publications.takedowns_after_ledger_change(records=records)
    return records


def current_state_lines(first: ConsentRecord, records: list[ConsentRecord]) -> list[dict]:
    """What holds now for the person of `first`, per active channel, the ones in `records` marked."""
    purposes = list(Purpose.objects.active())
    changed = {r.purpose_id for r in records}
    if first.staff_id is not None:
        answers, person_id = state.staff_answers([first.staff_id], purposes), first.staff_id
    else:
        answers, person_id = state.pupil_answers([first.pupil_id], purposes), first.pupil_id
    return [{"purpose": p, "answer": state.answer(answers, person_id, p.pk), "changed": p.pk in changed}
            for p in purposes]


def _send_receipt(*, records: list[ConsentRecord], recipients: list[tuple[str, str]], person_name: str,
                  first_name: str = "") -> None:
    """One receipt per (address, name): greeted by name, the full current state in plain words
    (not only what changed), whom to contact. No hashes or version numbers: those are in the ledger."""
    seen, unique = set(), []
    for email, name in recipients:
        if email and email not in seen:
            seen.add(email)
            unique.append((email, name))
    if not records or not unique:
        return
    first = records[0]
    context = {"records": records, "person_name": person_name, "first_name": first_name or person_name,
               "first": first, "school_name": settings.SCHOOL_NAME, "lines": current_state_lines(first, records),
               "for_staff": first.staff_id is not None, "contact": office_contact(),
               "url": absolute_reverse("consent:receipt", first.submission)}
    for email, name in unique:
        mail.consent_receipt(to=[email], person_name=person_name, context={**context, "greeting_name": name})


def _active_purposes(choices: dict[int, bool]) -> list[Purpose]:
    purposes = list(Purpose.objects.active().select_related("current_version"))
    unknown = set(choices) - {p.pk for p in purposes}
    if unknown:
        raise ValidationError(_("U gaf een antwoord voor een doel dat niet (meer) bestaat."))
    return purposes


def refuse_leaver(pupil: Pupil) -> None:
    """Consent of a pupil who left has ended; nobody records new answers for them."""
    if pupil.left_on is not None:
        raise Refused(_("%(name)s is uitgeschreven; de toestemming is beëindigd.") % {"name": pupil.full_name})


@transaction.atomic
def record_guardian_choices(*, guardian: Guardian, pupil: Pupil, choices: dict[int, bool], actor,
                            shown: dict[int, int | None] | None = None,
                            languages: dict[int, str] | None = None) -> list:
    """A guardian's own answers for their child, through the portal. Effective at once.

    Only answers that differ from what this guardian said last (or that answer a question asked
    again) become records; unchanged answers are not repeated. A receipt goes to the guardian.
    Returns the new records (empty when nothing changed). `shown`: the version of each text the
    form showed (see `_versions_shown`), `languages` the language it showed each in.

    The guardian-pupil link is locked from reading the current answers until the new records
    are in: six identical posts at once (a double click, a flaky connection) write one set.
    """
    if not GuardianLink.objects.select_for_update().filter(guardian=guardian, pupil=pupil).exists():
        raise ValidationError(_("U bent geen ouder/verzorger van dit kind."))
    refuse_leaver(pupil)
    purposes = _active_purposes(choices)
    versions = _versions_shown(purposes=purposes, choices=choices, shown=shown)
    own = state.own_answers(pupil_id=pupil.pk, guardian_id=guardian.pk, purposes=purposes)
    changed = {pk: given for pk, given in choices.items() if pk not in own or own[pk].given != given}
    records = _write(purposes=purposes, choices=changed, submission=uuid.uuid4(), at=timezone.now(), pupil=pupil,
                     versions=versions, languages=languages, guardian=guardian, decider_role=DeciderRole.GUARDIAN,
                     decided_by=actor,
                     decided_by_name=guardian.full_name or account_name(actor), method=Method.WEB)
    if records:
        audit.record(actor=actor, action=Action.DECISION_RECORDED, obj=pupil,
                     changes={str(r.purpose): ("ja" if r.given else "nee") for r in records})
        _send_receipt(records=records, recipients=[(guardian.email or actor.email, guardian.full_name)],
                      person_name=pupil.full_name, first_name=pupil.first_name)
    return records


# A paper form is scanned or photographed: a PDF, JPEG or PNG.
SCAN_TYPES = ("application/pdf", "image/jpeg", "image/png")


def _check_scan(scan: UploadedFile) -> tuple[str, str]:
    """(content type, sha256) of an uploaded scan, judged by its content, not its name."""
    try:
        return accept_upload(scan, allowed=SCAN_TYPES)
    except ValidationError as error:
        raise Refused(" ".join(error.messages), field="scan") from error


@transaction.atomic
def record_office_entry(*, pupil: Pupil, choices: dict[int, bool], actor, method: str = Method.PAPER,
                        guardian: Guardian | None = None, scan: UploadedFile | None = None, note: str = "",
                        shown: dict[int, int | None] | None = None,
                        languages: dict[int, str] | None = None) -> list:
    """The office enters a family's answers from a paper form (scan required) or a phone call
    (note required). Every answer on the form becomes a record, all pointing at the one scan,
    against the version of each text the entry page showed (`shown`, see `_versions_shown`).
    The pupil's guardians with an e-mail address get a receipt."""
    refuse_leaver(pupil)
    if guardian is not None and not guardian.pupils.filter(pk=pupil.pk).exists():
        raise ValidationError(_("Ouder/verzorger: deze persoon is geen ouder/verzorger van dit kind."))
    if method not in (Method.PAPER, Method.PHONE):
        raise ValidationError(_("Manier: kies papieren formulier of telefoon."))
    if not choices:
        raise ValidationError(_("Vul ten minste één antwoord in."))
    purposes = _active_purposes(choices)
    versions = _versions_shown(purposes=purposes, choices=choices, shown=shown)
    paper_form = None
    if method == Method.PAPER:
        if scan is None:
            raise Refused(_("Scan: voeg de scan van het papieren formulier toe."), field="scan")
        content_type, digest = _check_scan(scan)
        paper_form = PaperForm(pupil=pupil, content_type=content_type, original_name=scan.name[:200], sha256=digest,
                               uploaded_by=actor)
        paper_form.scan.save("scan", scan, save=False)
        paper_form.save()
    elif not note.strip():
        raise Refused(_("Notitie: schrijf op wie er belde en wanneer."), field="note")
    records = _write(purposes=purposes, choices=choices, submission=uuid.uuid4(), at=timezone.now(), pupil=pupil,
                     versions=versions, languages=languages,
                     guardian=guardian, decider_role=DeciderRole.OFFICE, decided_by=actor, decided_by_name=account_name(actor),
                     on_behalf_of_name=guardian.full_name if guardian else _("de ouders/verzorgers"),
                     method=method, paper_form=paper_form, note=note.strip())
    action = Action.PAPER_DECISION_ENTERED if method == Method.PAPER else Action.PHONE_DECISION_ENTERED
    audit.record(actor=actor, action=action, obj=pupil,
                 changes={str(r.purpose): ("ja" if r.given else "nee") for r in records})
    guardians = [guardian] if guardian else list(pupil.guardians.all())
    _send_receipt(records=records, recipients=[(g.email, g.full_name) for g in guardians],
                  person_name=pupil.full_name, first_name=pupil.first_name)
    return records


@transaction.atomic
def record_staff_choices(*, staff: StaffMember, choices: dict[int, bool], actor,
                         shown: dict[int, int | None] | None = None,
                         languages: dict[int, str] | None = None) -> list:
    """A staff member's own answers about recordings of themselves. Only changes are recorded,
    against the version of each text the form showed (`shown`, see `_versions_shown`); the staff
    member's row is locked meanwhile, so a double submit writes one set."""
    if staff.user_id != actor.pk:
        raise ValidationError(_("Alleen de medewerker zelf kan deze keuzes maken."))
    StaffMember.objects.select_for_update().filter(pk=staff.pk).first()
    purposes = _active_purposes(choices)
    versions = _versions_shown(purposes=purposes, choices=choices, shown=shown)
    current = state.staff_answers([staff.pk], purposes)
    changed = {pk: given for pk, given in choices.items()
               if not state.answer(current, staff.pk, pk).answered or state.answer(current, staff.pk, pk).given != given}
    records = _write(purposes=purposes, choices=changed, submission=uuid.uuid4(), at=timezone.now(), staff=staff,
                     versions=versions, languages=languages, staff_text=True,
                     decider_role=DeciderRole.STAFF_SELF, decided_by=actor, decided_by_name=staff.full_name,
                     method=Method.WEB)
    if records:
        audit.record(actor=actor, action=Action.STAFF_DECISION_RECORDED, obj=staff,
                     changes={str(r.purpose): ("ja" if r.given else "nee") for r in records})
        _send_receipt(records=records, recipients=[(staff.email, staff.full_name)], person_name=staff.full_name)
    return records


@transaction.atomic
def end_consent_for_leaver(*, pupil: Pupil, actor) -> list:
    """A pupil left: one 'ended' record per active purpose (and per retired one they have records
    for), so the ledger says why they may no longer be shown. Earlier records stay."""
    purposes = list(Purpose.objects.filter(Q(retired_at__isnull=True) | Q(records__pupil=pupil)).distinct()
                    .select_related("current_version"))
    if not purposes:
        return []
    records = _write(purposes=purposes, choices={p.pk: False for p in purposes}, submission=uuid.uuid4(),
                     at=timezone.now(), pupil=pupil, ended=True, decider_role=DeciderRole.SYSTEM, decided_by=None,
                     decided_by_name=_("Portaal (leerling uitgeschreven, door %(name)s)") % {"name": account_name(actor)},
                     method=Method.SYSTEM, note=_("Leerling uitgeschreven: toestemming beëindigd."))
    audit.record(actor=actor, action=Action.DECISIONS_ENDED, obj=pupil,
                 changes={"doelen": [str(p) for p in purposes]})
    return records


@transaction.atomic
def restore_consent_after_undone_leave(*, pupil: Pupil, actor) -> list:
    """A leave was undone: each voice's last answer from before the "ended" record counts again.
    Each is written anew (the ledger only grows), on the same version of the text and with the
    same hash, naming the original record, so the ledger still shows what was chosen, by whom,
    on which words. Answers to a text since changed in substance are not brought back."""
    records = []
    submission, at = uuid.uuid4(), timezone.now()
    ended = {r.purpose_id: r for r in ConsentRecord.objects.filter(pupil=pupil, ended=True).order_by("recorded_at", "id")}
    for purpose_id, end in ended.items():
        earlier = (ConsentRecord.objects.filter(pupil=pupil, purpose_id=purpose_id, ended=False, recorded_at__lte=end.recorded_at)
                   .exclude(pk__gt=end.pk, recorded_at=end.recorded_at)
                   .select_related("purpose", "purpose_version").order_by("recorded_at", "id"))
        last_per_voice = {r.guardian_id: r for r in earlier}
        for original in last_per_voice.values():
            if original.purpose.is_retired or original.purpose_version.number < original.purpose.asked_from:
                continue
            records.append(ConsentRecord(
                pupil=pupil, purpose_id=purpose_id, purpose_version=original.purpose_version, given=original.given,
                text_sha256=original.text_sha256, language=original.language, guardian_id=original.guardian_id, decider_role=DeciderRole.SYSTEM,
                decided_by=None, decided_by_name=_("Portaal (uitschrijving teruggedraaid door %(name)s)") % {"name": account_name(actor)},
                on_behalf_of_name=original.decided_by_name, method=Method.SYSTEM, paper_form=original.paper_form,
                note=_("Antwoord van %(date)s hersteld (besluit %(submission)s).") % {
                    "date": f"{timezone.localtime(original.recorded_at):%d-%m-%Y %H:%M}", "submission": original.submission},
                submission=submission, recorded_at=at))
    records = projection.append(records)
    audit.record(actor=actor, action=Action.DECISIONS_RESTORED, obj=pupil,
                 changes={"besluiten": len(records)})
    return records
