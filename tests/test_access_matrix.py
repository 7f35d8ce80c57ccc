"""Every URL of the portal, requested as every role: the status each gets is the one expected."""

import importlib

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import ROLES, Row

APPS = ["julianaschool", "policy", "consent", "incidents", "security"]
EXTRA_MATRICES = ["tests.policy.matrix_pdf", "tests.consent.matrix_publications", "tests.consent.matrix_ux",
                  "tests.incidents.matrix_ux", "tests.policy.matrix_protocol", "tests.julianaschool.matrix_people"]  # apps whose rows are split over more than one file
# Django's own admin (superusers only) and the language switch are not the portal's pages.
NOT_PORTAL = {"set_language"}
NOT_PORTAL_NAMESPACES = {"admin"}


def _modules():
    for app in APPS:
        try:
            yield importlib.import_module(f"tests.{app}.matrix")
        except ModuleNotFoundError:
            continue
    yield from (importlib.import_module(name) for name in EXTRA_MATRICES)


def all_rows() -> list[tuple[object, Row]]:
    return [(module, row) for module in _modules() for row in module.rows()]


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in NOT_PORTAL_NAMESPACES:
                continue
            yield from _url_names(pattern.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_of_the_portal_is_in_the_matrix():
    covered = {row.name for _module, row in all_rows()}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered - NOT_PORTAL)
    assert missing == []


@pytest.mark.parametrize("module,row", all_rows(), ids=lambda value: value.id if isinstance(value, Row) else "")
def test_each_role_gets_the_expected_status(world, module, row):
    if hasattr(module, "setup"):
        module.setup(world)
    url = row.url(world)
    got = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        # Each role's request is undone afterwards so that a POST by one role cannot change
        # what the next role sees.
        with transaction.atomic():
            data = row.data(world) if row.data else None
            response = getattr(client, row.method)(url, data=data)
            transaction.set_rollback(True)
        got[role] = response.status_code
    assert got == row.expected()
