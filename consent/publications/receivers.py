"""Slots of the ground floor that publications fill (connected in consent/apps.py)."""

from julianaschool.models import Pupil

from . import services


def purge_publications_of_leaver(sender, person, **kwargs) -> None:
    """Retention: a leaver's publication entries go with their consent records."""
    if isinstance(person, Pupil):
        services.purge_person(pupil=person)
    else:
        services.purge_person(staff=person)
