"""The protocol's audit actions: what its services write to the audit trail (`audit.record(action=Action.X)`).

Values are dotted `policy.<noun>.<past participle>`; their sentences live in `audit_labels.py`.
`LEGACY` maps each string that older code stored to the action it means (old rows are never rewritten).
"""

from enum import StrEnum


class Action(StrEnum):
    DRAFT_STARTED = "policy.draft.started"
    DETAILS_CHANGED = "policy.details.changed"
    SECTION_ADDED = "policy.section.added"
    SECTION_CHANGED = "policy.section.changed"
    SECTION_DELETED = "policy.section.deleted"
    SECTION_MOVED = "policy.section.moved"
    DRAFT_DISCARDED = "policy.draft.discarded"
    VERSION_ADOPTED = "policy.version.adopted"
    VERSION_RETURNED = "policy.version.returned"
    VERSION_APPROVED = "policy.version.approved"
    VERSION_SUPERSEDED = "policy.version.superseded"
    VERSION_PUBLISHED = "policy.version.published"
    MR_DECISION_RECORDED = "policy.mr_decision.recorded"
    PARENTS_INFORMED = "policy.parents.informed"
    REVIEW_RECORDED = "policy.review.recorded"
    REVIEW_CONFIRMED = "policy.review.confirmed"
    REVIEW_REMINDER_SENT = "policy.review_reminder.sent"
    VERSION_ACKNOWLEDGED = "policy.version.acknowledged"
    ACKNOWLEDGEMENT_REMINDER_SENT = "policy.acknowledgement_reminder.sent"
    PDF_SIGNED = "policy.pdf.signed"
    PDF_EXPORTED = "policy.pdf.exported"


LEGACY = {
    "policy.start_draft": Action.DRAFT_STARTED,
    "policy.update_details": Action.DETAILS_CHANGED,
    "policy.add_section": Action.SECTION_ADDED,
    "policy.update_section": Action.SECTION_CHANGED,
    "policy.delete_section": Action.SECTION_DELETED,
    "policy.move_section": Action.SECTION_MOVED,
    "policy.discard_draft": Action.DRAFT_DISCARDED,
    "policy.adopt": Action.VERSION_ADOPTED,
    "policy.return_to_concept": Action.VERSION_RETURNED,
    "policy.approve": Action.VERSION_APPROVED,
    "policy.supersede": Action.VERSION_SUPERSEDED,
    "policy.publish": Action.VERSION_PUBLISHED,
    "policy.mr_decision": Action.MR_DECISION_RECORDED,
    "policy.parents_informed": Action.PARENTS_INFORMED,
    "policy.record_review": Action.REVIEW_RECORDED,
    "policy.confirm_review": Action.REVIEW_CONFIRMED,
    "policy.review_reminder": Action.REVIEW_REMINDER_SENT,
    "policy.acknowledge": Action.VERSION_ACKNOWLEDGED,
    "policy.acknowledgement_reminder": Action.ACKNOWLEDGEMENT_REMINDER_SENT,
    "policy.pdf_signed": Action.PDF_SIGNED,
    "policy.pdf_exported": Action.PDF_EXPORTED,
}
