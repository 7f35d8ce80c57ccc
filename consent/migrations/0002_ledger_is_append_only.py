"""The database itself refuses UPDATE and DELETE on the consent ledger.

The portal only ever inserts; these triggers make that true for any other client of the
database too (a shell, a script, a future bug). Emptying the whole database stays possible:
TRUNCATE on PostgreSQL (not something the application can do by accident) and `manage.py flush`
on SQLite (see julianaschool/append_only.py); test runners use both between transactional tests.
"""

from django.db import migrations

TABLE = "consent_consentrecord"
MESSAGE = "consent ledger is append-only: records are never changed or deleted"

SQLITE_CREATE = [
    f"CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    # portal_purging() is registered by julianaschool.append_only: only `manage.py flush`
    # (which empties the whole database) gets through; without Django the function is missing
    # and the DELETE fails all the same.
    f"CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON {TABLE} WHEN NOT portal_purging() "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS consent_ledger_no_update;",
    "DROP TRIGGER IF EXISTS consent_ledger_no_delete;",
]
POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION consent_ledger_refuse() RETURNS trigger AS $$
BEGIN
    -- The retention purge (julianaschool.append_only.purging) opens this door for its own
    -- transaction only; every other DELETE, and every UPDATE, is refused.
    IF TG_OP = 'DELETE' AND current_setting('portal.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;""",
    f"CREATE TRIGGER consent_ledger_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse();",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS consent_ledger_append_only ON {TABLE};",
    "DROP FUNCTION IF EXISTS consent_ledger_refuse();",
]


def _run(schema_editor, statements):
    for statement in statements:
        # params=None: the PL/pgSQL body holds a literal % that is no query parameter.
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_CREATE)
    else:
        raise NotImplementedError(f"No append-only trigger for database vendor {vendor!r}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
