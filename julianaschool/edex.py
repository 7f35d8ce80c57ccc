"""Reading an EDEXML file (EDEX 2.0 and 2.1, as ParnasSys, ESIS and others export it) and planning
what it changes in the portal. Nothing here writes; `edex_services.apply_edex` saves a plan.

Tolerant where schools' files differ: school years past the XSD's list, keys starting with "#",
a pupil with only a roepnaam, jaargroep C (a combination group, the year group per pupil),
composite groups (shown, not imported as class groups), unknown `toevoegingen` blocks.
Strict where it matters: a file that is not EDEX, a school year the portal does not know, a pupil
or teacher in a group the file does not define, duplicate keys, a value longer than the portal
holds. Hostile XML is refused before anything is expanded: any DOCTYPE (so no entity
declarations, no external entities), with a parser that resolves no entities, loads no DTD and
opens no network connection.

The portal does not read the XSDs at run time (tests validate their files against them).
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from . import names
from .models import ClassGroup, Enrollment, GroupTeacher, Pupil, SchoolYear, StaffMember

MAX_BYTES = 8 * 1024 * 1024  # a school of 1,000 pupils exports some 500 kB
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE|<!\s*ENTITY", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


class EdexError(Exception):
    """The file cannot be read as EDEX at all; `problems` says why, in Dutch."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


@dataclass
class EdexGroup:
    key: str
    name: str
    year_group: str = ""
    composite: bool = False


@dataclass
class EdexPerson:
    key: str
    first_name: str
    tussenvoegsel: str
    last_name: str

    @property
    def full_name(self) -> str:
        return names.display_name(self.first_name, self.tussenvoegsel, self.last_name)


@dataclass
class EdexPupil(EdexPerson):
    date_of_birth: datetime.date | None = None
    year_group: str = ""
    group_key: str = ""
    entered_on: datetime.date | None = None
    left_on: datetime.date | None = None
    changed_on: datetime.date | None = None


@dataclass
class EdexTeacher(EdexPerson):
    email: str = ""
    roles: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)  # group key -> roles in that group


@dataclass
class EdexFile:
    school_year: str
    brin: str
    groups: dict[str, EdexGroup]
    pupils: list[EdexPupil]
    teachers: list[EdexTeacher]
    sha256: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _safe_tree(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise EdexError([_("Het bestand is groter dan %(mb)d MB; een EDEX-bestand van een school is veel kleiner.")
                         % {"mb": MAX_BYTES // (1024 * 1024)}])
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: look for the DOCTYPE in that encoding too
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    if _DOCTYPE.search(head):
        raise EdexError([_("Dit bestand bevat een DOCTYPE of entiteiten. Een EDEX-bestand heeft die niet; om "
                           "veiligheidsredenen wordt het niet gelezen.")])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise EdexError([_("Dit is geen EDEX-bestand: het is geen geldige XML (regel %(line)s).")
                         % {"line": error.lineno or "?"}]) from error
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or any(True for _e in root.iter(etree.Entity)):
        raise EdexError([_("Dit bestand bevat een DOCTYPE of entiteiten. Een EDEX-bestand heeft die niet; om "
                           "veiligheidsredenen wordt het niet gelezen.")])
    if etree.QName(root).localname != "EDEX" or _child(root, "leerlingen") is None and _child(root, "school") is None:
        raise EdexError([_("Dit is geen EDEX-bestand: het begint niet met <EDEX>. Exporteer uit de "
                           "leerlingadministratie als EDEXML.")])
    return root


def _child(element, name: str):
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child
    return None


def _children(element, name: str) -> list:
    if element is None:
        return []
    return [child for child in element if isinstance(child.tag, str) and etree.QName(child).localname == name]


def _text(element, name: str) -> str:
    child = _child(element, name) if element is not None else None
    return " ".join((child.text or "").split()) if child is not None else ""


def _date(value: str, what: str, problems: list[str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])  # xs:date may carry a zone, xs:dateTime a time
    except ValueError:
        problems.append(_("%(what)s: '%(value)s' is geen datum.") % {"what": what, "value": value})
        return None


def group_name(value: str) -> str:
    """The portal names groups "5" and "4/5"; an export may say "Groep 5"."""
    return re.sub(r"^groep\s+", "", value.strip(), flags=re.IGNORECASE)


def _person(element, cls, problems: list[str], what: str, **extra):
    key = element.get("key", "").strip()
    first = _text(element, "roepnaam") or _text(element, "voornamen").split(" ")[0] or _text(element, "voorletters-1")
    person = cls(key=key, first_name=first, tussenvoegsel=_text(element, "voorvoegsel"),
                 last_name=_text(element, "achternaam"), **extra)
    if not first and not person.last_name:
        problems.append(_("%(what)s met sleutel %(key)s heeft geen naam.") % {"what": what, "key": key})
    return person


def _check_lengths(person: EdexPerson, model, what: str, problems: list[str]) -> None:
    """The portal's limits, read from the model: PostgreSQL refuses what does not fit."""
    for attr, label in (("first_name", _("roepnaam")), ("tussenvoegsel", _("voorvoegsel")),
                        ("last_name", _("achternaam")), ("key", _("sleutel"))):
        limit = model._meta.get_field("external_key" if attr == "key" else attr).max_length
        if len(getattr(person, attr)) > limit:
            problems.append(_("%(what)s %(name)s: de %(field)s is langer dan %(max)d tekens.") % {
                "what": what, "name": person.full_name or person.key, "field": label, "max": limit})


def parse(data: bytes) -> EdexFile:
    """Read an EDEX file; raises EdexError when it is not EDEX at all or is hostile. Problems with its
    content (duplicate keys, undefined groups) are collected in `problems`."""
    root = _safe_tree(data)
    problems: list[str] = []
    warnings: list[str] = []
    school = _child(root, "school")
    school_year = _text(school, "schooljaar")
    match = _SCHOOL_YEAR.match(school_year)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise EdexError([_("Het schooljaar in het bestand ('%(value)s') is geen schooljaar zoals 2026-2027.")
                         % {"value": school_year}])
    groups: dict[str, EdexGroup] = {}
    name_limit = ClassGroup._meta.get_field("name").max_length
    for element in _child(root, "groepen") if _child(root, "groepen") is not None else []:
        if not isinstance(element.tag, str):
            continue
        kind = etree.QName(element).localname
        if kind not in ("groep", "samengestelde_groep"):
            continue
        key = element.get("key", "").strip()
        group = EdexGroup(key=key, name=group_name(_text(element, "naam")), year_group=_text(element, "jaargroep"),
                          composite=kind == "samengestelde_groep")
        if not key:
            problems.append(_("Een groep in het bestand heeft geen sleutel."))
        elif key in groups:
            problems.append(_("De groepssleutel %(key)s staat meer dan eens in het bestand.") % {"key": key})
        if not group.composite and not group.name:
            problems.append(_("Groep met sleutel %(key)s heeft geen naam.") % {"key": key})
        if not group.composite and (len(group.name) > name_limit or len(key) > 64):
            problems.append(_("Groep %(name)s: de naam (hooguit %(max)d tekens) of de sleutel (hooguit 64) is te lang.")
                            % {"name": group.name, "max": name_limit})
        groups[key] = group
    pupils: list[EdexPupil] = []
    seen: set[str] = set()
    for element in _children(_child(root, "leerlingen"), "leerling"):
        what = _("Leerling")
        pupil = _person(element, EdexPupil, problems, what)
        where = _("leerling %(name)s") % {"name": pupil.full_name or pupil.key}
        pupil.date_of_birth = _date(_text(element, "geboortedatum"), where, problems)
        pupil.entered_on = _date(_text(element, "instroomdatum"), where, problems)
        pupil.left_on = _date(_text(element, "uitstroomdatum"), where, problems)
        pupil.changed_on = _date(_text(element, "mutatiedatum"), where, problems)
        pupil.year_group = _text(element, "jaargroep")
        group = _child(element, "groep")
        pupil.group_key = group.get("key", "").strip() if group is not None else ""
        if not pupil.key:
            problems.append(_("Een leerling in het bestand heeft geen sleutel."))
        elif pupil.key in seen:
            problems.append(_("De leerlingsleutel %(key)s staat meer dan eens in het bestand.") % {"key": pupil.key})
        seen.add(pupil.key)
        if pupil.group_key and (pupil.group_key not in groups or groups[pupil.group_key].composite):
            problems.append(_("Leerling %(name)s staat in groep %(key)s, maar die groep staat niet in het bestand.")
                            % {"name": pupil.full_name, "key": pupil.group_key})
        _check_lengths(pupil, Pupil, what, problems)
        pupils.append(pupil)
    teachers: list[EdexTeacher] = []
    seen = set()
    for element in _children(_child(root, "leerkrachten"), "leerkracht"):
        what = _("Leerkracht")
        teacher = _person(element, EdexTeacher, problems, what, email=_text(element, "emailadres").lower(),
                          roles=[(r.text or "").strip() for r in _children(element, "rol")])
        for reference in _children(_child(element, "groepen"), "groep"):
            key = reference.get("key", "").strip()
            teacher.groups[key] = [(r.text or "").strip() for r in _children(reference, "rol")]
            if key not in groups or groups[key].composite:
                problems.append(_("Leerkracht %(name)s staat in groep %(key)s, maar die groep staat niet in het bestand.")
                                % {"name": teacher.full_name, "key": key})
        if not teacher.key:
            problems.append(_("Een leerkracht in het bestand heeft geen sleutel."))
        elif teacher.key in seen:
            problems.append(_("De leerkrachtsleutel %(key)s staat meer dan eens in het bestand.") % {"key": teacher.key})
        seen.add(teacher.key)
        _check_lengths(teacher, StaffMember, what, problems)
        teachers.append(teacher)
    if not pupils:
        problems.append(_("Het bestand bevat geen leerlingen."))
    return EdexFile(school_year=school_year, brin=_text(school, "brincode"), groups=groups, pupils=pupils,
                    teachers=teachers, sha256=hashlib.sha256(data).hexdigest(), problems=problems, warnings=warnings)


# What a plan's lines are about. The office may leave any line out; `default` says whether it is
# ticked to start with (a pupil absent from the file is only proposed).
GROUP_NEW, GROUP_KEY, GROUP_RENAME = "group.new", "group.key", "group.rename"
PUPIL_NEW, PUPIL_KEY, PUPIL_UPDATE, PUPIL_MOVE = "pupil.new", "pupil.key", "pupil.update", "pupil.move"
PUPIL_LEAVE, PUPIL_ABSENT = "pupil.leave", "pupil.absent"
TEACHER_NEW, TEACHER_KEY, TEACHER_ASSIGN, TEACHER_UNASSIGN = "teacher.new", "teacher.key", "teacher.assign", "teacher.unassign"


@dataclass
class Change:
    id: str
    kind: str
    text: str
    data: dict
    default: bool = True


@dataclass
class EdexPlan:
    file: EdexFile
    school_year: SchoolYear | None
    changes: list[Change]
    problems: list[str]
    warnings: list[str]
    notes: list[str]  # what the file holds that is shown but not imported (composite groups)
    missing_school_year: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def defaults(self) -> set[str]:
        return {change.id for change in self.changes if change.default}

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


def _fold_person(first: str, tussenvoegsel: str, last: str, born) -> tuple:
    # "de Vries" typed in one field or split over two: the same person.
    return names.fold(first), names.fold(f"{tussenvoegsel} {last}"), born


def plan(edex: EdexFile, *, today: datetime.date | None = None) -> EdexPlan:
    """What saving `edex` would change, line by line, in Dutch. A handful of queries whatever the
    number of pupils: everything the comparison needs is read in bulk."""
    today = today or timezone.localdate()
    problems = list(edex.problems)
    warnings = list(edex.warnings)
    notes = [_("Samengestelde groep %(name)s wordt getoond maar niet als groep geïmporteerd.") % {"name": g.name}
             for g in edex.groups.values() if g.composite]
    school_year = SchoolYear.objects.filter(name=edex.school_year).first()
    if school_year is None:
        problems.append(_("Het portaal kent schooljaar %(year)s nog niet. Maak het eerst aan, dan kan dit bestand "
                          "worden ingelezen.") % {"year": edex.school_year})
        return EdexPlan(file=edex, school_year=None, changes=[], problems=problems, warnings=warnings, notes=notes,
                        missing_school_year=edex.school_year)
    changes: list[Change] = []
    # Groups: by key, else (a first import into groups made by hand) by name.
    existing_groups = list(ClassGroup.objects.filter(school_year=school_year))
    by_key = {g.external_key: g for g in existing_groups if g.external_key}
    by_name = {g.name.lower(): g for g in existing_groups}
    group_for: dict[str, ClassGroup | None] = {}  # file key -> existing group (None: new)
    for group in edex.groups.values():
        if group.composite:
            continue
        found = by_key.get(group.key)
        candidate = by_name.get(group.name.lower())
        if found is None and candidate is not None and not candidate.external_key:
            found = candidate
        group_for[group.key] = found
        if found is None:
            changes.append(Change(f"{GROUP_NEW}:{group.key}", GROUP_NEW, _("Nieuwe groep %(name)s.") % {"name": group.name},
                                  {"key": group.key, "name": group.name}))
            continue
        if found.external_key != group.key:
            changes.append(Change(f"{GROUP_KEY}:{group.key}", GROUP_KEY,
                                  _("Bestaande groep %(name)s wordt de groep %(name)s uit de administratie.") % {"name": found.name},
                                  {"key": group.key, "group": found.pk}))
        if found.name != group.name:
            other = by_name.get(group.name.lower())
            if other is not None and other.pk != found.pk:
                problems.append(_("Groep %(old)s kan niet %(new)s heten: die groep bestaat al in het portaal.")
                                % {"old": found.name, "new": group.name})
            changes.append(Change(f"{GROUP_RENAME}:{group.key}", GROUP_RENAME,
                                  _("Groep %(old)s heet voortaan %(new)s.") % {"old": found.name, "new": group.name},
                                  {"key": group.key, "group": found.pk, "name": group.name}))
    # Pupils: by key, else a pupil without key with the same name and birth date.
    keys = [p.key for p in edex.pupils]
    by_pupil_key = {p.external_key: p for p in Pupil.objects.filter(external_key__in=keys)}
    unmatched = [p for p in edex.pupils if p.key not in by_pupil_key and p.date_of_birth]
    unkeyed = {}
    if unmatched:
        for pupil in Pupil.objects.filter(external_key__isnull=True, left_on__isnull=True,
                                          date_of_birth__in={p.date_of_birth for p in unmatched}):
            unkeyed.setdefault(_fold_person(pupil.first_name, pupil.tussenvoegsel, pupil.last_name, pupil.date_of_birth), pupil)
    matched: dict[str, Pupil] = {}
    for edex_pupil in edex.pupils:
        found = by_pupil_key.get(edex_pupil.key) or unkeyed.pop(
            _fold_person(edex_pupil.first_name, edex_pupil.tussenvoegsel, edex_pupil.last_name, edex_pupil.date_of_birth), None)
        if found is not None:
            matched[edex_pupil.key] = found
    enrollments = {e.pupil_id: e for e in Enrollment.objects.current(school_year=school_year).filter(
        pupil__in=[p.pk for p in matched.values()]).select_related("group")}
    file_group_names = {g.key: g.name for g in edex.groups.values()}
    for edex_pupil in edex.pupils:
        pupil = matched.get(edex_pupil.key)
        name = edex_pupil.full_name
        if edex_pupil.group_key and edex_pupil.group_key not in group_for:
            continue  # in a group the file does not define: already a problem
        leaves = edex_pupil.left_on is not None and edex_pupil.left_on <= today
        if edex_pupil.left_on is not None and not leaves:
            warnings.append(_("%(name)s vertrekt op %(date)s; dat wordt bij een latere import verwerkt.")
                            % {"name": name, "date": _d(edex_pupil.left_on)})
        if pupil is None:
            if leaves:
                continue  # gone before the portal knew them
            if edex_pupil.date_of_birth is None:
                problems.append(_("Leerling %(name)s heeft geen geboortedatum; het portaal heeft die nodig.") % {"name": name})
                continue
            if not edex_pupil.group_key:
                warnings.append(_("Leerling %(name)s staat in geen groep en wordt niet ingelezen.") % {"name": name})
                continue
            changes.append(Change(f"{PUPIL_NEW}:{edex_pupil.key}", PUPIL_NEW,
                                  _("Nieuwe leerling %(name)s (geboren %(born)s) in groep %(group)s.") % {
                                      "name": name, "born": _d(edex_pupil.date_of_birth),
                                      "group": file_group_names[edex_pupil.group_key]},
                                  {"key": edex_pupil.key}))
            continue
        if pupil.external_key != edex_pupil.key:
            changes.append(Change(f"{PUPIL_KEY}:{edex_pupil.key}", PUPIL_KEY,
                                  _("Bestaande leerling %(name)s wordt gekoppeld aan de leerling uit de administratie.")
                                  % {"name": pupil.full_name}, {"key": edex_pupil.key, "pupil": pupil.pk}))
        wanted = {"first_name": edex_pupil.first_name, "tussenvoegsel": edex_pupil.tussenvoegsel,
                  "last_name": edex_pupil.last_name}
        if edex_pupil.date_of_birth:
            wanted["date_of_birth"] = edex_pupil.date_of_birth
        differs = {f: v for f, v in wanted.items() if getattr(pupil, f) != v}
        if differs:
            parts = []
            if {"first_name", "tussenvoegsel", "last_name"} & set(differs):
                parts.append(_("naam %(old)s wordt %(new)s") % {"old": pupil.full_name, "new": name})
            if "date_of_birth" in differs:
                parts.append(_("geboortedatum %(old)s wordt %(new)s") % {
                    "old": _d(pupil.date_of_birth), "new": _d(edex_pupil.date_of_birth)})
            changes.append(Change(f"{PUPIL_UPDATE}:{edex_pupil.key}", PUPIL_UPDATE,
                                  _("%(name)s: %(what)s.") % {"name": pupil.full_name, "what": "; ".join(parts)},
                                  {"key": edex_pupil.key, "pupil": pupil.pk, "fields": {f: str(v) for f, v in differs.items()}}))
        if pupil.left_on is not None:
            continue
        if leaves:
            changes.append(Change(f"{PUPIL_LEAVE}:{edex_pupil.key}", PUPIL_LEAVE,
                                  _("%(name)s verlaat de school op %(date)s (uitstroomdatum).") % {
                                      "name": pupil.full_name, "date": _d(edex_pupil.left_on)},
                                  {"pupil": pupil.pk, "on": edex_pupil.left_on.isoformat()}))
            continue
        if not edex_pupil.group_key:
            continue
        enrollment = enrollments.get(pupil.pk)
        target = group_for.get(edex_pupil.group_key)
        if enrollment is not None and target is not None and enrollment.group_id == target.pk:
            continue
        on = edex_pupil.changed_on or today
        new_name = file_group_names[edex_pupil.group_key]
        if enrollment is None:
            text = _("%(name)s wordt geplaatst in groep %(group)s (per %(date)s).") % {
                "name": pupil.full_name, "group": new_name, "date": _d(on)}
        else:
            text = _("%(name)s gaat van groep %(old)s naar groep %(new)s (per %(date)s).") % {
                "name": pupil.full_name, "old": enrollment.group.name, "new": new_name, "date": _d(on)}
        changes.append(Change(f"{PUPIL_MOVE}:{edex_pupil.key}", PUPIL_MOVE, text,
                              {"key": edex_pupil.key, "pupil": pupil.pk, "group_key": edex_pupil.group_key,
                               "on": on.isoformat()}))
    # Pupils of this school year the portal has from EDEX but this (full) export no longer has: proposed.
    in_file = set(keys)
    absent = Pupil.objects.filter(external_key__isnull=False, left_on__isnull=True,
                                  enrollments__school_year=school_year).exclude(external_key__in=in_file).distinct()
    for pupil in absent:
        changes.append(Change(f"{PUPIL_ABSENT}:{pupil.pk}", PUPIL_ABSENT,
                              _("%(name)s staat niet meer in de export: uitschrijven per %(date)s? (Alleen met vinkje.)")
                              % {"name": pupil.full_name, "date": _d(today)},
                              {"pupil": pupil.pk, "on": today.isoformat()}, default=False))
    _plan_teachers(edex, school_year, group_for, changes, warnings)
    return EdexPlan(file=edex, school_year=school_year, changes=changes, problems=problems, warnings=warnings, notes=notes)


def _plan_teachers(edex: EdexFile, school_year: SchoolYear, group_for: dict, changes: list[Change], warnings: list[str]) -> None:
    keys = [t.key for t in edex.teachers]
    by_key = {s.external_key: s for s in StaffMember.objects.filter(external_key__in=keys)}
    by_email = {s.email.lower(): s for s in StaffMember.objects.filter(external_key__isnull=True).exclude(email="")}
    staff_for: dict[str, StaffMember | None] = {}
    group_names = {g.key: g.name for g in edex.groups.values()}
    for teacher in edex.teachers:
        found = by_key.get(teacher.key) or (by_email.pop(teacher.email, None) if teacher.email else None)
        staff_for[teacher.key] = found
        roles = ", ".join(teacher.roles)
        if found is None:
            if not teacher.email:
                warnings.append(_("Leerkracht %(name)s heeft geen e-mailadres in het bestand en kan dus niet worden "
                                  "uitgenodigd.") % {"name": teacher.full_name})
            changes.append(Change(f"{TEACHER_NEW}:{teacher.key}", TEACHER_NEW,
                                  _("Nieuwe leerkracht %(name)s (%(email)s%(roles)s): wordt uitgenodigd.") % {
                                      "name": teacher.full_name, "email": teacher.email or _("geen e-mailadres"),
                                      "roles": f"; {roles}" if roles else ""},
                                  {"key": teacher.key}))
        elif found.external_key != teacher.key:
            changes.append(Change(f"{TEACHER_KEY}:{teacher.key}", TEACHER_KEY,
                                  _("Medewerker %(name)s wordt gekoppeld aan de leerkracht uit de administratie.")
                                  % {"name": found.full_name}, {"key": teacher.key, "staff": found.pk}))
    current = set(GroupTeacher.objects.filter(group__school_year=school_year).values_list("teacher_id", "group_id"))
    wanted: set[tuple[int, int]] = set()
    for teacher in edex.teachers:
        staff = staff_for[teacher.key]
        for group_key, group_roles in teacher.groups.items():
            group = group_for.get(group_key)
            if group_key not in group_for:
                continue  # a composite group
            if staff is not None and group is not None:
                wanted.add((staff.pk, group.pk))
                if (staff.pk, group.pk) in current:
                    continue
            role = f" ({', '.join(group_roles)})" if group_roles else ""
            changes.append(Change(f"{TEACHER_ASSIGN}:{teacher.key}:{group_key}", TEACHER_ASSIGN,
                                  _("%(name)s gaat lesgeven in groep %(group)s%(role)s.") % {
                                      "name": teacher.full_name, "group": group_names[group_key], "role": role},
                                  {"teacher_key": teacher.key, "group_key": group_key}))
    file_groups = {g.pk: g for g in group_for.values() if g is not None}
    staff_ids = {staff_id for staff_id, group_id in current if group_id in file_groups and (staff_id, group_id) not in wanted}
    staff_names = {s.pk: s.full_name for s in StaffMember.objects.filter(pk__in=staff_ids)}
    for staff_id, group_id in sorted(current - wanted):
        if group_id not in file_groups:
            continue
        changes.append(Change(f"{TEACHER_UNASSIGN}:{staff_id}:{group_id}", TEACHER_UNASSIGN,
                              _("%(name)s geeft geen les meer in groep %(group)s.") % {
                                  "name": staff_names[staff_id], "group": file_groups[group_id].name},
                              {"staff": staff_id, "group": group_id}))


def _d(day: datetime.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "–"


def read(data: bytes) -> EdexPlan | list[str]:
    """The plan for a file, or the problems that stop it being read at all."""
    try:
        edex = parse(data)
    except EdexError as error:
        return error.problems
    return plan(edex)

