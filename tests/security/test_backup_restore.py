"""A backup restored into a fresh database holds every record, and the database-level guards
(the ledger's immutability triggers) come back with it.

The populated database is the full demo school (`seed_demo`: every app's demo data) plus what
the test adds. The commands are the ones docs/SECURITY.md tells the school to run.
"""

import secrets
import sqlite3
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

on_postgresql = connection.vendor == "postgresql"
on_sqlite = connection.vendor == "sqlite"

# Append-only tables whose triggers must refuse UPDATE and DELETE after a restore: the consent
# ledger and the audit trail, where the apps that own them install such triggers.
LEDGER_CANDIDATES = ["consent_consentrecord", "consent_ledgerrecord", "consent_consentdecision"]


@pytest.fixture
def populated(settings):
    settings.DEBUG = True  # seed_demo refuses to run against a production configuration
    call_command("seed_demo", verbosity=0)
    tables = connection.introspection.table_names()
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    assert counts["julianaschool_pupil"] > 100 and counts["auth_user"] > 10
    return counts


def rows_of(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
    return [tuple(row) for row in cursor.fetchall()]


def ledger_tables(tables) -> list[str]:
    return [t for t in LEDGER_CANDIDATES if t in tables]


# --- SQLite: the sqlite3 backup API (what `sqlite3 db.sqlite3 ".backup file"` does)


@pytest.mark.skipif(not on_sqlite, reason="the SQLite backup; PostgreSQL has its own test")
def test_a_sqlite_backup_restored_into_a_fresh_file_holds_every_record(populated, tmp_path):
    connection.ensure_connection()
    source = connection.connection
    backup_file = tmp_path / "backup.sqlite3"
    with sqlite3.connect(backup_file) as backup:
        source.backup(backup)
    backup.close()

    # Restore: a fresh, empty database file filled from the backup (sqlite3 ".restore").
    restored_file = tmp_path / "restored.sqlite3"
    restored = sqlite3.connect(restored_file, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    with sqlite3.connect(backup_file) as backup:
        backup.backup(restored)
    backup.close()

    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    src, dst = source.cursor(), restored.cursor()
    tables = connection.introspection.table_names()
    for table in tables:
        assert rows_of(dst, table) == rows_of(src, table), table
        assert len(rows_of(dst, table)) == populated[table], table
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert dst.execute(triggers).fetchall() == src.execute(triggers).fetchall()
    for table in ledger_tables(tables):
        if populated[table]:
            with pytest.raises(sqlite3.DatabaseError):
                dst.execute(f'UPDATE "{table}" SET id = id')
            with pytest.raises(sqlite3.DatabaseError):
                dst.execute(f'DELETE FROM "{table}"')
    restored.close()


# --- PostgreSQL: pg_dump -Fc, then pg_restore into a new database


def _pg_args(settings_dict) -> list[str]:
    args = ["-h", settings_dict.get("HOST") or "127.0.0.1", "-p", str(settings_dict.get("PORT") or 5432)]
    if settings_dict.get("USER"):
        args += ["-U", settings_dict["USER"]]
    return args


@pytest.mark.skipif(not on_postgresql, reason="needs PostgreSQL with pg_dump/pg_restore")
def test_a_pg_dump_restored_into_a_fresh_database_holds_every_record(populated, tmp_path):
    import psycopg2

    settings_dict = connection.settings_dict
    dump = tmp_path / "portal.dump"
    subprocess.run(["pg_dump", "-Fc", *_pg_args(settings_dict), "-d", settings_dict["NAME"], "-f", str(dump)],
                   check=True, capture_output=True, timeout=300)
    fresh = f"jp_restore_{secrets.token_hex(4)}"
    subprocess.run(["createdb", *_pg_args(settings_dict), fresh], check=True, capture_output=True, timeout=60)
    try:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", *_pg_args(settings_dict), "-d", fresh, str(dump)],
                       check=True, capture_output=True, timeout=300)
        params = {"host": settings_dict.get("HOST") or "127.0.0.1", "port": settings_dict.get("PORT") or 5432,
                  "user": settings_dict.get("USER") or None, "password": settings_dict.get("PASSWORD") or None}
        restored = psycopg2.connect(dbname=fresh, **params)
        restored.autocommit = True
        source = psycopg2.connect(dbname=settings_dict["NAME"], **params)
        try:
            tables = connection.introspection.table_names()
            with source.cursor() as src, restored.cursor() as dst:
                for table in tables:
                    assert rows_of(dst, table) == rows_of(src, table), table
                    assert len(rows_of(dst, table)) == populated[table], table
                triggers = ("SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1, 2")
                src.execute(triggers)
                dst.execute(triggers)
                assert dst.fetchall() == src.fetchall()
            for table in ledger_tables(tables):
                if populated[table]:
                    with restored.cursor() as dst, pytest.raises(psycopg2.Error):
                        dst.execute(f'UPDATE "{table}" SET id = id')
                    with restored.cursor() as dst, pytest.raises(psycopg2.Error):
                        dst.execute(f'DELETE FROM "{table}"')
        finally:
            restored.close()
            source.close()
    finally:
        subprocess.run(["dropdb", "--if-exists", *_pg_args(settings_dict), fresh], capture_output=True, timeout=60)
