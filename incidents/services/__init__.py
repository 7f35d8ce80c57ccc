"""Every write of the incidents app, by concern: reporting (reports, the timeline, status,
categories), measures (the ladders, hearing and decision) and dossiers (letters, correspondence).

There is deliberately no function that changes an incident's description or a timeline entry:
once reported, what was written stands, and additions go on the timeline. Callers use
`incidents.services.<function>`; the modules below are where each lives.
"""

from ._common import (  # noqa: F401
    check_upload,
    directie_users,
)
from .dossiers import (  # noqa: F401
    dossiers_of,
    email_letter,
    file_letter,
    upload_correspondence,
)
from .measures import (  # noqa: F401
    decide_measure,
    decide_staff_measure,
    intend_staff_measure,
    record_acceptance,
    record_response,
)
from .reporting import (  # noqa: F401
    TRANSITIONS,
    add_note,
    change_status,
    report_incident,
    save_category,
    school_age_from,
)
