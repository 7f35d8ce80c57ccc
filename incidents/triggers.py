"""The append-only triggers of the incidents app (installed by migration 0003).

An incident's description never changes after submission, and its timeline is append-only (no
UPDATE, no DELETE), like a ledger. The services offer no way to do either; the triggers make the
database refuse it too (a shell session, a bulk update, a bug). Written per database vendor.
"""

from django.db import connection as default_connection

SQLITE_UP = [
    """CREATE TRIGGER incidents_description_immutable BEFORE UPDATE OF description ON incidents_incident
       WHEN NEW.description IS NOT OLD.description
       BEGIN SELECT RAISE(ABORT, 'incidents: de beschrijving van een incident verandert niet'); END;""",
    """CREATE TRIGGER incidents_timeline_no_update BEFORE UPDATE ON incidents_timelineentry
       BEGIN SELECT RAISE(ABORT, 'incidents: de tijdlijn is alleen aan te vullen'); END;""",
    # portal_purging() (julianaschool.append_only) lets `manage.py flush` and the retention purge
    # through; any other DELETE, and any client without Django, is refused.
    """CREATE TRIGGER incidents_timeline_no_delete BEFORE DELETE ON incidents_timelineentry
       WHEN NOT portal_purging()
       BEGIN SELECT RAISE(ABORT, 'incidents: de tijdlijn is alleen aan te vullen'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incidents_description_immutable;",
    "DROP TRIGGER IF EXISTS incidents_timeline_no_update;",
    "DROP TRIGGER IF EXISTS incidents_timeline_no_delete;",
]

POSTGRES_UP = [
    # The retention purge (julianaschool.append_only.purging) opens the door for DELETE in its
    # own transaction only.
    """CREATE OR REPLACE FUNCTION incidents_refuse_change() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND current_setting('portal.purging', true) = 'on' THEN RETURN OLD; END IF;
         RAISE EXCEPTION 'incidents: %', TG_ARGV[0];
       END; $$ LANGUAGE plpgsql;""",
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

BY_VENDOR = {"sqlite": (SQLITE_UP, SQLITE_DOWN), "postgresql": (POSTGRES_UP, POSTGRES_DOWN)}


def _execute(connection, statements, execute=None):
    for sql in statements:
        if execute is not None:
            # params=None: the PL/pgSQL body holds a literal %, which must not be read as a placeholder.
            execute(sql, params=None)
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql)


def install(connection=None, execute=None) -> bool:
    """Create the triggers; False on a database vendor we have no triggers for (services still refuse)."""
    connection = connection or default_connection
    if connection.vendor not in BY_VENDOR:
        return False
    _execute(connection, BY_VENDOR[connection.vendor][0], execute)
    return True


def remove(connection=None, execute=None) -> None:
    connection = connection or default_connection
    if connection.vendor in BY_VENDOR:
        _execute(connection, BY_VENDOR[connection.vendor][1], execute)
