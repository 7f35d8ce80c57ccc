"""Demo data for the incidents app, called by `manage.py seed_demo` after the people exist."""


def seed(*, school) -> None:
    """Idempotent: running it twice leaves the same data."""
