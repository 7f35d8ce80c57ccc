"""Six identical posts at once by one guardian write one set of records and one receipt (issue 11, item 5)."""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from consent.models import ConsentRecord
from julianaschool.models import StaffMember
from tests.consent.helpers import seen

TIMES = 6


def _at_once(client_factory, url: str, data: dict) -> list:
    barrier = threading.Barrier(TIMES)
    statuses, errors = [], []

    def post(client):
        try:
            barrier.wait(timeout=60)
            statuses.append(client.post(url, data).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    # The clients (and their sessions) are made first, in this thread: only the posts race.
    clients = [client_factory() for _ in range(TIMES)]
    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


def _skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time, so posts cannot overlap; the race is PostgreSQL's")


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_identical_posts_by_one_guardian_write_one_set_and_one_receipt(world, purposes):
    _skip_unless_postgresql()
    data = seen({f"doel_{purposes['website'].pk}": "ja", f"doel_{purposes['parro'].pk}": "nee"})

    def client():
        c = Client()
        c.force_login(world.ouder5)
        return c

    statuses = _at_once(client, reverse("consent:child", args=[world.pupil5.pk]), data)
    assert sorted(statuses) == [302] * TIMES
    assert ConsentRecord.objects.filter(pupil=world.pupil5).count() == 2
    assert ConsentRecord.objects.filter(pupil=world.pupil5).values("submission").distinct().count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_identical_posts_by_one_staff_member_write_one_set(world, purposes):
    _skip_unless_postgresql()
    data = seen({f"doel_{purposes['website'].pk}": "nee"})

    def client():
        c = Client()
        c.force_login(world.leerkracht5)
        return c

    _at_once(client, reverse("consent:staff"), data)
    staff = StaffMember.objects.get(user=world.leerkracht5)
    assert ConsentRecord.objects.filter(staff=staff).count() == 1
    assert len(mail.outbox) == 1


def test_a_repeated_identical_answer_writes_nothing(client_for, world, purposes, django_capture_on_commit_callbacks):
    client = client_for(world.ouder5)
    data = seen({f"doel_{purposes['website'].pk}": "ja"})
    url = reverse("consent:child", args=[world.pupil5.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
        client.post(url, data)
    assert ConsentRecord.objects.filter(pupil=world.pupil5).count() == 1
    assert len(mail.outbox) == 1
