"""The office imports pupils, groups and guardians from a CSV: preview first, all or nothing, idempotent."""

from pathlib import Path

import pytest
from django.urls import reverse

from julianaschool import imports, services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, Guardian, GuardianLink, Pupil

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "import-voorbeeld.csv"
HEADER = "leerlingnummer;voornaam;achternaam;geboortedatum;groep;ouder1_voornaam;ouder1_achternaam;ouder1_email;ouder2_voornaam;ouder2_achternaam;ouder2_email\n"


def csv_bytes(*lines: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return (header + "\n".join(lines) + "\n").encode(encoding)


@pytest.fixture
def groups(world):
    """The sample file names groups 3, 5, 6 and 7 of the current school year."""
    from julianaschool.models import ClassGroup

    for name in ("3", "6"):
        ClassGroup.objects.create(school_year=world.school_year, name=name)
    return world


def upload(client, data: bytes, name: str = "leerlingen.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_administrator_previews_then_saves_the_sample_file(groups, world, client_for):
    client = client_for(world.administratie)
    before = Pupil.objects.count()
    response = upload(client, SAMPLE.read_bytes())
    assert response.status_code == 200
    assert "Alle 4 regels zijn in orde" in response.content.decode()
    assert Pupil.objects.count() == before  # the preview saves nothing
    response = client.post(reverse("people:import_confirm"))
    assert response.status_code == 302
    assert Pupil.objects.count() == before + 4
    sanne = Pupil.objects.get(student_number="1001")
    assert sanne.group_in(groups.school_year).name == "5"
    assert {g.email for g in sanne.guardians.all()} == {"marieke.devries@example.nl", "jeroen.devries@example.nl"}
    # Siblings share their parents: one guardian record linked to both children.
    marieke = Guardian.objects.get(email="marieke.devries@example.nl")
    assert set(marieke.pupils.values_list("student_number", flat=True)) == {"1001", "1002"}
    assert AuditEntry.objects.filter(action=CoreAction.FILE_IMPORTED, actor=world.administratie).exists()


def test_importing_the_same_file_again_changes_nothing(groups, world):
    plan = imports.read(SAMPLE.read_bytes())
    services.import_pupils(plan=plan, actor=world.administratie)
    counts = (Pupil.objects.count(), Guardian.objects.count(), GuardianLink.objects.count())
    second = services.import_pupils(plan=imports.read(SAMPLE.read_bytes()), actor=world.administratie)
    assert second == {"nieuwe leerlingen": 0, "gewijzigde leerlingen": 0, "nieuwe ouders": 0, "nieuwe koppelingen": 0}
    assert (Pupil.objects.count(), Guardian.objects.count(), GuardianLink.objects.count()) == counts


def test_windows_1252_and_comma_separated_files_are_read(world):
    header = HEADER.replace(";", ",")
    plan = imports.read(csv_bytes("2001,Zoë,Dijkstra,01-02-2016,5,,,,,,", header=header, encoding="cp1252"))
    assert plan.ok
    assert plan.rows[0].first_name == "Zoë"


@pytest.mark.parametrize(
    "line,problem",
    [
        ("3001;;Jansen;01-02-2016;5;;;;;;", "Voornaam ontbreekt."),
        ("3001;Piet;;01-02-2016;5;;;;;;", "Achternaam ontbreekt."),
        ("3001;Piet;Jansen;31-02-2016;5;;;;;;", "is geen datum"),
        ("3001;Piet;Jansen;;5;;;;;;", "Geboortedatum ontbreekt."),
        ("3001;Piet;Jansen;01-02-2016;9;;;;;;", "bestaat niet in schooljaar"),
        ("3001;Piet;Jansen;01-02-2016;;;;;;;", "Groep ontbreekt."),
        (";Piet;Jansen;01-02-2016;5;;;;;;", "Leerlingnummer ontbreekt."),
        ("3001;Piet;Jansen;01-02-2016;5;Ans;Jansen;geen-adres;;;", "ongeldig"),
    ],
)
def test_every_kind_of_bad_row_is_named_and_nothing_is_saved(world, client_for, line, problem):
    client = client_for(world.administratie)
    good = "3002;Kees;de Boer;05-05-2015;7;;;;;;"
    before = Pupil.objects.count()
    response = upload(client, csv_bytes(good, line))
    page = response.content.decode()
    assert problem in page
    assert "er wordt niets opgeslagen" in page
    assert "Alles opslaan" not in page
    # Even a forged confirm finds nothing to save.
    client.post(reverse("people:import_confirm"))
    assert Pupil.objects.count() == before


def test_a_pupil_twice_in_one_file_is_a_duplicate(world):
    plan = imports.read(csv_bytes("4001;Piet;Jansen;01-02-2016;5;;;;;;", "4001;Piet;Jansen;01-02-2016;5;;;;;;"))
    assert not plan.ok
    assert "Dubbel" in plan.rows[1].problems[0]


def test_a_file_without_the_required_columns_is_refused(world):
    plan = imports.read(b"naam;klas\nPiet;5\n")
    assert not plan.ok
    assert "mist de kolom" in plan.problems[0]


def test_a_binary_file_is_refused_with_a_message(world, client_for):
    response = upload(client_for(world.administratie), b"%PDF-1.7\x00\x01binary", name="scan.csv")
    assert "geen CSV-bestand" in response.content.decode()


def test_a_teacher_cannot_import(world, client_for):
    assert upload(client_for(world.leerkracht5), SAMPLE.read_bytes()).status_code == 403
