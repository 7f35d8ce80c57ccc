"""Every write of the consent app, by concern: purposes, the ledger (guardians', the office's and
staff's choices, leavers), reminders and the yearly check, integration tokens.

The ledger only ever grows: nothing here updates a record. Callers use
`consent.services.<function>`; the modules below are where each lives.
"""

from .ledger import (  # noqa: F401
    SCAN_TYPES,
    current_state_lines,
    end_consent_for_leaver,
    record_guardian_choices,
    record_office_entry,
    record_staff_choices,
    refuse_leaver,
    restore_consent_after_undone_leave,
)
from .purposes import create_purpose, retire_purpose, update_purpose  # noqa: F401
from .reminders import (  # noqa: F401
    pupils_without_answer,
    reminder_count,
    send_reminders,
    send_yearly_check,
    yearly_check_count,
)
from .tokens import create_integration_token, revoke_integration_token  # noqa: F401
