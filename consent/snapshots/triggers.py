"""The triggers that make a snapshot stale (store.py): every row inserted, changed or deleted in
these tables raises the stamp and empties the snapshots, in the same transaction.

Installed by migrations 0008 and 0009; a migration that adds a table a snapshot reads adds its
trigger here and installs it the same way (tests/consent/test_snapshots.py checks the list against the
database).
"""

# What the class sheet and directie's overview read (consent/sheet.py, consent/counts.py).
# A change to any row of these makes every snapshot stale (the stamp).
TABLES = (
    "julianaschool_schoolyear", "julianaschool_classgroup", "julianaschool_pupil", "julianaschool_staffmember",
    "julianaschool_enrollment", "julianaschool_guardianlink", "julianaschool_endedguardianlink",
    "consent_purpose", "consent_purposeversion",
)
# An answer (a row of the current-consent projection, by far the most frequent change) makes stale
# only the snapshots of the groups its pupil is or was placed in (their group stamps); a staff
# member's own answer, every snapshot. Migration 0009 moved it here from TABLES.
GROUP_TABLES = ("consent_currentanswer",)
STAMP, GROUP_STAMP, SNAPSHOT = "consent_snapshotstamp", "consent_groupstamp", "consent_snapshot"
ENROLLMENT = "julianaschool_enrollment"
# Every transaction raises its stamps under this lock, at commit (PostgreSQL): it takes the
# stamp row and group stamp rows in whatever order, so no two may do it at once.
LOCK_KEY = 715_2026


def sqlite_create(table: str) -> list[str]:
    # SQLite has row triggers only: each row raises the stamp (cheap: one row, in the writer's
    # own transaction, and SQLite writes one transaction at a time anyway).
    body = (f"INSERT OR IGNORE INTO {STAMP} (id, n) VALUES (1, 0); UPDATE {STAMP} SET n = n + 1 WHERE id = 1; "
            f"DELETE FROM {SNAPSHOT};")
    return [f"CREATE TRIGGER snapshot_stale_{table}_{op.lower()} AFTER {op} ON {table} BEGIN {body} END;"
            for op in ("INSERT", "UPDATE", "DELETE")]


def sqlite_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS snapshot_stale_{table}_{op};" for op in ("insert", "update", "delete")]


POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION consent_snapshot_stale() RETURNS trigger AS $$
BEGIN
    -- Deferred to commit (after every other lock the transaction takes), once per transaction.
    IF current_setting('consent.snapshot_stale', true) IS DISTINCT FROM txid_current()::text THEN
        PERFORM pg_advisory_xact_lock({LOCK_KEY});
        PERFORM set_config('consent.snapshot_stale', txid_current()::text, true);
        INSERT INTO {STAMP} (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = {STAMP}.n + 1;
        DELETE FROM {SNAPSHOT};
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""
POSTGRES_DROP_FUNCTION = "DROP FUNCTION IF EXISTS consent_snapshot_stale();"


def postgres_create(table: str) -> list[str]:
    return [f"CREATE CONSTRAINT TRIGGER snapshot_stale AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION consent_snapshot_stale();"]


def postgres_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS snapshot_stale ON {table};"]


def create(vendor: str, tables=TABLES) -> list[str]:
    if vendor == "sqlite":
        return [s for table in tables for s in sqlite_create(table)]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [s for table in tables for s in postgres_create(table)]
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")


def drop(vendor: str, tables=TABLES) -> list[str]:
    if vendor == "sqlite":
        return [s for table in tables for s in sqlite_drop(table)]
    if vendor == "postgresql":
        return [s for table in tables for s in postgres_drop(table)] + [POSTGRES_DROP_FUNCTION]
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")


# --- per group: an answer raises the stamps of its pupil's groups (staff answers: the stamp)


def _sqlite_group_body(pupils: str, staff: str) -> str:
    in_groups = f"SELECT group_id FROM {ENROLLMENT} WHERE pupil_id IN ({pupils})"
    return (f"INSERT OR IGNORE INTO {GROUP_STAMP} (group_id, n) SELECT DISTINCT group_id, 0 FROM ({in_groups}); "
            f"UPDATE {GROUP_STAMP} SET n = n + 1 WHERE group_id IN ({in_groups}); "
            f"INSERT OR IGNORE INTO {STAMP} (id, n) SELECT 1, 0 WHERE {staff}; "
            f"UPDATE {STAMP} SET n = n + 1 WHERE id = 1 AND {staff}; "
            f"DELETE FROM {SNAPSHOT} WHERE {staff};")


def sqlite_group_create(table: str) -> list[str]:
    refs = {"INSERT": ("NEW.pupil_id", "NEW.staff_id IS NOT NULL"),
            "UPDATE": ("OLD.pupil_id, NEW.pupil_id", "(OLD.staff_id IS NOT NULL OR NEW.staff_id IS NOT NULL)"),
            "DELETE": ("OLD.pupil_id", "OLD.staff_id IS NOT NULL")}
    return [f"CREATE TRIGGER snapshot_group_stale_{table}_{op.lower()} AFTER {op} ON {table} "
            f"BEGIN {_sqlite_group_body(*refs[op])} END;" for op in ("INSERT", "UPDATE", "DELETE")]


def sqlite_group_drop(table: str) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS snapshot_group_stale_{table}_{op};" for op in ("insert", "update", "delete")]


POSTGRES_GROUP_FUNCTION = f"""CREATE OR REPLACE FUNCTION consent_snapshot_group_stale() RETURNS trigger AS $$
BEGIN
    -- Deferred to commit, per row; OLD is NULL on INSERT and NEW on DELETE.
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF NEW.staff_id IS NOT NULL OR OLD.staff_id IS NOT NULL THEN
        INSERT INTO {STAMP} (id, n) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = {STAMP}.n + 1;
        DELETE FROM {SNAPSHOT};
    ELSE
        INSERT INTO {GROUP_STAMP} (group_id, n)
            SELECT DISTINCT group_id, 1 FROM {ENROLLMENT} WHERE pupil_id IN (OLD.pupil_id, NEW.pupil_id)
            ON CONFLICT (group_id) DO UPDATE SET n = {GROUP_STAMP}.n + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;"""


def postgres_group_create(table: str) -> list[str]:
    return [f"CREATE CONSTRAINT TRIGGER snapshot_group_stale AFTER INSERT OR UPDATE OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION consent_snapshot_group_stale();"]


def group_create(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [s for table in GROUP_TABLES for s in sqlite_group_create(table)]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION, POSTGRES_GROUP_FUNCTION] + [s for table in GROUP_TABLES for s in postgres_group_create(table)]
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")


def group_drop(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [s for table in GROUP_TABLES for s in sqlite_group_drop(table)]
    if vendor == "postgresql":
        return ([f"DROP TRIGGER IF EXISTS snapshot_group_stale ON {table};" for table in GROUP_TABLES]
                + ["DROP FUNCTION IF EXISTS consent_snapshot_group_stale();"])
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")
