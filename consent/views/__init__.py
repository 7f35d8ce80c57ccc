"""Pages of the consent app, by concern: answering (the forms of parents and staff, receipts),
a pupil's records (ledger, AVG export, the office's paper entry), who may be shown where (class
sheets, directie's overview) and directie's settings (purposes, integration tokens).

Every object goes through a helper of consent.access (404 to outsiders); every write through
consent.services, whose refusals the view shows with `show_refusal`. consent/urls.py names
`views.<function>`; the modules below are where each lives.
"""

from .answering import child_form, index, receipt, receipt_pdf, staff_form  # noqa: F401
from .purposes import purpose_create, purpose_edit, purpose_retire, purposes, token_revoke, tokens  # noqa: F401
from .records import disagreements, office_entry, pupil_export, pupil_export_pdf, pupil_ledger, scan  # noqa: F401
from .sheets import class_sheet, class_sheet_csv, class_sheet_pdf, groups, not_allowed, overview, remind  # noqa: F401
