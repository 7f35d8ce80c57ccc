"""The read-only integration API: a token per integration, scoped to channels; ids and yes/no only."""

import datetime

from django.test import Client
from django.urls import reverse

from consent import services
from consent.models import IntegrationToken
from julianaschool import services as people
from tests.consent.helpers import answer_as


def _api(raw: str | None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}") if raw else Client()


def _token(world, *purposes):
    return services.create_integration_token(name="website", purposes=list(purposes), actor=world.directie)


def _ask(client, **params):
    name = "consent_api:pupils" if "pupils" in params else "consent_api:group"
    return client.get(reverse(name), params)


def test_answers_pupil_ids_and_true_false_only_for_a_group(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    _token_obj, raw = _token(world, purposes["website"])
    response = _ask(_api(raw), channel="website", group=world.group5.pk)
    assert response.status_code == 200
    assert response.json() == {"channel": "website", "pupils": [
        {"id": pk, "allowed": pk == world.pupil5.pk} for pk in sorted([world.pupil5.pk, world.pupil5b.pk])]}
    assert world.pupil5.first_name not in response.content.decode()


def test_answers_for_a_list_of_pupils_with_false_for_unknown_and_left(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(world.ouder7, world.pupil7, website=True)
    people.mark_pupil_left(pupil=world.pupil7, left_on=datetime.date.today(), actor=world.administratie)
    _token_obj, raw = _token(world, purposes["website"])
    response = _ask(_api(raw), channel="website", pupils=f"{world.pupil5.pk},{world.pupil7.pk},999999")
    assert response.json()["pupils"] == [
        {"id": world.pupil5.pk, "allowed": True}, {"id": world.pupil7.pk, "allowed": False},
        {"id": 999999, "allowed": False}]


def test_a_token_may_only_ask_about_its_own_channels(world, purposes):
    _token_obj, raw = _token(world, purposes["website"])
    response = _ask(_api(raw), channel="parro", group=world.group5.pk)
    assert response.status_code == 403
    channels = _api(raw).get(reverse("consent_api:channels")).json()
    assert channels == {"channels": [{"channel": "website", "name": "Schoolwebsite", "public": True}]}


def test_a_revoked_token_stops_working_at_once(client_for, world, purposes):
    token, raw = _token(world, purposes["website"])
    assert _ask(_api(raw), channel="website", group=world.group5.pk).status_code == 200
    client_for(world.directie).post(reverse("consent:token_revoke", args=[token.pk]))
    response = _ask(_api(raw), channel="website", group=world.group5.pk)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_only_the_hash_of_a_token_is_stored(client_for, world, purposes):
    response = client_for(world.directie).post(reverse("consent:tokens"),
                                               {"name": "nieuwsbrief", "purposes": [purposes["nieuwsbrief"].pk]})
    raw = response.context["new_token"]
    assert raw in response.content.decode()
    token = IntegrationToken.objects.get(name="nieuwsbrief")
    assert token.token_hash == IntegrationToken.hash(raw)
    assert raw not in {token.token_hash, token.prefix, token.name}
    assert _ask(_api(raw), channel="nieuwsbrief", group=world.group5.pk).status_code == 200


def test_a_signed_in_session_is_no_api_credential(client_for, world, purposes):
    response = client_for(world.directie).get(reverse("consent_api:group"), {"channel": "website", "group": 1})
    assert response.status_code == 401


def test_malformed_questions_get_400_and_unknown_ones_404(world, purposes):
    _token_obj, raw = _token(world, purposes["website"])
    client = _api(raw)
    assert _ask(client, channel="website").status_code == 400
    assert _ask(client, group=world.group5.pk).status_code == 400
    assert _ask(client, channel="website", pupils="1,x").status_code == 400
    assert _ask(client, channel="website", pupils="").status_code == 400
    assert _ask(client, channel="website", pupils=",".join(["1"] * 1001)).status_code == 400
    assert _ask(client, channel="website", group="-1").status_code == 400
    assert _ask(client, channel="bestaat-niet", group=world.group5.pk).status_code == 404
    assert _ask(client, channel="website", group=987654).status_code == 404


def test_the_api_only_answers_get(world, purposes):
    _token_obj, raw = _token(world, purposes["website"])
    response = _api(raw).post(reverse("consent_api:group") + f"?channel=website&group={world.group5.pk}")
    assert response.status_code == 405


def test_openapi_description_names_every_endpoint_and_the_bearer_header(client):
    spec = client.get(reverse("consent_api:openapi")).json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/v1/channels", "/v1/consent/group", "/v1/consent/pupils", "/v1/publications",
                                  "/v1/takedowns", "/v1/takedowns/{id}/done"}
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "Authorization: Bearer <token of the integration>"}
    for path in ("/v1/consent/group", "/v1/consent/pupils"):
        assert set(spec["paths"][path]["get"]["responses"]) == {"200", "400", "401", "403", "404"}
