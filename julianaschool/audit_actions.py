"""The core's audit actions: what the services of the school's people, mail, calendar, imports,
security and retention write to the audit trail (`audit.record(action=Action.X)`).

Values are dotted `julianaschool.<noun>.<past participle>`; their sentences live in
`audit_labels.py`. `LEGACY` maps each string that older code stored to the action it means: the
trail is append-only, so old rows keep their strings and read through this map (`audit.stored_as`).
"""

from enum import StrEnum


class Action(StrEnum):
    MAIL_FAILED = "julianaschool.mail.failed"
    MAIL_PRUNED = "julianaschool.mail.pruned"
    MAIL_RETRIED = "julianaschool.mail.retried"
    DAY_OFF_ADDED = "julianaschool.day_off.added"
    DAY_OFF_REMOVED = "julianaschool.day_off.removed"
    CALENDAR_IMPORTED = "julianaschool.calendar.imported"
    LINK_CODE_SENT = "julianaschool.link_code.sent"
    LINK_CODE_REDEEMED = "julianaschool.link_code.redeemed"
    FILE_IMPORTED = "julianaschool.file.imported"
    SCHOOL_YEAR_CREATED = "julianaschool.school_year.created"
    LOCKOUT_LIFTED = "julianaschool.lockout.lifted"
    TWO_FACTOR_ENABLED = "julianaschool.two_factor.enabled"
    TWO_FACTOR_DISABLED = "julianaschool.two_factor.disabled"
    STAFF_MEMBER_ADDED = "julianaschool.staff_member.added"
    STAFF_MEMBER_CHANGED = "julianaschool.staff_member.changed"
    STAFF_MEMBER_ENDED = "julianaschool.staff_member.ended"
    STAFF_MEMBER_INVITED = "julianaschool.staff_member.invited"
    STAFF_MEMBER_LINKED = "julianaschool.staff_member.linked"
    INVITATION_ACCEPTED = "julianaschool.invitation.accepted"
    BOARD_MEMBER_ADDED = "julianaschool.board_member.added"
    BOARD_MEMBER_CHANGED = "julianaschool.board_member.changed"
    BOARD_MEMBER_ENDED = "julianaschool.board_member.ended"
    GROUP_CREATED = "julianaschool.group.created"
    GROUP_CHANGED = "julianaschool.group.changed"
    GROUP_RENAMED = "julianaschool.group.renamed"
    GROUP_ENDED = "julianaschool.group.ended"
    TEACHER_ASSIGNED = "julianaschool.teacher.assigned"
    TEACHER_ROLE_CHANGED = "julianaschool.teacher_role.changed"
    TEACHER_UNASSIGNED = "julianaschool.teacher.unassigned"
    PUPIL_REGISTERED = "julianaschool.pupil.registered"
    PUPIL_CHANGED = "julianaschool.pupil.changed"
    PUPIL_LINKED = "julianaschool.pupil.linked"
    PUPIL_PLACED = "julianaschool.pupil.placed"
    PUPIL_MOVED = "julianaschool.pupil.moved"
    PUPIL_DEREGISTERED = "julianaschool.pupil.deregistered"
    PUPIL_REINSTATED = "julianaschool.pupil.reinstated"
    GUARDIAN_ADDED = "julianaschool.guardian.added"
    GUARDIAN_CHANGED = "julianaschool.guardian.changed"
    GUARDIAN_LINKED = "julianaschool.guardian.linked"
    GUARDIAN_UNLINKED = "julianaschool.guardian.unlinked"
    GUARDIANS_INVITED = "julianaschool.guardian_invitations.sent"
    YEAR_PLAN_PROPOSED = "julianaschool.year_plan.proposed"
    YEAR_PLAN_EDITED = "julianaschool.year_plan.edited"
    YEAR_PLAN_REOPENED = "julianaschool.year_plan.reopened"
    YEAR_PLAN_SAVED = "julianaschool.year_plan.saved"
    YEAR_PLAN_RESAVED = "julianaschool.year_plan.resaved"
    YEAR_PLAN_STARTED = "julianaschool.year_plan.started"
    PUPIL_PURGED = "julianaschool.pupil.purged"
    STAFF_MEMBER_PURGED = "julianaschool.staff_member.purged"
    GUARDIAN_ANONYMISED = "julianaschool.guardian.anonymised"


def _with_sources(old: str) -> list[str]:
    # The CSV import and the EDEX import stored their actions with where they came from appended.
    return [old, f"{old} (import)", f"{old} (uit EDEX)"]


LEGACY = {
    "mail.delivery.failed": Action.MAIL_FAILED,
    "mail.pruned": Action.MAIL_PRUNED,
    "mail.retried": Action.MAIL_RETRIED,
    "calendar.day_off.added": Action.DAY_OFF_ADDED,
    "calendar.day_off.removed": Action.DAY_OFF_REMOVED,
    "calendar.imported": Action.CALENDAR_IMPORTED,
    "koppelcode verstuurd": Action.LINK_CODE_SENT,
    "koppelcode gebruikt": Action.LINK_CODE_REDEEMED,
    "schooljaar aangemaakt": Action.SCHOOL_YEAR_CREATED,
    "blokkade opgeheven": Action.LOCKOUT_LIFTED,
    "tweestapsverificatie ingesteld": Action.TWO_FACTOR_ENABLED,
    "tweestapsverificatie uitgezet": Action.TWO_FACTOR_DISABLED,
    "uitschrijving teruggedraaid": Action.PUPIL_REINSTATED,
    "leerling geplaatst": Action.PUPIL_PLACED,
    "bewaartermijn: leerling opgeschoond": Action.PUPIL_PURGED,
    "bewaartermijn: medewerker opgeschoond": Action.STAFF_MEMBER_PURGED,
    "bewaartermijn: ouder/verzorger geanonimiseerd": Action.GUARDIAN_ANONYMISED,
    "people.staff.added": Action.STAFF_MEMBER_ADDED,
    "people.staff.changed": Action.STAFF_MEMBER_CHANGED,
    "people.staff.ended": Action.STAFF_MEMBER_ENDED,
    "people.staff.invited": Action.STAFF_MEMBER_INVITED,
    "people.staff.password_set": Action.INVITATION_ACCEPTED,
    "people.board.added": Action.BOARD_MEMBER_ADDED,
    "people.board.changed": Action.BOARD_MEMBER_CHANGED,
    "people.board.ended": Action.BOARD_MEMBER_ENDED,
    "people.group.created": Action.GROUP_CREATED,
    "people.group.changed": Action.GROUP_CHANGED,
    "people.group.ended": Action.GROUP_ENDED,
    "people.group.teacher_assigned": Action.TEACHER_ASSIGNED,
    "people.group.teacher_role_changed": Action.TEACHER_ROLE_CHANGED,
    "people.group.teacher_unassigned": Action.TEACHER_UNASSIGNED,
    "people.pupil.registered": Action.PUPIL_REGISTERED,
    "people.pupil.changed": Action.PUPIL_CHANGED,
    "people.pupil.moved": Action.PUPIL_MOVED,
    "people.guardian.added": Action.GUARDIAN_ADDED,
    "people.guardian.linked": Action.GUARDIAN_LINKED,
    "people.guardian.removed": Action.GUARDIAN_UNLINKED,
    "people.guardian.changed": Action.GUARDIAN_CHANGED,
    "people.guardian.invited_in_bulk": Action.GUARDIANS_INVITED,
    "people.year_plan.proposed": Action.YEAR_PLAN_PROPOSED,
    "people.year_plan.edited": Action.YEAR_PLAN_EDITED,
    "people.year_plan.reopened": Action.YEAR_PLAN_REOPENED,
    "people.year_plan.saved": Action.YEAR_PLAN_SAVED,
    "people.year_plan.saved_again": Action.YEAR_PLAN_RESAVED,
    "people.year_plan.started": Action.YEAR_PLAN_STARTED,
    **{old: action for base, action in (
        ("import", Action.FILE_IMPORTED),
        ("leerling aangemaakt", Action.PUPIL_REGISTERED),
        ("leerling gewijzigd", Action.PUPIL_CHANGED),
        ("leerling gekoppeld", Action.PUPIL_LINKED),
        ("leerling verplaatst", Action.PUPIL_MOVED),
        ("leerling uitgeschreven", Action.PUPIL_DEREGISTERED),
        ("ouder aangemaakt", Action.GUARDIAN_ADDED),
        ("ouder gekoppeld", Action.GUARDIAN_LINKED),
        ("groep aangemaakt", Action.GROUP_CREATED),
        ("groep hernoemd", Action.GROUP_RENAMED),
        ("medewerker aangemaakt", Action.STAFF_MEMBER_ADDED),
        ("medewerker gekoppeld", Action.STAFF_MEMBER_LINKED),
        ("leerkracht aan groep toegevoegd", Action.TEACHER_ASSIGNED),
        ("leerkracht uit groep gehaald", Action.TEACHER_UNASSIGNED),
    ) for old in _with_sources(base)},
}
