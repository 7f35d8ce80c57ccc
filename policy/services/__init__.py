"""Every write of the policy app, by concern: drafting, the approval path (and the MR), reviews and
acknowledgements.

Each function checks who may do it and in which state, and refuses with the core's `julianaschool.errors.Refused` (a plain
Dutch message for the user) before changing anything. Once a version is adopted its text never
changes again: every text-changing function starts with `_require_editable`. Callers use
`policy.services.<function>`; the modules below are where each lives.
"""


from .acknowledgement import acknowledge, send_acknowledgement_reminders  # noqa: F401
from .approval import adopt, approve, inform_parents, parents_informed, parents_to_inform, publish, return_to_concept  # noqa: F401
from .drafting import (  # noqa: F401
    add_section,
    delete_section,
    discard_draft,
    move_section,
    start_draft,
    update_details,
    update_section,
)
from .mr import record_mr_decision  # noqa: F401
from .review import confirm_review, record_review, send_review_reminders  # noqa: F401
