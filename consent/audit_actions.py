"""Consent's audit actions: what its services write to the audit trail (`audit.record(action=Action.X)`).

Values are dotted `consent.<noun>.<past participle>`; their sentences live in `audit_labels.py`.
`LEGACY` maps each string that older code stored to the action it means (old rows are never rewritten).
"""

from enum import StrEnum


class Action(StrEnum):
    PURPOSE_CREATED = "consent.purpose.created"
    PURPOSE_CHANGED = "consent.purpose.changed"
    PURPOSE_STOPPED = "consent.purpose.stopped"
    DECISION_RECORDED = "consent.decision.recorded"
    PAPER_DECISION_ENTERED = "consent.paper_decision.entered"
    PHONE_DECISION_ENTERED = "consent.phone_decision.entered"
    STAFF_DECISION_RECORDED = "consent.staff_decision.recorded"
    DECISIONS_ENDED = "consent.decision.ended"
    DECISIONS_RESTORED = "consent.decision.restored"
    REMINDER_SENT = "consent.reminder.sent"
    YEARLY_CHECK_SENT = "consent.yearly_check.sent"
    TOKEN_CREATED = "consent.token.created"
    TOKEN_REVOKED = "consent.token.revoked"
    PUBLICATION_REGISTERED = "consent.publication.registered"
    TAKEDOWNS_CREATED = "consent.takedown.created"
    TAKEDOWN_HANDLED = "consent.takedown.handled"
    TAKEDOWN_REMINDER_SENT = "consent.takedown_reminder.sent"


LEGACY = {
    "doel aangemaakt": Action.PURPOSE_CREATED,
    "doel gewijzigd": Action.PURPOSE_CHANGED,
    "doel gestopt": Action.PURPOSE_STOPPED,
    "toestemming gegeven/gewijzigd": Action.DECISION_RECORDED,
    "toestemming ingevoerd (papier)": Action.PAPER_DECISION_ENTERED,
    "toestemming ingevoerd (telefoon)": Action.PHONE_DECISION_ENTERED,
    "eigen toestemming medewerker": Action.STAFF_DECISION_RECORDED,
    "toestemming beëindigd (uitgeschreven)": Action.DECISIONS_ENDED,
    "toestemming hersteld (uitschrijving teruggedraaid)": Action.DECISIONS_RESTORED,
    "herinnering toestemming verstuurd": Action.REMINDER_SENT,
    "jaarlijkse controle toestemming verstuurd": Action.YEARLY_CHECK_SENT,
    "koppeling aangemaakt": Action.TOKEN_CREATED,
    "koppeling ingetrokken": Action.TOKEN_REVOKED,
    "publicatie geregistreerd": Action.PUBLICATION_REGISTERED,
    "verwijdertaken aangemaakt": Action.TAKEDOWNS_CREATED,
    "verwijdertaak afgehandeld": Action.TAKEDOWN_HANDLED,
    "herinnering verwijdertaken verstuurd": Action.TAKEDOWN_REMINDER_SENT,
}
