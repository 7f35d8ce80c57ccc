"""Demo data for the policy app, called by `manage.py seed_demo` after the people exist.

Version 1.0 itself comes from the data migration. The demo only lets two staff members confirm
reading it, so that directie sees a mixed list and, once a substantive 2.0 is published, the
medewerker is asked again and shown only what changed.
"""

from . import services
from .models import ProtocolVersion


def seed(*, school) -> None:
    """Idempotent: running it twice leaves the same data (acknowledge is once per version)."""
    version = ProtocolVersion.objects.filter(major=1, minor=0).first()
    if version is None or not version.is_in_force:
        return
    for username in ("leerkracht", "medewerker"):
        user = school.users.get(username)
        if user is not None:
            services.acknowledge(user=user, version=version)
