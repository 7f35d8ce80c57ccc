"""The publications API: scopes (read; publish), still limited to the token's channels."""

import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consent import services
from consent.publications import services as publications
from consent.publications.models import Publication, Takedown, TakedownDone
from tests.consent.helpers import answer_as


def _api(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _token(world, *purposes, scopes=("read",)):
    return services.create_integration_token(name="website", purposes=list(purposes), actor=world.directie,
                                             scopes=scopes)[1]


def _post(client, name, body, *args):
    return client.post(reverse(name, args=args), json.dumps(body), content_type="application/json")


def _publication(world, pupil, recognisable=True):
    return {"channel": "website", "title": "Nieuws: de kerstmarkt", "date": "2026-12-01",
            "location": "https://www.julianaschool.be/nieuws/kerstmarkt",
            "pupils": [{"id": pupil.pk, "recognisable": recognisable}]}


def test_a_read_token_cannot_publish_or_close_takedowns(world, purposes):
    raw = _token(world, purposes["website"])
    assert _post(_api(raw), "consent_api:publication_register", _publication(world, world.pupil5)).status_code == 403
    assert _post(_api(raw), "consent_api:takedown_done", {"outcome": "verwijderd"}, 1).status_code == 403
    assert not Publication.objects.exists()


def test_a_publish_only_token_cannot_read(world, purposes):
    raw = _token(world, purposes["website"], scopes=("publish",))
    response = _api(raw).get(reverse("consent_api:pupils"), {"channel": "website", "pupils": str(world.pupil5.pk)})
    assert response.status_code == 403
    assert _api(raw).get(reverse("consent_api:takedowns"), {"channel": "website"}).status_code == 403


def test_a_publish_token_registers_and_the_check_refuses_a_recognisable_no(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    raw = _token(world, purposes["website"], scopes=("read", "publish"))
    refused = _post(_api(raw), "consent_api:publication_register", _publication(world, world.pupil5b))
    assert refused.status_code == 409
    response = _post(_api(raw), "consent_api:publication_register", _publication(world, world.pupil5))
    assert response.status_code == 201
    assert response.json()["pupils"] == [{"id": world.pupil5.pk, "allowed": True, "recognisable": True}]
    assert Publication.objects.get().published_by_name == "koppeling website"


def test_a_token_may_only_publish_on_its_own_channels(world, purposes):
    raw = _token(world, purposes["parro"], scopes=("read", "publish"))
    assert _post(_api(raw), "consent_api:publication_register", _publication(world, world.pupil5)).status_code == 403


def test_the_tool_polls_open_takedowns_and_marks_one_done(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    raw = _token(world, purposes["website"], scopes=("read", "publish"))
    _post(_api(raw), "consent_api:publication_register", _publication(world, world.pupil5))
    parro = publications.register_publication(
        purpose=purposes["parro"], title="Parro-album", published_on=timezone.localdate(), location="",
        people=[publications.Shown(person=world.pupil5, recognisable=True)], actor=world.leerkracht5)
    answer_as(world.ouder5, world.pupil5, website=False, parro=False)
    listed = _api(raw).get(reverse("consent_api:takedowns"), {"channel": "website"}).json()["takedowns"]
    assert [(t["pupil"], t["reason"]) for t in listed] == [(world.pupil5.pk, "ingetrokken")]
    assert "Sanne" not in json.dumps(listed)
    # The Parro takedown is not this token's.
    other = Takedown.objects.get(publication=parro)
    assert _post(_api(raw), "consent_api:takedown_done", {"outcome": "verwijderd"}, other.pk).status_code == 404
    done = _post(_api(raw), "consent_api:takedown_done", {"outcome": "verwijderd", "note": "bericht offline"},
                 listed[0]["id"])
    assert done.status_code == 200
    assert TakedownDone.objects.get().done_by_name == "koppeling website"
    assert _post(_api(raw), "consent_api:takedown_done", {"outcome": "verwijderd"}, listed[0]["id"]).status_code == 409
    assert _api(raw).get(reverse("consent_api:takedowns"), {"channel": "website"}).json()["takedowns"] == []


def test_malformed_publication_bodies_get_400_and_change_nothing(world, purposes):
    raw = _token(world, purposes["website"], scopes=("read", "publish"))
    client = _api(raw)
    for body in ("not json", [], {"channel": "website"}, {**_publication(world, world.pupil5), "date": "gisteren"},
                 {**_publication(world, world.pupil5), "pupils": [{"id": "1", "recognisable": True}]}):
        data = body if isinstance(body, str) else json.dumps(body)
        response = client.post(reverse("consent_api:publication_register"), data, content_type="application/json")
        assert response.status_code == 400, body
    unknown = {**_publication(world, world.pupil5), "pupils": [{"id": 999999, "recognisable": False}]}
    assert _post(client, "consent_api:publication_register", unknown).status_code == 404
    assert not Publication.objects.exists()


def test_openapi_describes_the_publications_api_and_its_scopes(client):
    spec = client.get(reverse("consent_api:openapi")).json()
    assert {"/v1/publications", "/v1/takedowns", "/v1/takedowns/{id}/done"} <= set(spec["paths"])
    assert "publish" in spec["info"]["description"]
