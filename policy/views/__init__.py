"""Pages of the protocol, by concern: public reading and the compare, drafting, the approval path
(with the MR, informing parents and reviews), acknowledgement.

Every object goes through a helper of policy.access; every write through policy.services, whose
`Refused` the view shows with `show_refusal` (nothing changed). policy/urls.py names
`views.<function>`; the modules below are where each lives.
"""

from .acknowledgement import acknowledge, acknowledgement_list, acknowledgement_remind  # noqa: F401
from .approval import inform_parents, mr_minutes, mr_record, review_confirm, review_record, step  # noqa: F401
from .drafting import (  # noqa: F401
    draft_discard,
    draft_edit,
    draft_start,
    section_add,
    section_delete,
    section_edit,
    section_move,
)
from .reading import compare, current, version_detail, version_list  # noqa: F401
