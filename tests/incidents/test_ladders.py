"""The portal proposes the next step on the right ladder from the person's earlier measures."""

import datetime

import pytest

from incidents import ladders, services
from incidents.models import Measure, MeasureKind, PartyRole
from incidents.rules import RuleRefused

from .conftest import report

TODAY = datetime.date.today()


def decided(world, party_kw: dict, kind: str, *, days_ago: int = 10, **fields):
    """A decided measure for that person in a fresh incident, backdated by `days_ago`."""
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.DADER, **party_kw}])
    party = incident.parties.get()
    if "staff" in party_kw:
        measure = services.intend_staff_measure(incident=incident, party=party, actor=world.directie, kind=kind,
                                                grounds="x", deviation_reason="test", **fields)
        services.record_response(measure=measure, actor=world.directie, response="", received_on=TODAY)
        measure = services.decide_staff_measure(measure=measure, actor=world.directie)
    else:
        measure = services.decide_measure(incident=incident, party=party, actor=world.directie, kind=kind, grounds="x",
                                          deviation_reason="test", **fields)
    Measure.objects.filter(pk=measure.pk).update(decided_on=TODAY - datetime.timedelta(days=days_ago))
    return measure


def next_party(world, party_kw: dict):
    return report(world, reporter=world.directie, parties=[{"role": PartyRole.DADER, **party_kw}]).parties.get()


ONE_DAY = {"starts_on": TODAY, "ends_on": TODAY}


def test_a_pupil_without_earlier_measures_gets_a_warning_proposed(world):
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WAARSCHUWING


def test_after_one_warning_a_suspension_is_proposed(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.SCHORSING


def test_after_a_warning_and_a_suspension_removal_is_proposed(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.SCHORSING, **ONE_DAY)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.VERWIJDERING


def test_after_three_measures_the_top_of_the_pupil_ladder_stays_the_proposal(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING, days_ago=90)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.SCHORSING, **ONE_DAY)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.VERWIJDERING


def test_two_warnings_propose_a_suspension_not_a_removal(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.SCHORSING


@pytest.mark.parametrize("earlier,expected", [
    ([], MeasureKind.WAARSCHUWING),
    ([MeasureKind.WAARSCHUWING], MeasureKind.SCHRIFTELIJKE_BERISPING),
    ([MeasureKind.WAARSCHUWING, MeasureKind.SCHRIFTELIJKE_BERISPING], MeasureKind.SCHORSING),
    ([MeasureKind.WAARSCHUWING, MeasureKind.SCHRIFTELIJKE_BERISPING, MeasureKind.SCHORSING], MeasureKind.ONTSLAG),
])
def test_the_staff_ladder_after_none_one_two_and_three_measures(world, earlier, expected):
    for index, kind in enumerate(earlier):
        decided(world, {"staff": world.medewerker.staff}, kind, days_ago=100 - index * 10,
                **(ONE_DAY if kind == MeasureKind.SCHORSING else {}))
    assert ladders.proposed_step(next_party(world, {"staff": world.medewerker.staff})) == expected


def test_measures_older_than_the_period_do_not_count(world, settings):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING, days_ago=400)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WAARSCHUWING
    settings.INCIDENTS_LADDER_MONTHS = 24
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.SCHORSING


def test_another_persons_measures_do_not_count(world):
    decided(world, {"pupil": world.pupil5b}, MeasureKind.WAARSCHUWING)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WAARSCHUWING


def test_a_police_report_is_not_a_step_on_the_ladder(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.AANGIFTE)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WAARSCHUWING


def test_choosing_another_step_than_proposed_needs_a_recorded_reason(world):
    party = next_party(world, {"pupil": world.pupil5})
    with pytest.raises(RuleRefused) as info:
        services.decide_measure(incident=party.incident, party=party, actor=world.directie, kind=MeasureKind.SCHORSING,
                                grounds="x", **ONE_DAY)
    assert "voorgestelde stap is waarschuwing" in " ".join(info.value.messages)
    measure = services.decide_measure(incident=party.incident, party=party, actor=world.directie, kind=MeasureKind.SCHORSING,
                                      grounds="x", deviation_reason="Geweld tegen een klasgenoot", **ONE_DAY)
    assert measure.proposed_kind == MeasureKind.WAARSCHUWING
    assert measure.deviation_reason == "Geweld tegen een klasgenoot"


def test_the_measure_page_shows_the_proposal_and_earlier_measures(world, client_for):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING)
    party = next_party(world, {"pupil": world.pupil5})
    from django.urls import reverse

    page = client_for(world.directie).get(reverse("incidents:measure_new", args=[party.incident_id, party.pk])).content.decode()
    assert "Voorgestelde stap: <strong>schorsing</strong>" in page
    assert '<option value="schorsing" selected>' in page


def test_the_batch_proposals_agree_with_the_single_ones(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WAARSCHUWING)
    decided(world, {"staff": world.medewerker.staff}, MeasureKind.WAARSCHUWING)
    decided(world, {"guardian": world.guardian5}, MeasureKind.WAARSCHUWING)
    incident = report(world, reporter=world.directie, parties=[
        {"role": PartyRole.DADER, "pupil": world.pupil5}, {"role": PartyRole.DADER, "pupil": world.pupil5b},
        {"role": PartyRole.DADER, "staff": world.medewerker.staff}, {"role": PartyRole.DADER, "guardian": world.guardian5},
        {"role": PartyRole.DADER, "name": "Onbekend"}])
    parties = list(incident.parties.all())
    assert ladders.proposals(parties) == {p.pk: ladders.proposed_step(p) for p in parties}
    assert list(ladders.proposals(parties).values()) == [
        MeasureKind.SCHORSING, MeasureKind.WAARSCHUWING, MeasureKind.SCHRIFTELIJKE_BERISPING, MeasureKind.SCHORSING, None]
