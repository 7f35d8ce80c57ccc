"""Acknowledgement: every staff member confirms reading the version in force; an editorial version
asks nothing, a substantive one asks again and shows only what changed since the version they
last confirmed. Directie sees who did and did not, and can send a reminder."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from julianaschool.errors import Refused
from policy import services
from policy.models import Acknowledgement, ProtocolVersion

from .helpers import published

ASKED = "Protocol sociale media: lezen en bevestigen"
PHONES = ("eigen-telefoons", "De telefoon mag ook in de bureaulade van de leerkracht.",
          "De telefoon gaat in de telefoonbak van de groep.")
TYPO = ("schoolwebsite", "Met de schoolwebsite www.julianaschool.be", "Met onze schoolwebsite www.julianaschool.be")


def _dashboard(client_for, user) -> str:
    return client_for(user).get(reverse("dashboard")).content.decode()


@pytest.mark.parametrize("role", ["medewerker", "leerkracht5", "administratie", "directie"])
def test_every_staff_member_is_asked_to_read_the_version_in_force(world, client_for, role):
    assert ASKED in _dashboard(client_for, world.users[role])


@pytest.mark.parametrize("role", ["ouder5", "bestuur", "outsider"])
def test_parents_board_and_outsiders_are_not_asked(world, client_for, role):
    assert ASKED not in _dashboard(client_for, world.users[role])


def test_a_parent_cannot_acknowledge(world):
    with pytest.raises(Refused):
        services.acknowledge(user=world.ouder5, version=ProtocolVersion.objects.in_force())
    assert not Acknowledgement.objects.exists()


def test_acknowledging_records_who_which_version_and_when_and_stops_the_question(world, client_for):
    client = client_for(world.medewerker)
    page = client.get(reverse("policy:acknowledge")).content.decode()
    assert "Lees het protocol (versie 1.0)" in page and "Sancties en gevolgen" in page
    client.post(reverse("policy:acknowledge"), {"version": ProtocolVersion.objects.in_force().pk})
    ack = Acknowledgement.objects.get()
    assert (ack.user, ack.version.number) == (world.medewerker, "1.0") and ack.at is not None
    assert ASKED not in _dashboard(client_for, world.medewerker)


def test_acknowledgement_across_an_editorial_and_a_substantive_version(world, client_for):
    v1 = ProtocolVersion.objects.in_force()
    services.acknowledge(user=world.medewerker, version=v1)

    published(world, kind="redactioneel", change=TYPO)  # 1.1: asks nothing
    assert ASKED not in _dashboard(client_for, world.medewerker)

    v2 = published(world, kind="inhoudelijk", change=PHONES)  # 2.0: asks again
    dashboard = _dashboard(client_for, world.medewerker)
    assert ASKED in dashboard and "sinds versie 1.0" in dashboard
    page = client_for(world.medewerker).get(reverse("policy:acknowledge")).content.decode()
    # First only what changed since 1.0: the typo of 1.1 and the phone rule of 2.0, nothing else;
    # then the new text in full.
    changes, new_text = page.split("De nieuwe tekst (versie 2.0)")
    assert 'nieuw: </span>gaat</ins>' in changes and "telefoonbak" in changes
    assert 'nieuw: </span>onze</ins>' in changes
    assert "Sancties en gevolgen" not in changes and "Specifiek voor leerlingen" not in changes
    assert "Sancties en gevolgen" in new_text
    client_for(world.medewerker).post(reverse("policy:acknowledge"), {"version": v2.pk})
    assert ASKED not in _dashboard(client_for, world.medewerker)
    assert list(Acknowledgement.objects.filter(user=world.medewerker).values_list("version__major", "version__minor")
                .order_by("version__major")) == [(1, 0), (2, 0)]


def test_directie_sees_who_acknowledged_which_version(world, client_for):
    v1 = ProtocolVersion.objects.in_force()
    services.acknowledge(user=world.leerkracht5, version=v1)
    v11 = published(world, kind="redactioneel", change=TYPO)
    services.acknowledge(user=world.medewerker, version=v11)
    page = client_for(world.directie).get(reverse("policy:acknowledgements", args=[v11.pk])).content.decode()
    # Both count for 1.1: the editorial version asked nothing new of the teacher.
    assert "ja, op" in page and "(versie 1.0)" in page and "(versie 1.1)" in page
    assert "3 medewerkers hebben nog niet bevestigd." in page
    old = client_for(world.directie).get(reverse("policy:acknowledgements", args=[v1.pk])).content.decode()
    assert "4 medewerkers hebben nog niet bevestigd." in old


def test_the_reminder_goes_only_to_staff_who_did_not_acknowledge(world, client_for, django_capture_on_commit_callbacks):
    services.acknowledge(user=world.leerkracht5, version=ProtocolVersion.objects.in_force())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.directie).post(
            reverse("policy:acknowledgement_remind", args=[ProtocolVersion.objects.in_force().pk]), follow=True)
    assert "Herinnering verstuurd aan 4 medewerker(s)." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "administratie@example.org", "directie@example.org", "leerkracht7@example.org", "medewerker@example.org"]
    assert "versie 1.0" in mail.outbox[0].subject and "/protocol/lezen/" in mail.outbox[0].body


def test_the_acknowledgement_list_does_not_query_per_staff_member(world, client_for, more_staff):
    version = ProtocolVersion.objects.in_force()
    client = client_for(world.directie)
    url = reverse("policy:acknowledgements", args=[version.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    more_staff(10, acknowledge=version)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_directie_dashboard_counts_who_has_not_acknowledged(world, client_for):
    services.acknowledge(user=world.medewerker, version=ProtocolVersion.objects.in_force())
    page = _dashboard(client_for, world.directie)
    assert "4 van 5 medewerkers hebben versie 1.0 nog niet als gelezen bevestigd." in page
    assert "nog niet als gelezen bevestigd" not in _dashboard(client_for, world.leerkracht5)
