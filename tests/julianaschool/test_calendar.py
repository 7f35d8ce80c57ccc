"""The school calendar: the office enters or imports holidays, and the portal counts school days with them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, DayOff, DayOffKind, SchoolYear
from julianaschool.school_calendar import add_school_days, is_school_day, school_days_between

D = datetime.date


@pytest.fixture
def year(db) -> SchoolYear:
    return SchoolYear.objects.create(name="2026-2027", starts_on=D(2026, 8, 1), ends_on=D(2027, 7, 31))


@pytest.fixture
def christmas(year) -> DayOff:
    return DayOff.objects.create(school_year=year, kind=DayOffKind.CHRISTMAS_HOLIDAY, starts_on=D(2026, 12, 19),
                                 ends_on=D(2027, 1, 3))


ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Rijksoverheid//Schoolvakanties//NL\r
BEGIN:VEVENT\r
UID:1@example.org\r
SUMMARY:Herfstvakantie regio zuid\r
DTSTART;VALUE=DATE:20261017\r
DTEND;VALUE=DATE:20261026\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:2@example.org\r
SUMMARY:Kerstvakantie\r
DTSTART;VALUE=DATE:20261219\r
DTEND;VALUE=DATE:20270104\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:3@example.org\r
SUMMARY:Studiedag team (de kinderen zijn\r
  vrij)\r
DTSTART:20261118T000000\r
DTEND:20261119T000000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:4@example.org\r
SUMMARY:Zomervakantie\r
DTSTART;VALUE=DATE:20270717\r
DTEND;VALUE=DATE:20270830\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:5@example.org\r
SUMMARY:Herfstvakantie 2025\r
DTSTART;VALUE=DATE:20251018\r
DTEND;VALUE=DATE:20251027\r
END:VEVENT\r
END:VCALENDAR\r
"""


def upload(text: str | bytes, name: str = "vakanties.ics") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode() if isinstance(text, str) else text, content_type="text/calendar")


# --- Counting school days


def test_weekends_and_holidays_are_no_school_days(christmas):
    assert is_school_day(D(2026, 12, 18))  # the Friday before
    assert not is_school_day(D(2026, 12, 19))  # Saturday
    assert not is_school_day(D(2026, 12, 23))  # a Wednesday in the holiday
    assert is_school_day(D(2027, 1, 4))


def test_adding_school_days_skips_the_weekend_and_the_holiday(christmas):
    assert add_school_days(D(2026, 12, 17), 0) == D(2026, 12, 17)
    assert add_school_days(D(2026, 12, 17), 1) == D(2026, 12, 18)
    assert add_school_days(D(2026, 12, 17), 2) == D(2027, 1, 4)
    assert add_school_days(D(2026, 12, 17), 7) == D(2027, 1, 11)


def test_school_days_between_leaves_out_the_holiday(christmas):
    assert school_days_between(D(2026, 12, 18), D(2027, 1, 5)) == 2
    assert school_days_between(D(2027, 1, 5), D(2026, 12, 18)) == 0


# --- Entering by hand


def test_the_office_enters_the_christmas_holiday_and_it_is_in_the_audit_trail(world, client_for):
    response = client_for(world.administratie).post(reverse("office:calendar"), {
        "jaar": world.school_year.pk, "kind": "kerstvakantie", "name": "",
        "starts_on": f"{world.school_year.starts_on.year}-12-19", "ends_on": f"{world.school_year.ends_on.year}-01-03"})
    assert response.status_code == 302
    day_off = DayOff.objects.get()
    assert day_off.kind == DayOffKind.CHRISTMAS_HOLIDAY and day_off.school_year == world.school_year
    entry = AuditEntry.objects.get(action=CoreAction.DAY_OFF_ADDED)
    assert entry.actor == world.administratie
    page = client_for(world.administratie).get(response["Location"]).content.decode()
    assert "kerstvakantie" in page and "19 december" in page


def test_directie_removes_a_day_off_and_the_audit_trail_keeps_what_it_was(world, client_for):
    day_off = DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.STUDY_DAY, name="Studiedag",
                                    starts_on=world.school_year.starts_on + datetime.timedelta(days=60),
                                    ends_on=world.school_year.starts_on + datetime.timedelta(days=60))
    client_for(world.directie).post(reverse("office:calendar_delete", args=[day_off.pk]))
    assert not DayOff.objects.exists()
    assert AuditEntry.objects.get(action=CoreAction.DAY_OFF_REMOVED).changes["name"] == "Studiedag"


@pytest.mark.parametrize("starts_on,ends_on,message", [
    ("2026-12-24", "2026-12-20", "De laatste dag ligt vóór de eerste dag."),
    ("2027-07-20", "2027-08-20", "vallen niet (helemaal) in schooljaar"),
    ("2026-12-28", "2026-12-29", "overlappen met kerstvakantie"),
    ("0001-01-01", "0001-01-02", "Vul een datum tussen 2000 en 2100 in."),
    ("morgen", "2026-12-29", "Voer een geldige datum in."),
])
def test_a_wrong_period_gets_a_dutch_message_and_saves_nothing(year, christmas, client, starts_on, ends_on, message):
    from tests.helpers import make_staff

    client.force_login(make_staff("kantoor", "administratie"))
    response = client.post(reverse("office:calendar"), {"jaar": year.pk, "kind": "studiedag", "starts_on": starts_on,
                                                        "ends_on": ends_on})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(DayOff.objects.all()) == [christmas]
    assert not AuditEntry.objects.exists()


# --- Importing an iCalendar file


def test_the_office_imports_the_holidays_from_an_ics_file(year, client):
    from tests.helpers import make_staff

    client.force_login(make_staff("kantoor", "administratie"))
    response = client.post(reverse("office:calendar_import"), {"jaar": year.pk, "file": upload(ICS)}, follow=True)
    assert "4 vrije periode(s) toegevoegd; 0 stond(en) er al, 1 hoort/horen bij een ander schooljaar." in (
        response.content.decode())
    days = {d.kind: (d.starts_on, d.ends_on, d.name) for d in DayOff.objects.all()}
    assert days[DayOffKind.AUTUMN_HOLIDAY][:2] == (D(2026, 10, 17), D(2026, 10, 25))  # DTEND is the day after
    assert days[DayOffKind.CHRISTMAS_HOLIDAY][:2] == (D(2026, 12, 19), D(2027, 1, 3))
    assert days[DayOffKind.STUDY_DAY] == (D(2026, 11, 18), D(2026, 11, 18), "Studiedag team (de kinderen zijn vrij)")
    assert days[DayOffKind.SUMMER_HOLIDAY][:2] == (D(2027, 7, 17), D(2027, 7, 31))  # this school year's part
    assert AuditEntry.objects.filter(action=CoreAction.CALENDAR_IMPORTED).count() == 1
    # The same file again adds nothing.
    response = client.post(reverse("office:calendar_import"), {"jaar": year.pk, "file": upload(ICS)}, follow=True)
    assert "0 vrije periode(s) toegevoegd; 4 stond(en) er al" in response.content.decode()
    assert DayOff.objects.count() == 4


@pytest.mark.parametrize("content,message", [
    ("leerlingnummer;voornaam\n1;Sanne\n", "het begint niet met BEGIN:VCALENDAR"),
    (b"\xff\xfe\x00B\x00E", "het is geen tekst in UTF-8"),
    ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "Het bestand bevat geen afspraken (VEVENT)."),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Kerst\nDTSTART;VALUE=DATE:20261319\nEND:VEVENT\nEND:VCALENDAR\n",
     "is geen bestaande datum"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Kerst\nDTSTART:morgen\nEND:VEVENT\nEND:VCALENDAR\n", "is geen datum"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Kerst\nEND:VEVENT\nEND:VCALENDAR\n", "heeft geen begindatum"),
    ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261219\n", "END:VEVENT ontbreekt"),
    (("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Kerst\nDTSTART;VALUE=DATE:20261219\nDTEND;VALUE=DATE:20261201\n"
      "END:VEVENT\nEND:VCALENDAR\n"), "eindigt vóór zij begint"),
])
def test_a_bad_ics_file_gets_a_dutch_message_and_changes_nothing(year, christmas, client, content, message):
    from tests.helpers import make_staff

    client.force_login(make_staff("kantoor", "administratie"))
    response = client.post(reverse("office:calendar_import"), {"jaar": year.pk, "file": upload(content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(DayOff.objects.all()) == [christmas]
    assert not AuditEntry.objects.exists()


def test_an_ics_file_that_overlaps_a_holiday_already_entered_imports_nothing(year, client):
    from tests.helpers import make_staff

    DayOff.objects.create(school_year=year, kind=DayOffKind.OTHER, name="Extra vrij", starts_on=D(2026, 12, 21),
                          ends_on=D(2026, 12, 22))
    client.force_login(make_staff("kantoor", "administratie"))
    response = client.post(reverse("office:calendar_import"), {"jaar": year.pk, "file": upload(ICS)})
    assert response.status_code == 400
    assert "Kerstvakantie overlapt met Extra vrij" in response.content.decode()
    assert DayOff.objects.count() == 1


def test_a_file_that_is_not_called_ics_is_refused(year, client):
    from tests.helpers import make_staff

    client.force_login(make_staff("kantoor", "administratie"))
    response = client.post(reverse("office:calendar_import"), {"jaar": year.pk, "file": upload(ICS, "vakanties.pdf")})
    assert "Kies een iCalendar-bestand (.ics)." in response.content.decode()
    assert not DayOff.objects.exists()


def test_a_teacher_cannot_change_the_calendar(world, client_for):
    response = client_for(world.leerkracht5).post(reverse("office:calendar"), {
        "jaar": world.school_year.pk, "kind": "studiedag", "starts_on": "2026-11-18", "ends_on": "2026-11-18"})
    assert response.status_code == 403
    assert not DayOff.objects.exists()


def test_seed_demo_puts_this_school_years_holidays_in_the_calendar(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    school_year = SchoolYear.objects.current()
    kinds = set(DayOff.objects.filter(school_year=school_year).values_list("kind", flat=True))
    assert {DayOffKind.AUTUMN_HOLIDAY, DayOffKind.CHRISTMAS_HOLIDAY, DayOffKind.SPRING_HOLIDAY,
            DayOffKind.MAY_HOLIDAY, DayOffKind.SUMMER_HOLIDAY, DayOffKind.STUDY_DAY} <= kinds
    count = DayOff.objects.count()
    call_command("seed_demo", verbosity=0)
    assert DayOff.objects.count() == count
