"""A backup restored into a fresh database holds every record, and the database-level guards
(the ledger's and the incident timeline's append-only triggers) come back with it.

The source is a real database built as production builds it: `manage.py migrate` and then the
full demo school (`seed_demo`: every app's demo data, ledger records, incidents, the protocol).
The backup and restore use the commands docs/SECURITY.md tells the school to run: the sqlite3
backup API (what `sqlite3 db ".backup file"` does) and pg_dump -Fc / pg_restore.
"""

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Starts its own processes with their own timeouts: run in the serial pass of `make test`.
pytestmark = pytest.mark.serial

BASE_DIR = Path(settings.BASE_DIR)
on_postgresql = connection.vendor == "postgresql"

# Tables whose rows must all come back (besides every other table, compared row by row).
MUST_HOLD = ["consent_consentrecord", "incidents_incident", "incidents_timelineentry", "policy_protocolversion",
             "julianaschool_pupil", "julianaschool_auditentry"]
# Append-only tables: after the restore, UPDATE and DELETE must still be refused.
APPEND_ONLY = ["consent_consentrecord", "incidents_timelineentry"]


def build(database_url: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update({"DEBUG": "true", "DATABASE_URL": database_url, "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
                "EMAIL_URL": "dummymail://"})
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        result = subprocess.run([sys.executable, "manage.py", *command], cwd=BASE_DIR, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr


def tables_of(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def rows_of(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
    return [tuple(row) for row in cursor.fetchall()]


def compare(src, dst, vendor: str) -> dict[str, int]:
    """Every table of the source, row for row, in the restored database; returns row counts."""
    tables = tables_of(src, vendor)
    assert tables_of(dst, vendor) == tables
    counts = {}
    for table in tables:
        rows = rows_of(src, table)
        assert rows_of(dst, table) == rows, f"{table} differs after the restore"
        counts[table] = len(rows)
    for table in MUST_HOLD:
        if table in counts:
            assert counts[table] > 0, f"the demo school should have rows in {table}"
    return counts


def test_a_sqlite_backup_restored_into_a_fresh_file_holds_every_record(tmp_path):
    source_file = tmp_path / "portal.sqlite3"
    build(f"sqlite:///{source_file}", tmp_path)

    # Backup (the portal may keep running: the backup API copies a consistent snapshot).
    backup_file = tmp_path / "backup.sqlite3"
    source = sqlite3.connect(source_file)
    backup = sqlite3.connect(backup_file)
    source.backup(backup)
    backup.close()

    # Restore into a fresh, empty database file (sqlite3 fresh.sqlite3 ".restore backup.sqlite3").
    restored = sqlite3.connect(tmp_path / "restored.sqlite3")
    backup = sqlite3.connect(backup_file)
    backup.backup(restored)
    backup.close()

    assert restored.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = compare(source.cursor(), restored.cursor(), "sqlite")
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    assert restored.execute(triggers).fetchall() == source.execute(triggers).fetchall()
    for table in APPEND_ONLY:
        if counts.get(table):
            with pytest.raises(sqlite3.DatabaseError):
                restored.execute(f'UPDATE "{table}" SET id = id')
            with pytest.raises(sqlite3.DatabaseError):
                restored.execute(f'DELETE FROM "{table}"')
            assert len(rows_of(restored.cursor(), table)) == counts[table]
    source.close()
    restored.close()


def _pg(settings_dict) -> tuple[list[str], dict]:
    host, port, user = settings_dict.get("HOST") or "127.0.0.1", str(settings_dict.get("PORT") or 5432), settings_dict.get("USER") or "postgres"
    return ["-h", host, "-p", port, "-U", user], {"host": host, "port": port, "user": user,
                                                   "password": settings_dict.get("PASSWORD") or None}


@pytest.mark.skipif(not on_postgresql, reason="needs PostgreSQL with pg_dump/pg_restore (run with DATABASE_URL=postgres://...)")
def test_a_pg_dump_restored_into_a_fresh_database_holds_every_record(tmp_path):
    import psycopg2

    args, params = _pg(connection.settings_dict)
    suffix = secrets.token_hex(4)
    source_db, fresh_db = f"jp_backup_src_{suffix}", f"jp_backup_restored_{suffix}"
    subprocess.run(["createdb", *args, source_db], check=True, capture_output=True, timeout=60)
    try:
        url = f"postgres://{params['user']}@{params['host']}:{params['port']}/{source_db}"
        build(url, tmp_path)
        dump = tmp_path / "portal.dump"
        subprocess.run(["pg_dump", "-Fc", *args, "-d", source_db, "-f", str(dump)], check=True, capture_output=True, timeout=300)
        subprocess.run(["createdb", *args, fresh_db], check=True, capture_output=True, timeout=60)
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", *args, "-d", fresh_db, str(dump)],
                       check=True, capture_output=True, timeout=300)
        source = psycopg2.connect(dbname=source_db, **params)
        restored = psycopg2.connect(dbname=fresh_db, **params)
        restored.autocommit = True
        try:
            with source.cursor() as src, restored.cursor() as dst:
                counts = compare(src, dst, "postgresql")
                triggers = ("SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                            "JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1, 2")
                src.execute(triggers)
                dst.execute(triggers)
                assert dst.fetchall() == src.fetchall()
            for table in APPEND_ONLY:
                if counts.get(table):
                    with restored.cursor() as dst, pytest.raises(psycopg2.Error):
                        dst.execute(f'UPDATE "{table}" SET id = id')
                    with restored.cursor() as dst, pytest.raises(psycopg2.Error):
                        dst.execute(f'DELETE FROM "{table}"')
                    with restored.cursor() as dst:
                        assert len(rows_of(dst, table)) == counts[table]
        finally:
            source.close()
            restored.close()
    finally:
        for name in (fresh_db, source_db):
            subprocess.run(["dropdb", "--if-exists", *args, name], capture_output=True, timeout=60)
