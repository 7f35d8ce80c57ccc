"""Demo data: the Julianaschool for the current school year, with the demo accounts of the README.

Idempotent: people are found by their natural keys (usernames, pupil numbers), so a second run
changes nothing. Refuses to run when DEBUG is off, so it never touches a production database.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from julianaschool import services
from julianaschool.demo import DemoSchool, seed_calendar
from julianaschool.models import (
    BoardMember,
    ClassGroup,
    Enrollment,
    GroupTeacher,
    Guardian,
    GuardianLink,
    Pupil,
    Role,
    SchoolYear,
    StaffMember,
    TeacherRole,
)
from julianaschool.names import split_tussenvoegsel

User = get_user_model()
DEMO_PASSWORD = "julianaschool"
GROUPS = ["1/2", "3", "4", "5", "6", "7", "8"]
PUPILS_PER_GROUP = 28

FIRST_NAMES = [
    "Emma", "Julia", "Mila", "Tess", "Sophie", "Zoë", "Sara", "Nora", "Yara", "Evi", "Saar", "Lotte",
    "Noor", "Fenna", "Liv", "Anna", "Lieke", "Fleur", "Roos", "Isa", "Femke", "Sanne", "Amira", "Esmee",
    "Noah", "Sem", "Liam", "Lucas", "Daan", "Finn", "Levi", "Luuk", "Mees", "Milan", "Bram", "Jesse",
    "Thijs", "Sven", "Ruben", "Max", "Gijs", "Thomas", "Adam", "Mohammed", "Julian", "Stijn", "Teun", "Hugo",
]
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin",
    "van der Heijden", "Schouten", "van Beek", "Willems", "van Wijk", "Hoekstra", "Maas", "Verhoeven",
    "Koster", "van Dam", "Prins", "Kuipers", "Postma", "Yilmaz", "El Amrani", "Nguyen", "Kaya",
]
PARENT_FIRST_NAMES = [
    "Marieke", "Linda", "Sandra", "Esther", "Ilse", "Kim", "Naima", "Fatma", "Judith", "Eline", "Mirjam",
    "Mark", "Dennis", "Jeroen", "Bas", "Martijn", "Rik", "Youssef", "Erik", "Sander", "Tim", "Koen",
]

STAFF = [
    # username, first, last, function, roles, group taught
    ("directie", "Anja", "Hermans", "directeur", [Role.MANAGEMENT], None),
    ("leerkracht", "Jeroen", "Smits", "leerkracht groep 5", [Role.TEACHER], "5"),
    ("administratie", "Petra", "van Gils", "administratief medewerker", [Role.OFFICE], None),
    ("medewerker", "Karin", "Arts", "intern begeleider", [], None),
    ("lk-groep12", "Monique", "Peeters", "leerkracht groep 1/2", [Role.TEACHER], "1/2"),
    ("lk-groep3", "Ellen", "Martens", "leerkracht groep 3", [Role.TEACHER], "3"),
    ("lk-groep4", "Wendy", "Claassen", "leerkracht groep 4", [Role.TEACHER], "4"),
    # Groep 4 has duo teachers (Wendy on Monday to Wednesday, Sandra on Thursday and Friday).
    ("lk-groep4-duo", "Sandra", "Hendriks", "leerkracht groep 4 (duo)", [Role.TEACHER], "4"),
    ("lk-groep6", "Hans", "Wouters", "leerkracht groep 6", [Role.TEACHER], "6"),
    ("lk-groep7", "Inge", "Gerritsen", "leerkracht groep 7", [Role.TEACHER], "7"),
    ("lk-groep8", "Roel", "Derksen", "leerkracht groep 8", [Role.TEACHER], "8"),
]
BOARD = [
    ("bestuur", "Margreet", "Lommerts", True),
    ("bestuur-lid", "Frank", "Verbeek", False),
]


def _user(username: str, first: str, last: str, email: str, roles, usable: bool = True):
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, "email": email}
    )
    if created:
        if usable:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    for role in roles:
        services.grant_role(user=user, role=role)
    return user


class Command(BaseCommand):
    help = "Create the demo Julianaschool (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo fills the database with invented people; it only runs with DEBUG=true.")
        school = self.seed_people()
        for path in settings.PORTAL_DASHBOARD_PROVIDERS:
            app = path.split(".")[0]
            if app == "julianaschool":
                continue
            try:
                seed = import_string(f"{app}.demo.seed")
            except ImportError:
                continue
            with transaction.atomic():
                seed(school=school)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Demo accounts (password: julianaschool):"))
        for username, description in [
            ("directie", "directie (management)"),
            ("bestuur", "bestuur, voorzitter Margreet Lommerts"),
            ("leerkracht", "leerkracht of groep 5"),
            ("administratie", "administratie (office)"),
            ("ouder", "ouder with children in groep 5 and groep 7"),
            ("medewerker", "medewerker (staff member)"),
        ]:
            self.stdout.write(f"  {username:<14} {description}")

    @transaction.atomic
    def seed_people(self) -> DemoSchool:
        rng = random.Random(2026)
        today = timezone.localdate()
        name = SchoolYear.for_date(today)
        start = int(name[:4])
        school_year, _ = SchoolYear.objects.get_or_create(
            name=name, defaults={"starts_on": datetime.date(start, 8, 1), "ends_on": datetime.date(start + 1, 7, 31)}
        )
        seed_calendar(school_year)
        groups = {g: ClassGroup.objects.get_or_create(school_year=school_year, name=g)[0] for g in GROUPS}
        users = {}
        for username, first, last, function, roles, group in STAFF:
            email = f"{first.lower()}.{last.lower().replace(' ', '')}@julianaschool.be"
            user = _user(username, first, last, email, [Role.STAFF, *roles], usable=username in (
                "directie", "leerkracht", "administratie", "medewerker"))
            tussenvoegsel, last_name = split_tussenvoegsel(last)
            staff, _ = StaffMember.objects.get_or_create(
                user=user, defaults={"first_name": first, "tussenvoegsel": tussenvoegsel, "last_name": last_name,
                                     "email": email, "function": function}
            )
            if group:
                GroupTeacher.objects.get_or_create(group=groups[group], teacher=staff,
                                                   defaults={"role": TeacherRole.GROUP_TEACHER})
            users[username] = user
        for username, first, last, chair in BOARD:
            user = _user(username, first, last, f"{username}@sintjosephscholen.nl", [Role.BOARD])
            BoardMember.objects.get_or_create(user=user, defaults={"first_name": first, "last_name": last, "is_chair": chair})
            users[username] = user

        pupils = []
        number = 0
        for group_name in GROUPS:
            grade = int(group_name.split("/")[-1])
            for _i in range(PUPILS_PER_GROUP):
                number += 1
                age = 4 + grade  # a pupil in groep N is about N+4 years old on 1 October
                born = datetime.date(start - age, 10, 1) - datetime.timedelta(days=rng.randint(0, 364))
                tussenvoegsel, last_name = split_tussenvoegsel(rng.choice(LAST_NAMES))
                pupil, _ = Pupil.objects.get_or_create(
                    student_number=f"DEMO-{number:04d}",
                    defaults={"first_name": rng.choice(FIRST_NAMES), "tussenvoegsel": tussenvoegsel,
                              "last_name": last_name, "date_of_birth": born},
                )
                if not pupil.enrollments.filter(school_year=school_year).exists():
                    Enrollment.objects.create(pupil=pupil, school_year=school_year, group=groups[group_name])
                pupils.append(pupil)

        # Families: most pupils have two guardians, some one; every seventh family has a second
        # child in another group (siblings share the guardians and the surname).
        for index, pupil in enumerate(pupils):
            if pupil.guardian_links.exists():
                continue
            count = 1 if index % 5 == 0 else 2
            family = []
            for g in range(count):
                first = rng.choice(PARENT_FIRST_NAMES)
                email = f"{first.lower()}.{pupil.last_name.lower().replace(' ', '')}.{index}{g}@example.nl"
                family.append(Guardian.objects.create(first_name=first, tussenvoegsel=pupil.tussenvoegsel,
                                                      last_name=pupil.last_name, email=email))
            siblings = [pupil]
            if index % 7 == 3 and index + 40 < len(pupils):
                sibling = pupils[index + 40]
                if not sibling.guardian_links.exists():
                    sibling.tussenvoegsel, sibling.last_name = pupil.tussenvoegsel, pupil.last_name
                    sibling.save(update_fields=["tussenvoegsel", "last_name"])
                    siblings.append(sibling)
            for guardian in family:
                for child in siblings:
                    GuardianLink.objects.get_or_create(guardian=guardian, pupil=child)

        # The demo parent: a guardian with a child in groep 5 and one in groep 7.
        ouder = _user("ouder", "Marieke", "Janssen", "marieke.janssen@example.nl", [Role.GUARDIAN])
        guardian = Guardian.objects.filter(user=ouder).first()
        if guardian is None:
            guardian = Guardian.objects.create(user=ouder, first_name="Marieke", last_name="Janssen",
                                               email="marieke.janssen@example.nl", phone="06-12345678")
            for group_name, first in (("5", "Sanne"), ("7", "Daan")):
                child = Pupil.objects.create(first_name=first, last_name="Janssen",
                                             date_of_birth=datetime.date(start - 4 - int(group_name), 5, 14),
                                             student_number=f"DEMO-OUDER-{group_name}")
                Enrollment.objects.create(pupil=child, group=groups[group_name], school_year=school_year)
                GuardianLink.objects.create(guardian=guardian, pupil=child)
                # A second guardian without an account yet: the office can invite them.
                partner = Guardian.objects.filter(last_name="Janssen", first_name="Mark", email="mark.janssen@example.nl").first()
                if partner is None:
                    partner = Guardian.objects.create(first_name="Mark", last_name="Janssen", email="mark.janssen@example.nl")
                GuardianLink.objects.get_or_create(guardian=partner, pupil=child)
        users["ouder"] = ouder
        return DemoSchool(school_year=school_year, groups=groups, users=users,
                          pupils=list(Pupil.objects.in_school_year(school_year)))
