"""Reading the office's CSV of pupils, groups and guardians, and checking every row before saving.

Layout (one row per pupil; the header row names the columns, in any order):

    leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;groep;
    ouder1_voornaam;ouder1_achternaam;ouder1_email;ouder2_voornaam;ouder2_achternaam;ouder2_email

The column names of the administration systems' exports are understood as well, whatever their
case: Roepnaam, Voorvoegsel, Achternaam, Geboortedatum, Groep, Leerlingnummer, "Naam ouder 1",
"E-mail ouder/verzorger 2", Telefoon, ... (see `canonical_column`). A column the portal does not
recognise is reported; the office maps it to a field or leaves it out (`mapping`).

`;` or `,` separated, UTF-8 or Windows-1252 (as Excel saves it), any line endings (CR-only as Excel
for Mac writes them). Dates as 14-03-2016 or 2016-03-14. Groups as "5", "groep 5" or "Groep 5".
The leerlingnummer is the school's own pupil number and makes a second import of the same file
change nothing.

A file with a leerlingnummer and guardian columns only (no pupil names) is a guardians-only file:
it adds families to pupils that are already in the portal (from EDEX, matched on their key).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from . import names
from .import_columns import (
    COLUMN_LABELS,
    GUARDIANS,
    MAX_FIELD,
    MAX_ROWS,
    NOT_STORED,
    REQUIRED,
    canonical_column,
    column_limits,
)
from .models import ClassGroup, Guardian, Pupil, SchoolYear

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# A "?" between letters, or the Unicode replacement character: a letter lost in a wrong encoding.
_LOST_LETTER = re.compile(r"(?<=\w)\?|\?(?=\w)|\ufffd")


@dataclass
class GuardianRow:
    first_name: str
    last_name: str  # the achternaam with its tussenvoegsel, as written ("de Vries")
    email: str
    phone: str = ""
    # Set by the preview: an existing account (a guardian with a user) this row would newly link to the
    # pupil through its e-mail address. Such a link is saved only when the office ticks it.
    existing_account: Guardian | None = None

    @property
    def name(self) -> str:
        return names.display_name(self.first_name, "", self.last_name)


@dataclass
class ImportRow:
    line: int
    student_number: str = ""
    first_name: str = ""
    tussenvoegsel: str = ""
    last_name: str = ""
    date_of_birth: datetime.date | None = None
    group_name: str = ""
    group: ClassGroup | None = None
    pupil: Pupil | None = None  # guardians-only files: the pupil the row belongs to
    guardians: list[GuardianRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def name(self) -> str:
        if self.pupil is not None:
            return self.pupil.full_name
        return names.display_name(self.first_name, self.tussenvoegsel, self.last_name)

    def link_key(self, guardian: GuardianRow) -> str:
        """How the confirmation checkbox names the link of `guardian` to this row's pupil."""
        return f"{self.line}:{guardian.email}"


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    problems: list[str]  # problems with the file as a whole
    warnings: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    guardians_only: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and all(row.ok for row in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.problems) + sum(len(row.problems) for row in self.rows)

    @property
    def account_links(self) -> list[tuple[ImportRow, GuardianRow]]:
        """The links to existing accounts that wait for the office's confirmation."""
        return [(row, g) for row in self.rows for g in row.guardians if g.existing_account is not None]


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


def group_name(value: str) -> str:
    """"Groep 5", "groep 5", "gr. 5" and "5" all name group 5."""
    text = value.strip()
    return re.sub(r"^(groep|gr\.?)\s*", "", text, flags=re.IGNORECASE).strip()


def _lines(text: str) -> str:
    """One kind of line ending. A file with CR-only endings (Excel for Mac) has its CRs made line
    ends; in a file with LF or CRLF endings a lone CR is a character inside a field, kept as a
    vertical tab so that the row check names it (csv itself would stop on it: a 500 before)."""
    if "\n" not in text:
        return text.replace("\r", "\n")
    return re.sub(r"\r(?!\n)", "\x0b", text).replace("\r\n", "\n")


def _records(text: str, delimiter: str):
    """(line number, fields) per record, or raises ValidationError naming the line csv stopped at."""
    reader = csv.reader(io.StringIO(text, newline="\n"), delimiter=delimiter, strict=False)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num
            if "field larger than field limit" in str(error):
                raise ValidationError(_("Regel %(line)d bevat een veld van meer dan %(max)s tekens; zo lang is geen "
                                        "naam of nummer. Controleer het bestand (staat er een aanhalingsteken te veel?).")
                                      % {"line": line, "max": f"{csv.field_size_limit():,}".replace(",", ".")}) from error
            raise ValidationError(_("Regel %(line)d kan niet gelezen worden: er klopt iets niet met de aanhalingstekens "
                                    "of regeleinden.") % {"line": line}) from error
        yield reader.line_num, fields


def read(data: bytes, school_year: SchoolYear | None = None, mapping: dict[str, str] | None = None) -> ImportPlan:
    """Parse and check the whole file; nothing is saved here.

    `mapping` gives, for a header the portal does not recognise, the column it stands for (or
    IGNORE). Every problem is a message in Dutch on the row or the file; this never raises.
    """
    text = _lines(decode(data))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    try:
        records = list(_records(text, delimiter))
    except ValidationError as error:
        return ImportPlan(rows=[], problems=list(error.messages))
    if not records:
        return ImportPlan(rows=[], problems=[_("Het bestand is leeg.")])
    _line, headers = records[0]
    mapping = mapping or {}
    columns: list[str | None] = []
    unknown: list[str] = []
    for header in headers:
        column = canonical_column(header)
        if column is None and header.strip() in mapping:
            column = mapping[header.strip()] or None
        elif column is None and header.strip():
            unknown.append(header.strip())
        columns.append(column)
    present = {c for c in columns if c}
    doubled = sorted({c for c in present if columns.count(c) > 1})
    if doubled:
        return ImportPlan(rows=[], problems=[_("Deze kolom(men) staan meer dan eens in de kopregel: %(columns)s.")
                                             % {"columns": ", ".join(doubled)}], unknown_columns=unknown)
    guardians_only = "leerlingnummer" in present and not present & {"voornaam", "achternaam", "geboortedatum", "groep"} \
        and any(c.startswith("ouder") for c in present)
    missing = [] if guardians_only else [c for c in REQUIRED if c not in present]
    if missing:
        return ImportPlan(rows=[], unknown_columns=unknown, problems=[
            _("De kopregel mist de kolom(men): %(columns)s.") % {"columns": ", ".join(missing)}])
    warnings = []
    if unknown:
        warnings.append(_("Deze kolom(men) kent het portaal niet en worden niet gebruikt: %(columns)s. Koppel ze "
                          "hieronder aan een veld als ze wel iets betekenen.") % {"columns": ", ".join(unknown)})
    if present & NOT_STORED:
        warnings.append(_("Het adres wordt niet bewaard: het portaal heeft het niet nodig."))
    if len(records) - 1 > MAX_ROWS:
        return ImportPlan(rows=[], problems=[_("Het bestand heeft meer dan %(max)d regels.") % {"max": MAX_ROWS}])
    school_year = school_year or SchoolYear.objects.current()
    rows = [_row(line, dict(zip(columns, fields, strict=False)), len(fields) > len(columns))
            for line, fields in records[1:] if any(f.strip() for f in fields)]
    if not rows:
        return ImportPlan(rows=[], problems=[_("Het bestand bevat geen leerlingen.")], warnings=warnings)
    plan = ImportPlan(rows=rows, problems=[], warnings=warnings, unknown_columns=unknown, guardians_only=guardians_only)
    _check_against_the_school(plan, school_year)
    return plan


def _row(line: int, raw: dict, too_many: bool) -> ImportRow:
    """One row checked on its own: required values, lengths, characters, dates, e-mail addresses."""
    values = {key: (value or "").strip() for key, value in raw.items() if key and key not in NOT_STORED}
    row = ImportRow(line=line)
    limits = column_limits()
    if too_many:
        row.problems.append(_("Deze regel heeft meer velden dan de kopregel kolommen (een %(sep)s te veel?).")
                            % {"sep": ";"})
    for column, value in values.items():
        if len(value) > MAX_FIELD or (column in limits and len(value) > limits[column]):
            row.problems.append(_("%(column)s is te lang: %(length)d tekens, hooguit %(max)d.") % {
                "column": COLUMN_LABELS.get(column, column), "length": len(value),
                "max": min(limits.get(column, MAX_FIELD), MAX_FIELD)})
            values[column] = ""
        elif _CONTROL.search(value):
            row.problems.append(_("%(column)s bevat een regeleinde of ander onzichtbaar teken.") % {
                "column": COLUMN_LABELS.get(column, column)})
        elif column != "geboortedatum" and _LOST_LETTER.search(value):
            row.warnings.append(_("%(column)s '%(value)s' bevat een '?' waar waarschijnlijk een letter stond: is het "
                                  "bestand in een andere tekenset opgeslagen? Sla het op als CSV UTF-8.")
                                % {"column": COLUMN_LABELS.get(column, column), "value": value})
    row.student_number = values.get("leerlingnummer", "")
    row.first_name = values.get("voornaam", "")
    row.tussenvoegsel = values.get("tussenvoegsel", "")
    row.last_name = values.get("achternaam", "")
    if not row.tussenvoegsel:
        row.tussenvoegsel, row.last_name = names.split_tussenvoegsel(row.last_name)
    if len(row.tussenvoegsel) > limits["tussenvoegsel"]:
        row.problems.append(_("Tussenvoegsel is te lang: %(length)d tekens, hooguit %(max)d.") % {
            "length": len(row.tussenvoegsel), "max": limits["tussenvoegsel"]})
    row.group_name = group_name(values.get("groep", ""))
    if not row.student_number:
        row.problems.append(_("Leerlingnummer ontbreekt."))
    if "voornaam" in raw or "achternaam" in raw:  # not a guardians-only file
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
        if not row.group_name:
            row.problems.append(_("Groep ontbreekt."))
    for n in GUARDIANS:
        first = values.get(f"ouder{n}_voornaam", "")
        prefix = values.get(f"ouder{n}_tussenvoegsel", "")
        last = " ".join(part for part in (prefix, values.get(f"ouder{n}_achternaam", "")) if part)
        full = values.get(f"ouder{n}_naam", "")
        if full and not (first or last):
            # "Marieke de Vries": the first word is the roepnaam, the rest the achternaam.
            first, _space, last = full.partition(" ")
        email = values.get(f"ouder{n}_email", "").lower()
        phone = values.get(f"ouder{n}_telefoon", "")
        if not (first or last or email or phone):
            continue
        if not last:
            row.problems.append(_("Achternaam van ouder %(n)d ontbreekt.") % {"n": n})
        if email:
            try:
                validate_email(email)
            except ValidationError:
                row.problems.append(_("E-mailadres van ouder %(n)d ('%(value)s') is ongeldig.") % {"n": n, "value": email})
        row.guardians.append(GuardianRow(first_name=first, last_name=last, email=email, phone=phone))
    emails = [g.email for g in row.guardians if g.email]
    if len(emails) != len(set(emails)):
        row.warnings.append(_("Beide ouders hebben hetzelfde e-mailadres (%(email)s): zij worden één ouder in het "
                              "portaal. Geef elke ouder een eigen adres.") % {"email": emails[0]})
    return row


def _check_against_the_school(plan: ImportPlan, school_year: SchoolYear | None) -> None:
    """Groups, duplicates, pupils of a guardians-only file, and links to existing accounts: a few
    queries for the whole file, not a few per row."""
    groups = {g.name.lower(): g for g in ClassGroup.objects.filter(school_year=school_year)} if school_year else {}
    numbers = [row.student_number for row in plan.rows if row.student_number]
    pupils = {}
    for pupil in Pupil.objects.filter(Q(student_number__in=numbers) | Q(external_key__in=numbers)):
        for key in (pupil.student_number, pupil.external_key):
            if key:
                pupils[key] = pupil
    emails = {g.email for row in plan.rows for g in row.guardians if g.email}
    accounts: dict[str, Guardian] = {}
    for guardian in Guardian.objects.filter(email__in=emails, user__isnull=False).prefetch_related("pupils"):
        accounts.setdefault(guardian.email.lower(), guardian)
    seen_numbers: dict[str, int] = {}
    seen_people: dict[tuple, int] = {}
    email_names: dict[str, tuple[str, int]] = {}
    for row in plan.rows:
        if plan.guardians_only:
            row.pupil = pupils.get(row.student_number)
            if row.student_number and row.pupil is None:
                row.problems.append(_("Er is geen leerling met leerlingnummer of sleutel %(number)s.")
                                    % {"number": row.student_number})
            if not row.guardians:
                row.problems.append(_("Op deze regel staat geen ouder."))
        else:
            row.group = groups.get(row.group_name.lower())
            if row.group_name and row.group is None:
                row.problems.append(_("Groep '%(value)s' bestaat niet in schooljaar %(year)s.") % {
                    "value": row.group_name, "year": school_year})
            row.pupil = pupils.get(row.student_number)
        if row.student_number:
            if row.student_number in seen_numbers and not plan.guardians_only:
                row.problems.append(_("Dubbel: leerlingnummer %(number)s staat ook op regel %(line)d.") % {
                    "number": row.student_number, "line": seen_numbers[row.student_number]})
            else:
                seen_numbers.setdefault(row.student_number, row.line)
        person = (row.first_name.lower(), row.last_name.lower(), row.date_of_birth)
        if row.first_name and row.date_of_birth:
            if person in seen_people:
                row.problems.append(_("Dubbel: dezelfde leerling staat ook op regel %(line)d.") % {"line": seen_people[person]})
            else:
                seen_people[person] = row.line
        for guardian in row.guardians:
            if not guardian.email:
                continue
            name = names.fold(guardian.name)
            earlier = email_names.setdefault(guardian.email, (name, row.line))
            if earlier[0] != name:
                row.warnings.append(_("%(email)s is ook het e-mailadres van een andere ouder (regel %(line)d): zij "
                                      "worden één ouder in het portaal.") % {"email": guardian.email, "line": earlier[1]})
            account = accounts.get(guardian.email)
            if account is not None and not (row.pupil is not None and row.pupil in account.pupils.all()):
                guardian.existing_account = account
