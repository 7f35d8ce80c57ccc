"""Django's admin (superusers only) shows the append-only and service-written data read-only."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from consent.models import ConsentRecord
from incidents.models import TimelineEntry
from julianaschool.models import AuditEntry
from policy.models import ProtocolVersion


@pytest.mark.parametrize("model", [AuditEntry, ConsentRecord, TimelineEntry, ProtocolVersion])
def test_a_superuser_may_look_but_not_add_change_or_delete(rf, db, model):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 12)
    request = rf.get("/")
    request.user = superuser
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_admin_lists_the_seeded_protocol_version(client, db):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 12)
    client.force_login(superuser)
    page = client.get(reverse("admin:policy_protocolversion_changelist"))
    assert page.status_code == 200
    assert "1.0" in page.content.decode()
