"""Reading an EDEXML file (EDEX 2.0 and 2.1, as ParnasSys, ESIS and others export it) into plain
data. Nothing here touches the database but for the portal's field lengths.

Tolerant where schools' files differ: school years past the XSD's list, keys starting with "#",
a pupil with only a roepnaam, jaargroep C (a combination group, the year group per pupil),
composite groups (shown, not imported as class groups), unknown `toevoegingen` blocks.
Strict where it matters: a file that is not EDEX, a pupil or teacher in a group the file does not
define, duplicate keys, a value longer than the portal holds. Hostile XML is refused before
anything is expanded: any DOCTYPE (so no entity declarations, no external entities), with a parser
that resolves no entities, loads no DTD and opens no network connection.

The portal does not read the XSDs at run time (tests validate their files against them).
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from .. import names
from ..models import ClassGroup, Pupil, StaffMember

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
