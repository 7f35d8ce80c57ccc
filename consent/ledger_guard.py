"""The one door through the ledger's DELETE trigger on SQLite: `manage.py flush`.

`flush` empties every table of the database on purpose (test runners call it after each
transactional test). On PostgreSQL it uses TRUNCATE, which the row trigger does not see; on
SQLite it runs DELETE FROM, which the trigger refuses. The trigger therefore asks a function,
`consent_ledger_flushing()`, that Django registers on each SQLite connection and that answers 1
only inside `flushing()`, which only our `flush` command enters. Any other client (the sqlite3
shell, a script without Django) does not have the function, so its DELETE fails as well.
"""

import threading
from contextlib import contextmanager

_state = threading.local()


def is_flushing() -> int:
    return 1 if getattr(_state, "flushing", False) else 0


@contextmanager
def flushing():
    _state.flushing = True
    try:
        yield
    finally:
        _state.flushing = False


def register(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: add the function to every new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("consent_ledger_flushing", 0, is_flushing)
