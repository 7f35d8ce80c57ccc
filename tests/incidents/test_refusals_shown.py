"""A measure refused by a rule shows the refusal on the field the rule is about."""

from django.urls import reverse

from incidents.models import Measure, PartyRole
from tests.incidents.helpers import report


def test_a_measure_other_than_the_proposed_step_without_a_reason_is_refused_on_the_reason_field(client_for, world):
    incident = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5}])
    party = incident.parties.get()
    response = client_for(world.directie).post(reverse("incidents:measure_new", args=[incident.pk, party.pk]),
                                               {"kind": "schorsing", "grounds": "Gemene berichten."})
    form = response.context["form"]
    assert "de voorgestelde stap is" in " ".join(form.errors["deviation_reason"])
    assert not Measure.objects.exists()

