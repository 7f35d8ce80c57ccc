"""A teacher reports an incident from a phone with a screenshot attached, naming a pupil of groep 5
and one of groep 7 (bullying crosses groups); directie decides a measure; the decision letter is in
the pupil's dossier and is e-mailed to the parents."""

import datetime
import io
import re
from collections import Counter

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from julianaschool.models import ClassGroup, Pupil, SchoolYear
from tests.e2e.helpers import open_menu, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def small_png() -> bytes:
    """A 'screenshot of the class chat': a tiny real PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (120, 60), "white")
    ImageDraw.Draw(image).text((8, 22), "klassenchat", fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def two_pupils_of_groep_5_without_incidents() -> tuple[Pupil, Pupil]:
    """Two pupils of the demo's groep 5 with a clean record, each the only one of that name in the
    school (a person picks them from lists by name)."""
    group = ClassGroup.objects.get(school_year=SchoolYear.objects.current(), name="5")
    taken = Counter(pupil.full_name for pupil in Pupil.objects.all())
    pupils = Pupil.objects.in_group(group).filter(incident_parties__isnull=True).order_by("sort_name")
    first, second = [pupil for pupil in pupils if taken[pupil.full_name] == 1][:2]
    return first, second


def a_pupil_of_groep_7_without_incidents() -> Pupil:
    group = ClassGroup.objects.get(school_year=SchoolYear.objects.current(), name="7")
    taken = Counter(pupil.full_name for pupil in Pupil.objects.all())
    pupils = Pupil.objects.in_group(group).filter(incident_parties__isnull=True).order_by("sort_name")
    return next(pupil for pupil in pupils if taken[pupil.full_name] == 1)


def test_teacher_reports_an_incident_with_a_screenshot_directie_decides_and_the_letter_is_in_the_dossier(
    browse, phone, login, check, cast
):
    dader, slachtoffer = two_pupils_of_groep_5_without_incidents()
    witness = a_pupil_of_groep_7_without_incidents()
    occurred = timezone.localtime().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)

    # The teacher reports it from a phone, with a screenshot of the class chat.
    teacher = login(phone, "leerkracht")
    open_menu(teacher, "Incidenten")
    teacher.get_by_role("link", name="Incident melden").click()
    check(teacher, "incident report form (phone)")
    # Sent too soon: each error is tied to its field, so a screen reader reads it with the field.
    teacher.get_by_role("button", name="Melden").click()
    description = teacher.get_by_label("Wat is er gebeurd?")
    expect(description).to_have_attribute("aria-invalid", "true")
    expect(description).to_have_accessible_description(re.compile("Dit veld is verplicht"))
    check(teacher, "incident report form with errors (phone)")
    teacher.get_by_label("Wanneer").fill(occurred.strftime("%Y-%m-%dT%H:%M"))
    teacher.get_by_label("Waar").select_option(label="online")
    teacher.get_by_label("Platform (als het online gebeurde)").select_option(label="klassenchat")
    teacher.get_by_label("Categorie").select_option(label="Pesten")
    teacher.get_by_label("Wat is er gebeurd?").fill(
        f"In de klassenchat stuurde {dader.first_name} gemene berichten over {slachtoffer.first_name}."
    )
    teacher.get_by_label("Schermafbeeldingen of PDF").set_input_files(
        files=[{"name": "klassenchat.png", "mimeType": "image/png", "buffer": small_png()}]
    )
    parties = teacher.locator(".party-row")
    expect(parties).to_have_count(2)
    parties.nth(0).get_by_label("Rol").select_option(label="dader")
    parties.nth(0).get_by_label("Leerling").select_option(label=f"{dader.full_name} (groep 5)")
    parties.nth(1).get_by_label("Rol").select_option(label="slachtoffer")
    parties.nth(1).get_by_label("Leerling").select_option(label=f"{slachtoffer.full_name} (groep 5)")
    # A pupil of groep 7 saw it: a third row, added on the spot, and picked from the same list.
    teacher.get_by_role("button", name="Nog een betrokkene toevoegen").click()
    expect(parties).to_have_count(3)
    parties.nth(2).get_by_label("Rol").select_option(label="getuige")
    parties.nth(2).get_by_label("Leerling").select_option(label=f"{witness.full_name} (groep 7)")
    check(teacher, "incident report form with three parties (phone)")
    teacher.get_by_role("button", name="Melden").click()
    expect(teacher.get_by_role("status").filter(has_text="Het incident is gemeld")).to_be_visible()
    expect(teacher.get_by_role("link", name="klassenchat.png")).to_be_visible()
    check(teacher, "reported incident (phone)")

    # Directie opens it from the list of incidents and decides the proposed measure.
    directie = login(browse(), "directie")
    open_menu(directie, "Incidenten")
    check(directie, "incident list")
    with translation.override("nl"):
        when = dateformat.format(occurred, "j F Y H:i")
    directie.get_by_role("link", name=when, exact=True).click()
    expect(directie.get_by_text(f"Voorstel voor {dader.full_name} (groep 5): waarschuwing")).to_be_visible()
    expect(directie.get_by_text(f"{witness.full_name} (groep 7)")).to_be_visible()
    # The victim's row offers no measure; each measure link names whose it is.
    expect(directie.get_by_role("link", name=f"Maatregel voor {slachtoffer.full_name}")).to_have_count(0)
    check(directie, "incident (directie)")
    directie.get_by_role("link", name=f"Maatregel voor {dader.full_name} (groep 5)").click()
    expect(directie.get_by_label("Maatregel")).to_have_value("waarschuwing")
    check(directie, "measure form")
    expect(directie.get_by_text("Geen eerdere maatregelen in de afgelopen 12 maanden.")).to_be_visible()
    # Only the chosen measure's fields: a warning has no days; a schorsing does.
    expect(directie.get_by_label("Eerste dag (schorsing)")).to_be_hidden()
    directie.get_by_label("Maatregel").select_option("schorsing")
    expect(directie.get_by_label("Eerste dag (schorsing)")).to_be_visible()
    directie.get_by_label("Maatregel").select_option("waarschuwing")
    expect(directie.get_by_label("Eerste dag (schorsing)")).to_be_hidden()
    directie.get_by_label("Motivering").fill("Pesten in de klassenchat; eerste keer. Gesprek met leerling en ouders gevoerd.")
    directie.get_by_role("button", name="Besluiten").click()
    expect(directie.get_by_role("status").filter(has_text="Maatregel besloten")).to_be_visible()
    check(directie, "decided measure")
    # The demo's parents have an e-mail address: directie sends the letter from the portal.
    directie.get_by_role("button", name=re.compile("Brief e-mailen aan")).click()
    expect(directie.get_by_role("status").filter(has_text="per e-mail verstuurd")).to_be_visible()
    expect(directie.get_by_role("link", name="Brief downloaden om af te drukken (PDF)")).to_be_visible()

    # The decision letter is filed in the pupil's dossier.
    open_menu(directie, "Dossiers")
    directie.get_by_role("link", name=dader.full_name, exact=True).click()
    expect(directie.get_by_role("heading", name=f"Leerlingendossier: {dader.full_name}")).to_be_visible()
    letter = directie.get_by_role("listitem").filter(has_text="Brief:").get_by_role("link")
    expect(letter).to_have_count(1)
    check(directie, "pupil dossier")
    screenshot(directie, "pupil-dossier")
    with directie.expect_download() as download_info:
        letter.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
