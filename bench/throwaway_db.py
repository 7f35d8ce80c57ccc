"""The benchmarks' throwaway PostgreSQL database: created when BENCH_DATABASE_URL names one that
does not exist yet (never point it at real data). Call after django.setup()."""


def create_database_if_missing():
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    import psycopg2
    from psycopg2 import sql

    params = dict(connection.get_connection_params(), dbname="postgres")
    maintenance = psycopg2.connect(**params)
    maintenance.autocommit = True
    with maintenance.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [connection.settings_dict["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(connection.settings_dict["NAME"])))
    maintenance.close()
