"""Database triggers that keep what was reported as it was reported.

An incident's description never changes after submission, and its timeline is append-only (no
UPDATE, no DELETE), like a ledger. The services already offer no way to do either; the triggers
make the database refuse it too (a shell session, a bulk update, a bug). Written per database
vendor, chosen by schema_editor.connection.vendor.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER incidents_description_immutable BEFORE UPDATE OF description ON incidents_incident
       WHEN NEW.description IS NOT OLD.description
       BEGIN SELECT RAISE(ABORT, 'incidents: de beschrijving van een incident verandert niet'); END;""",
    """CREATE TRIGGER incidents_timeline_no_update BEFORE UPDATE ON incidents_timelineentry
       BEGIN SELECT RAISE(ABORT, 'incidents: de tijdlijn is alleen aan te vullen'); END;""",
    """CREATE TRIGGER incidents_timeline_no_delete BEFORE DELETE ON incidents_timelineentry
       BEGIN SELECT RAISE(ABORT, 'incidents: de tijdlijn is alleen aan te vullen'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incidents_description_immutable;",
    "DROP TRIGGER IF EXISTS incidents_timeline_no_update;",
    "DROP TRIGGER IF EXISTS incidents_timeline_no_delete;",
]

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION incidents_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'incidents: %', TG_ARGV[0]; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER incidents_description_immutable BEFORE UPDATE ON incidents_incident
       FOR EACH ROW WHEN (NEW.description IS DISTINCT FROM OLD.description)
       EXECUTE FUNCTION incidents_refuse_change('de beschrijving van een incident verandert niet');""",
    """CREATE TRIGGER incidents_timeline_append_only BEFORE UPDATE OR DELETE ON incidents_timelineentry
       FOR EACH ROW EXECUTE FUNCTION incidents_refuse_change('de tijdlijn is alleen aan te vullen');""",
    # No TRUNCATE trigger: Django's test flush (transactional tests, live_server) truncates
    # every table, and TRUNCATE needs table-owner rights a portal role does not use anyway.
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS incidents_description_immutable ON incidents_incident;",
    "DROP TRIGGER IF EXISTS incidents_timeline_append_only ON incidents_timelineentry;",
    "DROP FUNCTION IF EXISTS incidents_refuse_change();",
]


def _run(schema_editor, statements_by_vendor):
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        # Another database: the services still refuse; say so rather than pretend.
        return
    for sql in statements:
        # params=None: the PL/pgSQL body holds a literal %, which must not be read as a placeholder.
        schema_editor.execute(sql, params=None)


def up(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP})


def down(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN})


class Migration(migrations.Migration):
    dependencies = [("incidents", "0002_seed_categories")]
    operations = [migrations.RunPython(up, down)]
