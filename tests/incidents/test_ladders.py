"""The portal proposes the next step on the right ladder from the person's earlier measures."""

import datetime

import pytest

from incidents import ladders, services
from incidents.models import Measure, MeasureKind, PartyRole
from julianaschool.errors import Refused
from tests.incidents.helpers import report

TODAY = datetime.date.today()


def decided(world, party_kw: dict, kind: str, *, days_ago: int = 10, **fields):
    """A decided measure for that person in a fresh incident, backdated by `days_ago`."""
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, **party_kw}])
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
    return report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, **party_kw}]).parties.get()


ONE_DAY = {"starts_on": TODAY, "ends_on": TODAY}


def test_a_pupil_without_earlier_measures_gets_a_warning_proposed(world):
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WARNING


def test_after_one_warning_another_warning_is_proposed_and_explained(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    proposal = ladders.proposal_for(next_party(world, {"pupil": world.pupil5}))
    assert proposal.step == MeasureKind.WARNING
    assert proposal.reasons == ["1 eerdere waarschuwing in de afgelopen 12 maanden.",
                                "Een schorsing volgt pas na 2 waarschuwingen."]


def test_after_two_warnings_a_suspension_is_proposed_saying_why(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    proposal = ladders.proposal_for(next_party(world, {"pupil": world.pupil5}))
    assert proposal.step == MeasureKind.SUSPENSION
    assert "2 eerdere waarschuwingen in de afgelopen 12 maanden." in proposal.reasons


def test_one_suspension_never_leads_to_a_proposed_removal_even_for_a_serious_incident(world, settings):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=90)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.SUSPENSION, **ONE_DAY)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.SUSPENSION
    serious = report(world, reporter=world.directie, category="Bedreigen",
                     parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}]).parties.get()
    assert ladders.proposed_step(serious) == MeasureKind.SUSPENSION
    # Not even when the school's setting asks for only one schorsing.
    settings.INCIDENTS_LADDER = {**settings.INCIDENTS_LADDER, "needs": {
        **settings.INCIDENTS_LADDER["needs"], "pupil": {"schorsing": 2, "verwijdering": 1}}}
    assert ladders.proposed_step(serious) == MeasureKind.SUSPENSION


def test_after_two_suspensions_removal_is_proposed(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=120)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=90)
    decided(world, {"pupil": world.pupil5}, MeasureKind.SUSPENSION, days_ago=60, **ONE_DAY)
    decided(world, {"pupil": world.pupil5}, MeasureKind.SUSPENSION, **ONE_DAY)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.EXPULSION


def test_a_serious_incident_needs_one_warning_fewer_before_a_suspension(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    serious = report(world, reporter=world.directie, category="Bedreigen",
                     parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}]).parties.get()
    proposal = ladders.proposal_for(serious)
    assert proposal.step == MeasureKind.SUSPENSION
    assert "Het incident is ernstig: één waarschuwing minder nodig." in proposal.reasons


def test_a_light_incident_proposes_no_heavier_step(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=60)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    light = report(world, reporter=world.directie, category="Kwetsen",
                   parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}]).parties.get()
    assert ladders.proposed_step(light) == MeasureKind.WARNING


def test_a_young_pupil_climbs_slower_and_is_never_proposed_a_removal(world):
    world.pupil5.date_of_birth = TODAY.replace(year=TODAY.year - 6) - datetime.timedelta(days=30)
    world.pupil5.save()
    for days_ago in (90, 60):
        decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=days_ago)
    proposal = ladders.proposal_for(next_party(world, {"pupil": world.pupil5}))
    assert proposal.step == MeasureKind.WARNING
    assert "Een leerling jonger dan 8 jaar krijgt een schorsing pas na 3 waarschuwingen." in proposal.reasons
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=30)
    for days_ago in (20, 10):
        decided(world, {"pupil": world.pupil5}, MeasureKind.SUSPENSION, days_ago=days_ago, **ONE_DAY)
    proposal = ladders.proposal_for(next_party(world, {"pupil": world.pupil5}))
    assert proposal.step == MeasureKind.SUSPENSION
    assert "Verwijdering wordt voor een leerling jonger dan 8 jaar nooit voorgesteld." in proposal.reasons


def test_directie_configures_how_many_warnings_come_before_a_suspension(world, settings):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    settings.INCIDENTS_LADDER = {**settings.INCIDENTS_LADDER, "needs": {
        **settings.INCIDENTS_LADDER["needs"], "pupil": {"schorsing": 1, "verwijdering": 2}}}
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.SUSPENSION


@pytest.mark.parametrize("earlier,expected", [
    ([], MeasureKind.WARNING),
    ([MeasureKind.WARNING], MeasureKind.WRITTEN_REPRIMAND),
    ([MeasureKind.WARNING, MeasureKind.WRITTEN_REPRIMAND], MeasureKind.SUSPENSION),
    ([MeasureKind.WARNING, MeasureKind.WRITTEN_REPRIMAND, MeasureKind.SUSPENSION], MeasureKind.DISMISSAL),
])
def test_the_staff_ladder_after_none_one_two_and_three_measures(world, earlier, expected):
    for index, kind in enumerate(earlier):
        decided(world, {"staff": world.medewerker.staff}, kind, days_ago=100 - index * 10,
                **(ONE_DAY if kind == MeasureKind.SUSPENSION else {}))
    assert ladders.proposed_step(next_party(world, {"staff": world.medewerker.staff})) == expected


def test_measures_older_than_the_period_do_not_count(world, settings):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=400)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WARNING
    settings.INCIDENTS_LADDER = {**settings.INCIDENTS_LADDER, "months": 24}
    proposal = ladders.proposal_for(next_party(world, {"pupil": world.pupil5}))
    assert "1 eerdere waarschuwing in de afgelopen 24 maanden." in proposal.reasons


def test_another_persons_measures_do_not_count(world):
    decided(world, {"pupil": world.pupil5b}, MeasureKind.WARNING)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WARNING


def test_a_police_report_is_not_a_step_on_the_ladder(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.POLICE_REPORT)
    assert ladders.proposed_step(next_party(world, {"pupil": world.pupil5})) == MeasureKind.WARNING


def test_choosing_another_step_than_proposed_needs_a_recorded_reason(world):
    party = next_party(world, {"pupil": world.pupil5})
    with pytest.raises(Refused) as info:
        services.decide_measure(incident=party.incident, party=party, actor=world.directie, kind=MeasureKind.SUSPENSION,
                                grounds="x", **ONE_DAY)
    assert "voorgestelde stap is waarschuwing" in " ".join(info.value.messages)
    measure = services.decide_measure(incident=party.incident, party=party, actor=world.directie, kind=MeasureKind.SUSPENSION,
                                      grounds="x", deviation_reason="Geweld tegen een klasgenoot", **ONE_DAY)
    assert measure.proposed_kind == MeasureKind.WARNING
    assert measure.deviation_reason == "Geweld tegen een klasgenoot"


def test_the_measure_page_shows_the_proposal_and_earlier_measures(world, client_for):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING, days_ago=20)
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    party = next_party(world, {"pupil": world.pupil5})
    from django.urls import reverse

    page = client_for(world.directie).get(reverse("incidents:measure_new", args=[party.incident_id, party.pk])).content.decode()
    assert "Voorgestelde stap: <strong>schorsing</strong>" in page
    assert "2 eerdere waarschuwingen in de afgelopen 12 maanden." in page
    assert '<option value="schorsing" selected>' in page


def test_the_batch_proposals_agree_with_the_single_ones(world):
    decided(world, {"pupil": world.pupil5}, MeasureKind.WARNING)
    decided(world, {"staff": world.medewerker.staff}, MeasureKind.WARNING)
    decided(world, {"guardian": world.guardian5}, MeasureKind.WARNING)
    incident = report(world, reporter=world.directie, parties=[
        {"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}, {"role": PartyRole.PERPETRATOR, "pupil": world.pupil5b},
        {"role": PartyRole.PERPETRATOR, "staff": world.medewerker.staff}, {"role": PartyRole.PERPETRATOR, "guardian": world.guardian5},
        {"role": PartyRole.PERPETRATOR, "name": "Onbekend"}])
    parties = list(incident.parties.all())
    batch = {pk: proposal and proposal.step for pk, proposal in ladders.proposals(parties).items()}
    assert batch == {p.pk: ladders.proposed_step(p) for p in parties}
    assert list(batch.values()) == [
        MeasureKind.WARNING, MeasureKind.WARNING, MeasureKind.WRITTEN_REPRIMAND, MeasureKind.SUSPENSION, None]
