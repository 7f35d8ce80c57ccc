"""The integration API (/api/) run through schemathesis against its own OpenAPI description:
generated requests, with a valid token and without one, must never produce a server error and
every response must match the description (status codes, content type, JSON schema).

The schema is loaded from the running app (/api/openapi.json over WSGI) inside the test, where
the test database exists; each operation's cases come from schemathesis' hypothesis strategy.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from consent import services
from consent.models import Purpose

# Cases per operation; FUZZ_PROFILE=nightly (or API_FUZZ_EXAMPLES) for a longer run.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "300" if os.environ.get("FUZZ_PROFILE", "") == "nightly" else "40"))


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI app closes the database connection after each request (request_finished), which
    would end the test's transaction; Django's own test client unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_token(world):
    # Scoped to two channels, so that "a channel outside the token" is a real case.
    purposes = list(Purpose.objects.active()[:2])
    _token, raw = services.create_integration_token(name="website", purposes=purposes, actor=world.directie)
    return raw


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 3  # channels, group, pupils
    return found


def run_cases(operation, headers, examples):
    @settings(max_examples=examples, deadline=None, phases=[Phase.explicit, Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def check(case):
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.status_code}"
        # The checks need to know the headers were ours, not generated (else "ignored auth").
        case.validate_response(response, headers=headers)
        if headers is None or "not-a-real-token" in headers.get("Authorization", ""):
            assert response.status_code == 401

    check()


def test_the_api_answers_every_generated_request_as_its_openapi_description_says(world, api_token):
    for operation in operations():
        run_cases(operation, {"Authorization": f"Bearer {api_token}"}, EXAMPLES)


def test_without_a_valid_token_every_operation_answers_401_as_described(world):
    for operation in operations():
        run_cases(operation, None, 5)
        run_cases(operation, {"Authorization": "Bearer jp_not-a-real-token"}, 5)
