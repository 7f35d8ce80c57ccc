"""Slots of the ground floor that the consent ledger fills (connected in consent/apps.py)."""

from . import services


def end_consent_of_leaver(sender, pupil, actor, **kwargs) -> None:
    """A pupil left: the ledger records that their consent ended."""
    services.end_consent_for_leaver(pupil=pupil, actor=actor)


def restore_consent_of_returner(sender, pupil, actor, **kwargs) -> None:
    """A leave was undone: the answers from before it count again."""
    services.restore_consent_after_undone_leave(pupil=pupil, actor=actor)
