"""Every staff member records their own choices for the same purposes."""

import re

import lxml.html
from django.core import mail
from django.urls import reverse

from consent import state
from consent.models import ConsentRecord
from tests.consent.helpers import seen


def test_a_staff_member_records_their_own_choices(client_for, world, purposes, django_capture_on_commit_callbacks):
    staff = world.medewerker.staff
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.medewerker).post(
            reverse("consent:staff"),
            seen({f"doel_{purposes['website'].pk}": "ja", f"doel_{purposes['geluid'].pk}": "nee"}))
    assert response.status_code == 302
    records = ConsentRecord.objects.filter(staff=staff)
    assert records.count() == 2
    assert set(records.values_list("decider_role", flat=True)) == {"medewerker"}
    answers = state.staff_answers([staff.pk])
    assert state.answer(answers, staff.pk, purposes["website"].pk).given is True
    assert state.answer(answers, staff.pk, purposes["geluid"].pk).given is False
    assert mail.outbox[0].to == [staff.email]


def test_a_staff_member_withdraws_as_easily_as_they_gave(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    field = f"doel_{purposes['website'].pk}"
    client.post(reverse("consent:staff"), seen({field: "ja"}))
    client.post(reverse("consent:staff"), seen({field: "nee"}))
    staff = world.leerkracht5.staff
    assert state.answer(state.staff_answers([staff.pk]), staff.pk, purposes["website"].pk).given is False
    assert ConsentRecord.objects.filter(staff=staff).count() == 2


def test_the_staff_form_shows_the_current_choice(client_for, world, purposes):
    client = client_for(world.medewerker)
    client.post(reverse("consent:staff"), seen({f"doel_{purposes['parro'].pk}": "nee"}))
    html = client.get(reverse("consent:staff")).content.decode()
    checked = re.findall(r'<input[^>]*name="doel_(\d+)"[^>]*value="(\w+)"[^>]*checked', html)
    assert checked == [(str(purposes["parro"].pk), "nee")]


def test_a_parent_without_a_job_at_school_has_no_staff_form(client_for, world, purposes):
    assert client_for(world.ouder5).get(reverse("consent:staff")).status_code == 403
    assert client_for(world.medewerker).get(reverse("consent:staff")).status_code == 200


def test_directie_sees_every_staff_members_own_choices(client_for, world, purposes):
    client_for(world.medewerker).post(reverse("consent:staff"), seen({f"doel_{purposes['website'].pk}": "nee"}))
    html = client_for(world.directie).get(reverse("consent:overview")).content.decode()
    row = lxml.html.fromstring(html).xpath("//tr[normalize-space(th) = $name]", name=world.medewerker.staff.full_name)[0]
    website = row.xpath("td")[list(purposes).index("website")]
    assert " ".join(website.text_content().split()).startswith("✖ nee")
