"""Every role signs in through the login form and lands on a dashboard that is accessible and CSP-clean."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.helpers import ROLES, full_name, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_every_role_signs_in_through_the_form_and_sees_an_accessible_dashboard(browse, login, check, cast):
    for role in ROLES:
        page = login(browse(), role)
        expect(page.get_by_role("heading", name="Overzicht", level=1)).to_be_visible()
        expect(page.get_by_text(f"Welkom, {full_name(cast.username(role))}")).to_be_visible()
        if "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE:
            # The CSP guard means something only when the policy is sent.
            policy = page.reload().headers.get("content-security-policy", "")
            assert "script-src 'self'" in policy and "style-src 'self'" in policy, policy
        check(page, f"dashboard of {role}")
        screenshot(page, f"dashboard-{role}", docs=role == "directie")
        browse.close(page)
