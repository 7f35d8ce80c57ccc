"""Writes of the school calendar: holidays and days off entered by hand or imported from iCalendar.

An .ics file is read with the standard library (RFC 5545's line folding, DTSTART/DTEND as dates
or date-times); the whole file is checked before anything is saved, and a bad file changes nothing.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .audit_actions import Action
from .models import DayOff, DayOffKind, SchoolYear

MAX_ICS_BYTES = 1024 * 1024
MAX_ICS_EVENTS = 500


def _check_period(*, school_year: SchoolYear, starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(_("De laatste dag ligt vóór de eerste dag."))
    if starts_on < school_year.starts_on or ends_on > school_year.ends_on:
        raise ValidationError(_("Deze dagen vallen niet (helemaal) in schooljaar %(year)s (%(start)s tot en met "
                                "%(end)s).") % {"year": school_year.name,
                                                         "start": school_year.starts_on.strftime("%d-%m-%Y"),
                                                         "end": school_year.ends_on.strftime("%d-%m-%Y")})


@transaction.atomic
def add_day_off(*, actor, school_year: SchoolYear, kind: str, starts_on: datetime.date, ends_on: datetime.date,
                name: str = "") -> DayOff:
    """Records a holiday or day off within `school_year`; refuses a period outside the year, one that
    ends before it starts, and one that overlaps a period already entered."""
    _check_period(school_year=school_year, starts_on=starts_on, ends_on=ends_on)
    if kind not in DayOffKind.values:
        raise ValidationError(_("Kies een soort vrije dag."))
    overlap = DayOff.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
    if overlap is not None:
        raise ValidationError(_("Deze dagen overlappen met %(other)s (%(start)s tot en met %(end)s).") % {
            "other": overlap.label, "start": overlap.starts_on.strftime("%d-%m-%Y"),
            "end": overlap.ends_on.strftime("%d-%m-%Y")})
    day_off = DayOff.objects.create(school_year=school_year, kind=kind, starts_on=starts_on, ends_on=ends_on,
                                    name=name.strip()[:100])
    audit.record(actor=actor, action=Action.DAY_OFF_ADDED, obj=day_off,
                 changes={"kind": kind, "starts_on": starts_on, "ends_on": ends_on, "school_year": school_year.name})
    return day_off


@transaction.atomic
def remove_day_off(*, actor, day_off: DayOff) -> None:
    """Removes a holiday or day off; the audit entry keeps what it was."""
    audit.record(actor=actor, action=Action.DAY_OFF_REMOVED, obj=day_off,
                 changes=audit.snapshot(day_off, ["kind", "name", "starts_on", "ends_on"]))
    day_off.delete()


# --- iCalendar


@dataclass(frozen=True)
class IcsEvent:
    summary: str
    starts_on: datetime.date
    ends_on: datetime.date


_KIND_WORDS = [
    ("herfst", DayOffKind.AUTUMN_HOLIDAY),
    ("kerst", DayOffKind.CHRISTMAS_HOLIDAY),
    ("voorjaar", DayOffKind.SPRING_HOLIDAY),
    ("krokus", DayOffKind.SPRING_HOLIDAY),
    ("carnaval", DayOffKind.SPRING_HOLIDAY),
    ("meivakantie", DayOffKind.MAY_HOLIDAY),
    ("mei vakantie", DayOffKind.MAY_HOLIDAY),
    ("zomer", DayOffKind.SUMMER_HOLIDAY),
    ("studie", DayOffKind.STUDY_DAY),
]


def kind_for(summary: str) -> str:
    """The kind of day off a calendar entry's title names ('Kerstvakantie 2026' -> kerstvakantie)."""
    lowered = summary.lower()
    for word, kind in _KIND_WORDS:
        if word in lowered:
            return kind
    return DayOffKind.OTHER


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _parse_date(value: str, line_no: int) -> tuple[datetime.date, bool]:
    """(date, had_time) from an iCalendar DATE or DATE-TIME value."""
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})(T(\d{2})(\d{2})(\d{2})Z?)?", value.strip())
    if not match:
        raise ValidationError(_("Regel %(line)s: '%(value)s' is geen datum.") % {"line": line_no, "value": value[:40]})
    try:
        day = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValidationError(_("Regel %(line)s: '%(value)s' is geen bestaande datum.") % {
            "line": line_no, "value": value[:40]}) from None
    has_time = bool(match.group(4)) and (match.group(5), match.group(6), match.group(7)) != ("00", "00", "00")
    return day, has_time


def parse_ics(content: bytes) -> list[IcsEvent]:
    """The events of an iCalendar file as periods of whole days (an all-day DTEND is exclusive).
    Raises a ValidationError in Dutch for anything that is not a readable calendar."""
    if len(content) > MAX_ICS_BYTES:
        raise ValidationError(_("Het bestand is groter dan 1 MB; dat is geen schoolkalender."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Het bestand is geen iCalendar-bestand (.ics): het is geen tekst in UTF-8.")) from None
    raw_lines = re.split(r"\r\n|\n|\r", text)
    lines: list[tuple[int, str]] = []
    for number, line in enumerate(raw_lines, start=1):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + line[1:])
        elif line.strip():
            lines.append((number, line))
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise ValidationError(_("Het bestand is geen iCalendar-bestand (.ics): het begint niet met BEGIN:VCALENDAR."))
    events: list[IcsEvent] = []
    current: dict | None = None
    for number, line in lines:
        name_params, sep, value = line.partition(":")
        if not sep:
            raise ValidationError(_("Regel %(line)s is geen geldige iCalendar-regel.") % {"line": number})
        name = name_params.split(";", 1)[0].strip().upper()
        if name == "BEGIN" and value.strip().upper() == "VEVENT":
            current = {"line": number}
        elif name == "END" and value.strip().upper() == "VEVENT":
            if current is None:
                raise ValidationError(_("Regel %(line)s: END:VEVENT zonder BEGIN:VEVENT.") % {"line": number})
            events.append(_event(current))
            current = None
            if len(events) > MAX_ICS_EVENTS:
                raise ValidationError(_("Het bestand bevat meer dan %(max)s afspraken; dat is geen schoolkalender.")
                                      % {"max": MAX_ICS_EVENTS})
        elif current is not None and name in ("DTSTART", "DTEND", "SUMMARY"):
            current[name] = (value, number)
    if current is not None:
        raise ValidationError(_("Het bestand houdt op midden in een afspraak (END:VEVENT ontbreekt)."))
    if not events:
        raise ValidationError(_("Het bestand bevat geen afspraken (VEVENT)."))
    return events


def _event(fields: dict) -> IcsEvent:
    if "DTSTART" not in fields:
        raise ValidationError(_("De afspraak op regel %(line)s heeft geen begindatum (DTSTART).") % {"line": fields["line"]})
    summary = _unescape(fields.get("SUMMARY", ("", 0))[0]).strip() or _("Vrije dag")
    starts_on, _time = _parse_date(*fields["DTSTART"])
    if "DTEND" in fields:
        end, has_time = _parse_date(*fields["DTEND"])
        # An all-day DTEND (or one at midnight) is the first day after the event.
        ends_on = end if has_time else end - datetime.timedelta(days=1)
        ends_on = max(ends_on, starts_on)
        if end < starts_on:
            raise ValidationError(_("De afspraak '%(name)s' eindigt vóór zij begint.") % {"name": summary[:60]})
    else:
        ends_on = starts_on
    return IcsEvent(summary=summary[:100], starts_on=starts_on, ends_on=ends_on)


@transaction.atomic
def import_ics(*, actor, school_year: SchoolYear, content: bytes) -> dict:
    """Adds every event of the file that falls in `school_year` as a day off, with its kind guessed
    from its title. Events of other school years are skipped, and so are periods already entered
    exactly; any other problem (a bad file, an overlap) saves nothing. Returns the counts."""
    events = parse_ics(content)
    added, skipped_other_year, already = [], 0, 0
    for event in events:
        if event.ends_on < school_year.starts_on or event.starts_on > school_year.ends_on:
            skipped_other_year += 1
            continue
        # A summer holiday runs into the next school year: this year keeps its own part.
        starts_on, ends_on = max(event.starts_on, school_year.starts_on), min(event.ends_on, school_year.ends_on)
        if DayOff.objects.filter(starts_on=starts_on, ends_on=ends_on).exists():
            already += 1
            continue
        overlap = DayOff.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
        if overlap is not None:
            raise ValidationError(_("%(name)s overlapt met %(other)s die al in de kalender staat; er is niets "
                                    "geïmporteerd.") % {"name": event.summary, "other": overlap.label})
        added.append(DayOff.objects.create(school_year=school_year, kind=kind_for(event.summary), name=event.summary,
                                           starts_on=starts_on, ends_on=ends_on))
    audit.record(actor=actor, action=Action.CALENDAR_IMPORTED, obj=school_year,
                 changes={"added": [f"{d.label} {d.starts_on}..{d.ends_on}" for d in added],
                          "skipped_other_year": skipped_other_year, "already_present": already})
    return {"added": len(added), "other_year": skipped_other_year, "already": already}
