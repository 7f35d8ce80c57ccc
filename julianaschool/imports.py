"""Reading the office's CSV of pupils, groups and guardians, and checking every row before saving.

Layout (one row per pupil; the header row names the columns, in any order):

    leerlingnummer;voornaam;achternaam;geboortedatum;groep;
    ouder1_voornaam;ouder1_achternaam;ouder1_email;ouder2_voornaam;ouder2_achternaam;ouder2_email

`;` or `,` separated, UTF-8 or Windows-1252 (as Excel saves it). Dates as 14-03-2016 or 2016-03-14.
The leerlingnummer is the school's own pupil number and makes a second import of the same file
change nothing.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from .models import ClassGroup, SchoolYear

COLUMNS = [
    "leerlingnummer", "voornaam", "achternaam", "geboortedatum", "groep",
    "ouder1_voornaam", "ouder1_achternaam", "ouder1_email",
    "ouder2_voornaam", "ouder2_achternaam", "ouder2_email",
]
REQUIRED = ["leerlingnummer", "voornaam", "achternaam", "geboortedatum", "groep"]
MAX_ROWS = 2000


@dataclass
class GuardianRow:
    first_name: str
    last_name: str
    email: str


@dataclass
class ImportRow:
    line: int
    student_number: str = ""
    first_name: str = ""
    last_name: str = ""
    date_of_birth: datetime.date | None = None
    group_name: str = ""
    group: ClassGroup | None = None
    guardians: list[GuardianRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    problems: list[str]  # problems with the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.ok for row in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(row.problems) for row in self.rows)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it is valid, else Windows-1252 as older Excel writes it."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_date(value: str) -> datetime.date | None:
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read(data: bytes, school_year: SchoolYear | None = None) -> ImportPlan:
    """Parse and check the whole file; nothing is saved here."""
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ImportPlan(rows=[], problems=[
            _("De kopregel mist de kolom(men): %(columns)s.") % {"columns": ", ".join(missing)}])
    reader.fieldnames = header
    school_year = school_year or SchoolYear.objects.current()
    groups = {g.name: g for g in ClassGroup.objects.filter(school_year=school_year)}
    rows: list[ImportRow] = []
    seen_numbers: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    for index, raw in enumerate(reader):
        if index >= MAX_ROWS:
            return ImportPlan(rows=rows, problems=[_("Het bestand heeft meer dan %(max)d regels.") % {"max": MAX_ROWS}])
        line = index + 2  # the header is line 1
        values = {key: (value or "").strip() for key, value in raw.items() if key}
        if not any(values.values()):
            continue
        row = ImportRow(line=line)
        row.student_number = values.get("leerlingnummer", "")
        row.first_name = values.get("voornaam", "")
        row.last_name = values.get("achternaam", "")
        row.group_name = values.get("groep", "").removeprefix("groep ").strip()
        if not row.student_number:
            row.problems.append(_("Leerlingnummer ontbreekt."))
        if not row.first_name:
            row.problems.append(_("Voornaam ontbreekt."))
        if not row.last_name:
            row.problems.append(_("Achternaam ontbreekt."))
        raw_date = values.get("geboortedatum", "")
        row.date_of_birth = parse_date(raw_date)
        if not raw_date:
            row.problems.append(_("Geboortedatum ontbreekt."))
        elif row.date_of_birth is None:
            row.problems.append(_("Geboortedatum '%(value)s' is geen datum (gebruik dd-mm-jjjj).") % {"value": raw_date})
        elif not (datetime.date(1990, 1, 1) < row.date_of_birth < datetime.date.today()):
            row.problems.append(_("Geboortedatum %(value)s kan niet kloppen.") % {"value": raw_date})
        row.group = groups.get(row.group_name)
        if not row.group_name:
            row.problems.append(_("Groep ontbreekt."))
        elif row.group is None:
            row.problems.append(_("Groep '%(value)s' bestaat niet in schooljaar %(year)s.") % {
                "value": row.group_name, "year": school_year})
        if row.student_number:
            if row.student_number in seen_numbers:
                row.problems.append(_("Dubbel: leerlingnummer %(number)s staat ook op regel %(line)d.") % {
                    "number": row.student_number, "line": seen_numbers[row.student_number]})
            else:
                seen_numbers[row.student_number] = line
        person = (row.first_name.lower(), row.last_name.lower(), row.date_of_birth)
        if row.first_name and row.date_of_birth:
            if person in seen_people:
                row.problems.append(_("Dubbel: dezelfde leerling staat ook op regel %(line)d.") % {"line": seen_people[person]})
            else:
                seen_people[person] = line
        for n in (1, 2):
            first = values.get(f"ouder{n}_voornaam", "")
            last = values.get(f"ouder{n}_achternaam", "")
            email = values.get(f"ouder{n}_email", "").lower()
            if not (first or last or email):
                continue
            if not last:
                row.problems.append(_("Achternaam van ouder %(n)d ontbreekt.") % {"n": n})
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    row.problems.append(_("E-mailadres van ouder %(n)d ('%(value)s') is ongeldig.") % {"n": n, "value": email})
            row.guardians.append(GuardianRow(first_name=first, last_name=last, email=email))
        rows.append(row)
    if not rows:
        return ImportPlan(rows=[], problems=[_("Het bestand bevat geen leerlingen.")])
    return ImportPlan(rows=rows, problems=[])
