"""EDEX files the tests build for themselves, and their check against the EDEXML 2.1 XSDs.

The XSDs live beside the repository (../shared/edexml-2.1/, as CI lays it out); the portal does
not read them, the tests do. `assert_valid` skips with a reason when they are absent.
"""

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parents[2]
# EDEXML_XSD_DIR points elsewhere when the repository is a worktree without shared/ beside it.
XSD_DIR = Path(os.environ.get("EDEXML_XSD_DIR") or REPO_ROOT.parent / "shared" / "edexml-2.1")
# The XSD's list of school years stops at 2024-2025; files of later years are valid otherwise.
XSD_LAST_YEAR = "2024-2025"


@dataclass
class G:
    key: str
    name: str
    year_group: str = "5"
    composite: bool = False


@dataclass
class P:
    key: str
    first: str
    last: str = ""
    prefix: str = ""
    born: datetime.date | None = datetime.date(2016, 3, 14)
    group: str = ""
    year_group: str = ""
    left: datetime.date | None = None
    changed: str = ""


@dataclass
class T:
    key: str
    first: str
    last: str
    prefix: str = ""
    email: str = ""
    roles: list[str] = field(default_factory=lambda: ["LRK"])
    groups: dict[str, list[str]] = field(default_factory=dict)


def _sub(parent, tag, text=None, **attrs):
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element


def build(school_year: str, groups: list[G], pupils: list[P], teachers: list[T] = (), *,
          extra_school: bool = False, version: str = "2.1") -> bytes:
    root = etree.Element("EDEX")
    school = _sub(root, "school")
    _sub(school, "schooljaar", school_year)
    _sub(school, "brincode", "12AB")
    _sub(school, "aanmaakdatum", "2026-11-30T20:00:00")
    _sub(school, "auteur", "ParnasSys")
    _sub(school, "xsdversie", version)
    if extra_school:
        blocks = _sub(school, "toevoegingen")
        blok = _sub(blocks, "blok")
        blok.set("{http://www.w3.org/2001/XMLSchema-instance}type", "OpmerkingGegevensType")
        _sub(blok, "code", "PARNASSYS-EXTRA")
        _sub(blok, "opmerking", "vendor data the portal does not read")
    if groups:
        container = _sub(root, "groepen")
        for g in groups:
            element = _sub(container, "samengestelde_groep" if g.composite else "groep", key=g.key)
            _sub(element, "naam", g.name)
            if not g.composite:
                _sub(element, "jaargroep", g.year_group)
    container = _sub(root, "leerlingen")
    for p in pupils:
        element = _sub(container, "leerling", key=p.key)
        if p.last:
            _sub(element, "achternaam", p.last)
            if p.prefix:
                _sub(element, "voorvoegsel", p.prefix)
            _sub(element, "voornamen", p.first + " Maria")
        _sub(element, "roepnaam", p.first)
        if p.born:
            _sub(element, "geboortedatum", p.born.isoformat())
        if p.year_group:
            _sub(element, "jaargroep", p.year_group)
        if p.group:
            _sub(element, "groep", key=p.group)
        _sub(element, "instroomdatum", "2020-08-20")
        if p.left:
            _sub(element, "uitstroomdatum", p.left.isoformat())
        if p.changed:
            _sub(element, "mutatiedatum", p.changed)
    if teachers:
        container = _sub(root, "leerkrachten")
        for t in teachers:
            element = _sub(container, "leerkracht", key=t.key)
            _sub(element, "achternaam", t.last)
            if t.prefix:
                _sub(element, "voorvoegsel", t.prefix)
            _sub(element, "roepnaam", t.first)
            if t.email:
                _sub(element, "emailadres", t.email)
            for role in t.roles:
                _sub(element, "rol", role)
            if t.groups:
                refs = _sub(element, "groepen")
                for key, roles in t.groups.items():
                    ref = _sub(refs, "groep", key=key)
                    for role in roles:
                        _sub(ref, "rol", role)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_schema = None


def assert_valid(data: bytes) -> None:
    """The file is valid EDEXML 2.1 (its school year put back into the XSD's list)."""
    global _schema
    if not (XSD_DIR / "EDEXML.structuur.xsd").exists():
        pytest.skip(f"EDEXML XSDs not found at {XSD_DIR} (CI places shared/ beside the repository)")
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(XSD_DIR / "EDEXML.structuur.xsd")))
    document = etree.fromstring(data)
    document.find("school/schooljaar").text = XSD_LAST_YEAR
    if not _schema.validate(document):
        raise AssertionError(f"not valid EDEXML: {_schema.error_log}")
