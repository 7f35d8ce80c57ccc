"""The EDEX import's reading half: `parse` turns a file into data, `plan` compares it with the
portal, `read` does both. Saving a plan is `julianaschool.edex_services`; the upload pages are
`julianaschool.edex_views`."""

from .parse import MAX_BYTES, EdexError, EdexFile, EdexGroup, EdexPupil, EdexTeacher, parse
from .plan import (
    GROUP_KEY,
    GROUP_NEW,
    GROUP_RENAME,
    PUPIL_ABSENT,
    PUPIL_KEY,
    PUPIL_LEAVE,
    PUPIL_MOVE,
    PUPIL_NEW,
    PUPIL_UPDATE,
    TEACHER_ASSIGN,
    TEACHER_KEY,
    TEACHER_NEW,
    TEACHER_UNASSIGN,
    Change,
    EdexPlan,
    plan,
    read,
)

__all__ = [
    "GROUP_KEY", "GROUP_NEW", "GROUP_RENAME", "MAX_BYTES", "PUPIL_ABSENT", "PUPIL_KEY", "PUPIL_LEAVE", "PUPIL_MOVE",
    "PUPIL_NEW", "PUPIL_UPDATE", "TEACHER_ASSIGN", "TEACHER_KEY", "TEACHER_NEW", "TEACHER_UNASSIGN", "Change",
    "EdexError", "EdexFile", "EdexGroup", "EdexPlan", "EdexPupil", "EdexTeacher", "parse", "plan", "read",
]
