"""The triggers that make a snapshot stale (store.py): every row inserted, changed or deleted in
these tables raises the stamp and empties the snapshots, in the same transaction.

Installed by migration 0008; a migration that adds a table a snapshot reads adds its trigger
here and installs it the same way (tests/consent/test_snapshots.py checks the list against the
database).
"""

# What the class sheet and directie's overview read (consent/sheet.py, consent/counts.py).
TABLES = (
    "julianaschool_schoolyear", "julianaschool_classgroup", "julianaschool_pupil", "julianaschool_staffmember",
    "julianaschool_enrollment", "julianaschool_guardianlink", "julianaschool_endedguardianlink",
    "consent_purpose", "consent_purposeversion", "consent_currentanswer",
)
STAMP, SNAPSHOT = "consent_snapshotstamp", "consent_snapshot"


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


def create(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [s for table in TABLES for s in sqlite_create(table)]
    if vendor == "postgresql":
        return [POSTGRES_FUNCTION] + [s for table in TABLES for s in postgres_create(table)]
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")


def drop(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [s for table in TABLES for s in sqlite_drop(table)]
    if vendor == "postgresql":
        return [s for table in TABLES for s in postgres_drop(table)] + [POSTGRES_DROP_FUNCTION]
    raise NotImplementedError(f"No snapshot trigger for database vendor {vendor!r}")
