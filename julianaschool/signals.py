"""The ground floor's slots: signals its services send so that apps act without the core knowing
them (CONVENTIONS: dependencies point down). Each app connects its receivers in its `apps.py`.

Sent with `send`, not `send_robust`, inside the service's transaction: a receiver that fails rolls
the whole change back, so a pupil is never marked as left with their consent still running.
"""

from django.dispatch import Signal

# A pupil left the school (`services.mark_pupil_left`): keyword arguments `pupil`, `actor`.
pupil_left = Signal()
# A leave recorded by mistake was undone (`services.undo_pupil_leave`): `pupil`, `actor`.
pupil_leave_undone = Signal()
