"""Measures: checked against the ladder (no step skipped without a reason), decided for pupils,
intended, heard and decided for staff, and the return after an expulsion (toelating elders)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from julianaschool import access as people_access
from julianaschool import audit
from julianaschool.errors import Refused, refuse_if

from .. import ladders, rules
from ..audit_actions import Action
from ..models import (
    EntryKind,
    Incident,
    Measure,
    MeasureKind,
    MeasureStatus,
    Party,
    Status,
)
from ._common import timeline_entry
from .dossiers import file_letter
from .reporting import pick_up


def _check_step(measure: Measure) -> list[Refused]:
    if measure.kind in ladders.SEPARATE:
        return []
    if measure.proposed_kind and measure.kind != measure.proposed_kind and not measure.deviation_reason.strip():
        return [Refused(
            _(
            "de voorgestelde stap is %(proposed)s; leg de reden vast waarom u %(kind)s kiest."
        ) % {"proposed": MeasureKind(measure.proposed_kind).label, "kind": MeasureKind(measure.kind).label},
            rule=_("Ladder"), field="deviation_reason",
        )]
    return []


def _new_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, fields: dict) -> Measure:
    people_access.require_directie(actor)
    if party.incident_id != incident.pk:
        raise ValidationError(_("Deze betrokkene hoort niet bij dit incident."))
    # The caller's copy may be stale (a status changed in another request); the row decides.
    incident = Incident.objects.select_for_update(of=("self",)).select_related("category").get(pk=incident.pk)
    if incident.status == Status.RESOLVED:
        raise ValidationError(_("Dit incident is afgehandeld; heropen het eerst."))
    allowed = {f.name for f in Measure._meta.concrete_fields} - {"id", "incident", "party", "kind", "grounds", "status",
                                                                   "proposed_kind", "created_by", "created_at",
                                                                   "decided_by", "decided_on"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    return Measure(incident=incident, party=party, kind=kind, grounds=grounds.strip(), created_by=actor,
                   proposed_kind=ladders.proposed_step(party) or "", **fields)


@transaction.atomic
def decide_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, **fields) -> Measure:
    """Decide a measure against a pupil or parent (or an aangifte/melding for anyone) at once.

    Refused, naming each rule, unless the law's conditions are recorded (rules.check_decision)
    and, when another step than the proposed one is chosen, its reason. The decision letter is
    generated and filed in the dossier in the same transaction.
    """
    measure = _new_measure(incident=incident, party=party, actor=actor, kind=kind, grounds=grounds, fields=fields)
    if party.staff_id and kind not in ladders.SEPARATE:
        raise ValidationError(_("Een maatregel voor een medewerker begint met een voornemen."))
    refuse_if(_check_step(measure) + rules.check_decision(measure))
    measure.status = MeasureStatus.DECIDED
    measure.decided_by = actor
    measure.decided_on = timezone.localdate()
    measure.save()
    _after_decision(measure, actor)
    return measure


@transaction.atomic
def intend_staff_measure(*, incident: Incident, party: Party, actor, kind: str, grounds: str, **fields) -> Measure:
    """Announce the intention of a disciplinary measure to an employee (CAO PO): nothing is decided
    until their response (zienswijze) is recorded."""
    if party.staff_id is None:
        raise ValidationError(_("Een voornemen is er alleen voor een medewerker."))
    measure = _new_measure(incident=incident, party=party, actor=actor, kind=kind, grounds=grounds, fields=fields)
    refuse_if(_check_step(measure) + rules.check_decision(measure, intending=True))
    measure.status = MeasureStatus.INTENDED
    measure.save()
    pick_up(incident, actor)
    timeline_entry(incident=incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Voornemen: %(kind)s voor %(name)s."), params={"kind": measure.kind, "name": party.person_name})
    audit.record(actor=actor, action=Action.MEASURE_PROPOSED, obj=measure, changes={"maatregel": kind})
    return measure


@transaction.atomic
def record_response(*, measure: Measure, actor, response: str, received_on: datetime.date) -> Measure:
    """Record the employee's zienswijze on an intended measure (or that they gave none by then)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("party", "incident").get(pk=measure.pk)
    if measure.status != MeasureStatus.INTENDED:
        raise ValidationError(_("Er is geen voornemen dat op een zienswijze wacht."))
    measure.employee_response = response.strip() or _("Geen zienswijze gegeven binnen de termijn.")
    measure.response_recorded_on = received_on
    measure.status = MeasureStatus.RESPONSE_RECEIVED
    measure.save(update_fields=["employee_response", "response_recorded_on", "status"])
    timeline_entry(incident=measure.incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Zienswijze van de medewerker vastgelegd."))
    audit.record(actor=actor, action=Action.STATEMENT_RECORDED, obj=measure)
    return measure


@transaction.atomic
def decide_staff_measure(*, measure: Measure, actor) -> Measure:
    """Decide an intended staff measure once the employee's response is recorded (CAO PO)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("party__staff", "incident__category").get(pk=measure.pk)
    if measure.is_decided:
        raise ValidationError(_("Over deze maatregel is al besloten."))
    refuse_if(rules.check_decision(measure))
    measure.status = MeasureStatus.DECIDED
    measure.decided_by = actor
    measure.decided_on = timezone.localdate()
    measure.save(update_fields=["status", "decided_by", "decided_on"])
    _after_decision(measure, actor)
    return measure


def _after_decision(measure: Measure, actor) -> None:
    incident = measure.incident
    pick_up(incident, actor)
    timeline_entry(incident=incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Besloten: %(kind)s voor %(name)s."),
           params={"kind": measure.kind, "name": measure.party.person_name})
    audit.record(actor=actor, action=Action.MEASURE_DECIDED, obj=measure,
                 changes={"maatregel": measure.kind, "voorgesteld": measure.proposed_kind,
                          "reden afwijking": measure.deviation_reason})
    if measure.kind not in ladders.SEPARATE:
        file_letter(measure=measure, actor=actor)


@transaction.atomic
def record_acceptance(*, measure: Measure, actor, school_name: str, accepted_on: datetime.date) -> Measure:
    """Record that another school accepts the pupil: only then is a verwijdering final (WPO art. 40 lid 5)."""
    people_access.require_directie(actor)
    measure = Measure.objects.select_for_update(of=("self",)).select_related("incident").get(pk=measure.pk)
    if measure.kind != MeasureKind.EXPULSION or measure.status != MeasureStatus.DECIDED:
        raise ValidationError(_("Alleen een besloten verwijdering wacht op toelating door een andere school."))
    measure.other_school_name = school_name.strip()
    measure.other_school_accepted_on = accepted_on
    refuse_if(rules.check_final(measure))
    measure.status = MeasureStatus.FINAL
    measure.save(update_fields=["other_school_name", "other_school_accepted_on", "status"])
    timeline_entry(incident=measure.incident, author=actor, kind=EntryKind.MEASURE, measure=measure,
           message=gettext_noop("Verwijdering definitief: toegelaten op %(school)s."),
           params={"school": measure.other_school_name})
    audit.record(actor=actor, action=Action.EXPULSION_FINALISED, obj=measure, changes={"school": measure.other_school_name})
    return measure
