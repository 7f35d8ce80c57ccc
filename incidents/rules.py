"""The conditions Dutch law sets on measures, checked before any measure is decided.

Each rule that refuses names itself (the article it comes from) in its message, so directie
knows what is missing and why. Sources:
- WPO art. 40c: schorsing of a pupil (at most one week; written decision with reasons to the
  parents; the inspectorate informed of a schorsing longer than one day).
- WPO art. 40: verwijdering (hearing the teacher and the parents; informing the inspectorate and
  the leerplichtambtenaar; final only once another school accepts the pupil, lid 5, after at most
  8 weeks of demonstrable searching).
- WPO art. 63 and Awb art. 6:7: objection within six weeks of the decision.
- CAO PO (disciplinaire maatregelen): a staff measure is first announced as an intention, the
  employee is given the chance to respond (zienswijze), only then is it decided.
"""

from django.utils.translation import gettext as _

from julianaschool.errors import Refused

from . import ladders
from .models import Measure, MeasureKind, MeasureStatus

# WPO art. 40c lid 1 says "ten hoogste een week": a school week, 5 SCHOOL days, counted with the
# school calendar (julianaschool.school_calendar). A weekend or a holiday inside the period does
# not count, because the child would not have been at school anyway; a schorsing that falls on
# no school day at all suspends nothing and is refused.
MAX_SUSPENSION_SCHOOL_DAYS = 5
SEARCH_WEEKS = 8


def check_decision(measure: Measure, *, intending: bool = False) -> list[Refused]:
    """Every rule `measure` does not meet if it were decided now (empty: it may be decided).

    `intending`: a staff measure being announced, not yet decided (its zienswijze comes later)."""
    refusals: list[Refused] = []
    party = measure.party
    kind = measure.kind
    if not measure.grounds.strip():
        refusals.append(Refused(
            _("een besluit vermeldt zijn redenen; vul de motivering in."),
            rule=_("Motiveringsplicht (Awb art. 3:46)"), field="grounds",
        ))
    if kind in ladders.SEPARATE:
        return refusals
    if party.pupil_id is None and party.guardian_id is None and party.staff_id is None:
        refusals.append(Refused(_("voor iemand van buiten school zijn alleen aangifte of een melding mogelijk."), rule=_("Geen ladder")))
        return refusals
    if kind == MeasureKind.EXPULSION and party.pupil_id is None and party.staff_id is None:
        refusals.append(Refused(_("alleen een leerling kan van school worden verwijderd."), rule=_("WPO art. 40 (verwijdering)")))
        return refusals
    if kind not in ladders.steps_for(party):
        refusals.append(Refused(
            _("%(kind)s hoort niet bij de maatregelen voor deze persoon.") % {"kind": measure.get_kind_display()},
            rule=_("Verkeerde ladder"),
        ))
        return refusals
    if party.staff_id:
        refusals += _staff_rules(measure, intending=intending)
    else:
        refusals += _pupil_rules(measure)
    return refusals


def _pupil_rules(measure: Measure) -> list[Refused]:
    refusals = []
    party = measure.party
    if measure.kind == MeasureKind.SUSPENSION and party.pupil_id is None:
        # A parent's schorsing is a ban from the premises, not WPO art. 40c (which is about
        # pupils); it only needs its period.
        if not (measure.starts_on and measure.ends_on):
            refusals.append(Refused(_("vul de eerste en de laatste dag in."), rule=_("Toegangsverbod")))
    elif measure.kind == MeasureKind.SUSPENSION:
        rule = _("WPO art. 40c lid 1 (schorsing ten hoogste een week)")
        if not (measure.starts_on and measure.ends_on):
            refusals.append(Refused(_("vul de eerste en de laatste dag van de schorsing in."), rule=rule))
        elif measure.school_days > MAX_SUSPENSION_SCHOOL_DAYS:
            refusals.append(Refused(
                _("een schorsing duurt ten hoogste een week (5 schooldagen); deze duurt %(days)s schooldagen.")
                % {"days": measure.school_days},
                rule=rule,
            ))
        elif measure.school_days == 0:
            refusals.append(Refused(
                _("deze dagen zijn geen schooldagen (weekend of vakantie in de schoolkalender); kies schooldagen."),
                rule=rule,
            ))
        if not _has_parents(party):
            refusals.append(Refused(
                _("er is geen ouder/verzorger bekend aan wie het besluit schriftelijk kan worden meegedeeld."),
                rule=_("WPO art. 40c lid 2 (schriftelijk besluit aan de ouders)"),
            ))
        if measure.school_days and measure.school_days > 1 and not measure.inspectorate_notified_on:
            refusals.append(Refused(
                _("een schorsing langer dan één dag wordt schriftelijk en met redenen aan de inspectie gemeld; leg die melding vast."),
                rule=_("WPO art. 40c lid 3 (melding aan de inspectie)"),
            ))
    elif measure.kind == MeasureKind.EXPULSION:
        if party.pupil_id is None:
            refusals.append(Refused(_("alleen een leerling kan van school worden verwijderd."), rule=_("WPO art. 40 (verwijdering)")))
            return refusals
        if not measure.teacher_heard_on:
            refusals.append(Refused(_("leg vast wanneer de groepsleerkracht is gehoord."), rule=_("WPO art. 40 (horen van de leerkracht)")))
        if not measure.parents_heard_on:
            refusals.append(Refused(_("leg vast wanneer de ouders zijn gehoord."), rule=_("WPO art. 40 (horen van de ouders)")))
        if not measure.inspectorate_notified_on:
            refusals.append(Refused(_("leg vast wanneer de inspectie is ingelicht."), rule=_("WPO art. 40 (melding aan de inspectie)")))
        if not measure.attendance_officer_notified_on:
            refusals.append(Refused(
                _("leg vast wanneer de leerplichtambtenaar is ingelicht."),
                rule=_("WPO art. 40 en Leerplichtwet (melding aan de leerplichtambtenaar)"),
            ))
        if not _has_parents(party):
            refusals.append(Refused(
                _("er is geen ouder/verzorger bekend aan wie het besluit schriftelijk kan worden meegedeeld."),
                rule=_("WPO art. 40 (schriftelijk besluit aan de ouders)"),
            ))
    return refusals


def _staff_rules(measure: Measure, *, intending: bool) -> list[Refused]:
    refusals = []
    rule = _("CAO PO (disciplinaire maatregel: voornemen, zienswijze, besluit)")
    if not intending and (measure.status != MeasureStatus.RESPONSE_RECEIVED or not measure.response_recorded_on):
        refusals.append(Refused(
            _(
            "maak eerst het voornemen bekend en leg de zienswijze van de medewerker vast (of de datum waarop de termijn verstreek)."
        ),
            rule=rule,
        ))
    if measure.kind == MeasureKind.SUSPENSION and not (measure.starts_on and measure.ends_on):
        refusals.append(Refused(_("vul de eerste en de laatste dag van de schorsing in."), rule=rule))
    return refusals


def check_final(measure: Measure) -> list[Refused]:
    """A decided verwijdering becomes final only once another school accepted the pupil."""
    if measure.kind != MeasureKind.EXPULSION:
        return []
    if not (measure.other_school_accepted_on and measure.other_school_name.strip()):
        return [Refused(
            _("de verwijdering wordt pas definitief als een andere school de leerling toelaat; leg de school en de datum vast."),
            rule=_("WPO art. 40 lid 5 (andere school)"),
        )]
    return []


def _has_parents(party) -> bool:
    if party.guardian_id:
        return True
    return party.pupil is not None and party.pupil.guardians.exists()

