"""The incidents' audit actions: what their services write to the audit trail (`audit.record(action=Action.X)`).

Values are dotted `incidents.<noun>.<past participle>`; their sentences live in `audit_labels.py`.
`LEGACY` maps each string that older code stored to the action it means (old rows are never rewritten).
"""

from enum import StrEnum


class Action(StrEnum):
    INCIDENT_REPORTED = "incidents.incident.reported"
    NOTE_ADDED = "incidents.note.added"
    STATUS_CHANGED = "incidents.status.changed"
    MEASURE_PROPOSED = "incidents.measure.proposed"
    STATEMENT_RECORDED = "incidents.statement.recorded"
    MEASURE_DECIDED = "incidents.measure.decided"
    LETTER_WRITTEN = "incidents.letter.written"
    LETTER_MAILED = "incidents.letter.mailed"
    EXPULSION_FINALISED = "incidents.expulsion.finalised"
    DOCUMENT_ADDED = "incidents.document.added"
    CATEGORY_SAVED = "incidents.category.saved"
    INCIDENT_PURGED = "incidents.incident.purged"


LEGACY = {
    "incident gemeld": Action.INCIDENT_REPORTED,
    "notitie bij incident": Action.NOTE_ADDED,
    "status incident": Action.STATUS_CHANGED,
    "maatregel voorgenomen": Action.MEASURE_PROPOSED,
    "zienswijze vastgelegd": Action.STATEMENT_RECORDED,
    "maatregel besloten": Action.MEASURE_DECIDED,
    "brief opgesteld": Action.LETTER_WRITTEN,
    "brief gemaild": Action.LETTER_MAILED,
    "verwijdering definitief": Action.EXPULSION_FINALISED,
    "dossierstuk toegevoegd": Action.DOCUMENT_ADDED,
    "categorie opgeslagen": Action.CATEGORY_SAVED,
    "bewaartermijn: incident verwijderd": Action.INCIDENT_PURGED,
}
