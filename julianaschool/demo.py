"""What `manage.py seed_demo` hands to each app's `demo.seed(school=...)`."""

from dataclasses import dataclass, field

from .models import ClassGroup, Pupil, SchoolYear


@dataclass
class DemoSchool:
    school_year: SchoolYear
    groups: dict[str, ClassGroup]  # by name: "1", "2", "3", "4/5", "5", ... "8"
    users: dict  # demo accounts by username: directie, bestuur, leerkracht, administratie, ouder, medewerker
    pupils: list[Pupil] = field(default_factory=list)
