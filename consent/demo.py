"""Demo data for the consent app, called by `manage.py seed_demo` after the people exist."""


def seed(*, school) -> None:
    """Idempotent: running it twice leaves the same data."""
