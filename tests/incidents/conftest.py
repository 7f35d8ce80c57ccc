"""Fixtures for the incidents tests: a private media folder per test and an incident with several
parties. The helpers (image and PDF bytes, `report`) are in tests/incidents/helpers.py."""

import pytest

from incidents.models import PartyRole
from tests.incidents.helpers import report


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def busy_incident(world):
    """Pesten with several parties: two groep 5 pupils, a groep 7 pupil, a parent, a staff member, an outsider."""
    return report(world, reporter=world.directie, parties=[
        {"role": PartyRole.PERPETRATOR, "pupil": world.pupil5},
        {"role": PartyRole.VICTIM, "pupil": world.pupil5b},
        {"role": PartyRole.WITNESS, "pupil": world.pupil7},
        {"role": PartyRole.REPORTER, "guardian": world.guardian7},
        {"role": PartyRole.WITNESS, "staff": world.medewerker.staff},
        {"role": PartyRole.WITNESS, "name": "Buurman Kees"},
    ], description="Sanne de Vries pestte Daan Jansen in de klassenchat; Mila Bakker zag het.")
