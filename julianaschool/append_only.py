"""The one door through the append-only tables' DELETE triggers (consent ledger, incident
timeline): emptying the whole database with `manage.py flush`, and the AVG retention purge.

UPDATE is refused always. DELETE is refused unless the deleting code runs inside `purging()`:
- on SQLite the triggers ask a function, `portal_purging()`, that Django registers on each SQLite
  connection and that answers 1 only inside `purging()` (a client without Django does not have
  the function, so its DELETE fails as well; `flush` runs DELETE FROM, so it purges too);
- on PostgreSQL the trigger functions read the transaction-local setting `portal.purging`, which
  `purging()` sets with SET LOCAL (`flush` uses TRUNCATE, which row triggers do not see).
"""

import threading
from contextlib import contextmanager

from django.db import connections, transaction

_state = threading.local()


def is_purging() -> int:
    return 1 if getattr(_state, "purging", False) else 0


@contextmanager
def purging(using: str = "default"):
    """Allow deletes from append-only tables, for a deliberate purge only, in one transaction."""
    connection = connections[using]
    with transaction.atomic(using=using):
        _state.purging = True
        try:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL portal.purging = 'on'")
            yield
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL portal.purging = 'off'")
        finally:
            _state.purging = False


def register(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: add the function to every new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_purging", 0, is_purging)
