"""The office runs the school's people from the portal alone (issue 14): it adds a teacher and gives
her groep 4/5; a pupil moves from groep 5 to groep 6 and the teachers' class sheets follow; the
office starts the next school year."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _go(page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).first.click()


def test_the_office_adds_a_teacher_and_gives_her_groep_4_5(browse, login, check):
    office = login(browse(DESKTOP), "administratie")
    office.goto("/groepen/")
    expect(office.get_by_role("heading", name=re.compile("Groepen"), level=1)).to_be_visible()
    office.get_by_label("Naam").fill("4/5")
    office.get_by_role("button", name="Aanmaken").click()
    expect(office.get_by_role("heading", name="groep 4/5", level=1)).to_be_visible()
    expect(office.get_by_text("Jaargroepen: 4, 5 (combinatiegroep)")).to_be_visible()
    group_url = office.url
    check(office, "new combination group")

    office.goto("/medewerkers/")
    office.get_by_role("link", name="Medewerker toevoegen").click()
    office.get_by_label("Voornaam").fill("Fatima")
    office.get_by_label("Tussenvoegsel").fill("el")
    office.get_by_label("Achternaam").fill("Amrani")
    office.get_by_label("E-mailadres").fill("f.amrani@example.org")
    office.get_by_label("Functie").fill("leerkracht groep 4/5")
    check(office, "add a staff member")
    office.get_by_role("button", name="Toevoegen en uitnodigen").click()
    expect(office.get_by_role("heading", name="Fatima el Amrani", level=1)).to_be_visible()

    office.goto(group_url)
    office.get_by_label("Leerkracht").select_option(label="Fatima el Amrani")
    office.get_by_label("Rol in de groep").select_option(label="groepsleerkracht")
    office.get_by_role("button", name="Leerkracht toevoegen").click()
    expect(office.get_by_role("listitem").filter(has_text="Fatima el Amrani")).to_contain_text("groepsleerkracht")
    check(office, "group with its teacher")

    # She receives the mail, chooses her password and sees her group's class sheet.
    invitation = next(m for m in mail.outbox if m.to == ["f.amrani@example.org"])
    link = re.search(r"https?://\S+/welkom/\S+/", invitation.body).group(0)
    teacher = browse(DESKTOP)
    teacher.goto(link)
    expect(teacher.get_by_role("heading", name="Kies uw wachtwoord")).to_be_visible()
    check(teacher, "choose a password")
    teacher.get_by_label("Nieuw wachtwoord").first.fill("groep-vier-vijf-2026")
    teacher.get_by_label("Nieuw wachtwoord bevestigen").fill("groep-vier-vijf-2026")
    teacher.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(teacher.get_by_role("heading", name="Inloggen")).to_be_visible()
    teacher.get_by_label("Gebruikersnaam").fill("f.amrani@example.org")
    teacher.get_by_label("Wachtwoord").fill("groep-vier-vijf-2026")
    teacher.get_by_role("button", name="Inloggen").click()
    expect(teacher.get_by_role("button", name="Uitloggen", include_hidden=True)).to_be_attached()
    group_id = group_url.rstrip("/").rsplit("/", 1)[1]
    teacher.goto(f"/toestemming/groepskaart/{group_id}/")
    expect(teacher.get_by_role("heading", level=1)).to_contain_text("4/5")


def test_a_pupil_moves_from_groep_5_to_groep_6_and_the_teachers_class_sheets_follow(browse, login, check, cast):
    from django.contrib.auth import get_user_model

    from julianaschool.models import ClassGroup, Pupil, SchoolYear

    # Groep 6's demo teacher gets the demo password too, to sign in here.
    teacher = get_user_model().objects.get(username="lk-groep6")
    teacher.set_password(cast.password)
    teacher.save()

    year = SchoolYear.objects.current()
    group5, group6 = (ClassGroup.objects.get(school_year=year, name=n) for n in ("5", "6"))
    pupil = Pupil.objects.active().in_group(group5).exclude(first_name="Sanne").order_by("sort_name").first()

    office = login(browse(DESKTOP), "administratie")
    office.goto("/leerlingen/")
    office.get_by_label("Zoek op naam of leerlingnummer").fill(pupil.student_number)
    office.get_by_role("button", name="Zoeken").click()
    office.get_by_role("link", name=pupil.full_name).click()
    expect(office.get_by_role("heading", name=pupil.full_name, level=1)).to_be_visible()
    office.get_by_label("Naar groep").select_option(label="groep 6")
    office.get_by_label("Vanaf").fill(timezone.localdate().isoformat())
    office.get_by_role("button", name="Verplaatsen").click()
    expect(office.get_by_role("alert").or_(office.locator(".alert-success"))).to_contain_text("groep 6")
    expect(office.get_by_role("table").first).to_contain_text("groep 6")
    check(office, "pupil moved")

    # Groep 5's teacher (the demo leerkracht) no longer has the child on her class sheet.
    teacher5 = login(browse(DESKTOP), "leerkracht")
    teacher5.goto(f"/toestemming/groepskaart/{group5.pk}/")
    expect(teacher5.get_by_role("heading", level=1)).to_contain_text("5")
    expect(teacher5.get_by_text(pupil.full_name)).to_have_count(0)
    # Groep 6's teacher has.
    teacher6 = login(browse(DESKTOP), "lk-groep6")
    teacher6.goto(f"/toestemming/groepskaart/{group6.pk}/")
    expect(teacher6.get_by_text(pupil.full_name).first).to_be_visible()


def test_the_office_starts_the_next_school_year(browse, login, check):
    from julianaschool.models import ClassGroup, Pupil, SchoolYear, YearPlan

    # The demo's school year ends in three weeks: June, and the plan is open.
    year = SchoolYear.objects.current()
    today = timezone.localdate()
    ends_on = today + datetime.timedelta(days=21)
    start = int(SchoolYear.for_date(ends_on)[:4])
    SchoolYear.objects.filter(pk=year.pk).update(name=f"{start - 1}-{start}", ends_on=ends_on,
                                                 starts_on=today - datetime.timedelta(days=300))
    year.refresh_from_db()
    group8 = ClassGroup.objects.get(school_year=year, name="8")
    leavers = list(Pupil.objects.active().in_group(group8).values_list("pk", flat=True))
    staying_back = Pupil.objects.active().in_group(ClassGroup.objects.get(school_year=year, name="7")).first()

    office = login(browse(DESKTOP), "administratie")
    office.goto("/schooljaar/nieuw/")
    office.get_by_role("button", name="Maak het voorstel").click()
    expect(office.get_by_role("heading", name="Groepen van het nieuwe schooljaar")).to_be_visible()
    check(office, "new school year plan")
    # One pupil of groep 7 stays back: she goes to the new groep 7, not 8.
    office.get_by_label(f"Groep van {staying_back.full_name} volgend schooljaar").select_option(label="groep 7")
    office.get_by_role("button", name="Bewaren en het hele plan bekijken").click()
    expect(office.get_by_role("heading", name=re.compile("Het plan voor schooljaar"))).to_be_visible()
    check(office, "the whole plan")
    office.get_by_role("button", name="Plan opslaan").click()
    expect(office.get_by_role("heading", name="Jaarlijkse controle van de keuzes")).to_be_visible()
    expect(office.get_by_text(re.compile(r"gaat naar \d+ ouders.verzorgers"))).to_be_visible()
    check(office, "yearly check offered")
    office.get_by_role("link", name="Nu niet").click()

    plan = YearPlan.objects.get()
    next_year = plan.to_year
    # On the first day of the new year, cron starts it.
    call_command("start_school_year", date=next_year.starts_on.isoformat())
    on = next_year.starts_on
    moved = Pupil.objects.active().in_school_year(next_year, on=on)
    assert staying_back.group_in(next_year).name == "7"
    assert all(Pupil.objects.get(pk=pk).left_on == year.ends_on for pk in leavers)
    for pupil in Pupil.objects.filter(pk__in=moved).exclude(pk=staying_back.pk)[:20]:
        old, new = pupil.group_in(year), pupil.group_in(next_year)
        assert max(new.grades) == max(old.grades) + 1 or (old.is_combination and new.grades[-1] >= old.grades[-1])
