"""The incidents app's models, by concern: the choices (kinds), incidents with their parties,
attachments and append-only timeline (reports), and measures with the dossier documents
(measures). Writes go through incidents/services.py. Import them from here; migrations name
`incidents.models.attachment_path` and `document_path`."""

from .kinds import (
    DocumentKind,
    EntryKind,
    MeasureKind,
    MeasureStatus,
    PartyKind,
    PartyRole,
    Place,
    Platform,
    Severity,
    Status,
)
from .measures import OBJECTION_WEEKS, DossierDocument, Measure
from .reports import (
    Attachment,
    Category,
    Incident,
    Party,
    TimelineEntry,
    attachment_path,
    document_path,
    timeline_values,
)

__all__ = [
    "OBJECTION_WEEKS", "Attachment", "Category", "DocumentKind", "DossierDocument", "EntryKind", "Incident",
    "Measure", "MeasureKind", "MeasureStatus", "Party", "PartyKind", "PartyRole", "Place", "Platform", "Severity",
    "Status", "TimelineEntry", "attachment_path", "document_path", "timeline_values",
]
