"""The database refuses UPDATE and DELETE on publications, the people on them, takedowns and
their completion and reminders, as it does on the consent ledger (migration 0002): a correction
is a new publication; only retention's purge (julianaschool.append_only.purging) deletes."""

from django.db import migrations

TABLES = [
    "consent_publication",
    "consent_publicationperson",
    "consent_takedown",
    "consent_takedowndone",
    "consent_takedownreminder",
]
MESSAGE = "publications and takedowns are append-only: records are never changed or deleted"


def _sqlite_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT portal_purging() "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_no_update;", f"DROP TRIGGER IF EXISTS {table}_no_delete;"]


POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION consent_publications_refuse() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('portal.purging', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;"""


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [s for table in TABLES for s in _sqlite_create(table)])
    elif vendor == "postgresql":
        _run(schema_editor, [POSTGRES_FUNCTION] + [
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION consent_publications_refuse();" for table in TABLES])
    else:
        raise NotImplementedError(f"No append-only trigger for database vendor {vendor!r}")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, [s for table in TABLES for s in _sqlite_drop(table)])
    elif vendor == "postgresql":
        _run(schema_editor, [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table in TABLES]
             + ["DROP FUNCTION IF EXISTS consent_publications_refuse();"])


class Migration(migrations.Migration):
    dependencies = [("consent", "0004_publications_models")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
