from django.db import connections
from django.urls import reverse


def test_health_answers_ok_while_the_database_answers(client, db):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_answers_503_when_the_database_does_not(client, db):
    # A real connection that cannot connect: a database file in a folder that does not exist
    # (SQLite), or a port nothing listens on (PostgreSQL).
    working = connections["default"]
    broken_settings = dict(working.settings_dict)
    if working.vendor == "sqlite":
        broken_settings["NAME"] = "/nonexistent-folder/db.sqlite3"
    else:
        broken_settings["PORT"] = "1"
    connections["default"] = working.__class__(broken_settings, "default")
    try:
        response = client.get(reverse("health"))
    finally:
        connections["default"].close()
        connections["default"] = working
    assert response.status_code == 503
    assert response.json()["status"] == "error"
