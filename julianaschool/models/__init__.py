"""The core's models, by concern: the school's frame (roles, school years, the year plan, days
without school), its people (staff, board, groups, pupils, enrolments, guardians, koppelcodes),
and the portal's own records (the audit trail, outgoing mail). Import them from here."""

from .people import (
    BoardMember,
    ClassGroup,
    EndedGuardianLink,
    Enrollment,
    GroupTeacher,
    Guardian,
    GuardianLink,
    LinkCode,
    PersonName,
    Pupil,
    StaffMember,
    TeacherRole,
    clamp_to_year,
)
from .records import AuditEntry, MailStatus, OutgoingMail
from .school import (
    DayOff,
    DayOffKind,
    Role,
    SchoolYear,
    YearPlan,
    YearPlanStatus,
    request_finished,
    request_started,
    school_year_changed,
)

__all__ = [
    "AuditEntry", "BoardMember", "ClassGroup", "DayOff", "DayOffKind", "EndedGuardianLink", "Enrollment",
    "GroupTeacher", "Guardian", "GuardianLink", "LinkCode", "MailStatus", "OutgoingMail", "PersonName", "Pupil",
    "Role", "SchoolYear", "StaffMember", "TeacherRole", "YearPlan", "YearPlanStatus", "clamp_to_year",
    "request_finished", "request_started", "school_year_changed",
]
