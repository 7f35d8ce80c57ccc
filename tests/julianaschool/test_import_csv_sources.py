"""The CSV import takes what offices export (aliases, tussenvoegsel, mapping, warnings), never
answers 500 on a malformed file, and never links a child to an existing account without a tick."""

import csv

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from julianaschool import imports, services
from julianaschool.models import Guardian, GuardianLink, Pupil

HEADER = "leerlingnummer;voornaam;achternaam;geboortedatum;groep;ouder1_voornaam;ouder1_achternaam;ouder1_email\n"


def upload(client, data: bytes, name: str = "leerlingen.csv"):
    return client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_parnassys_column_names_are_recognised_whatever_their_case(world):
    data = ("Leerlingnummer;ROEPNAAM;Voorvoegsel;Achternaam;Geboortedatum;Groep;Naam ouder 1;E-mail ouder/verzorger 1;"
            "Telefoon ouder 1\n"
            "5001;Zoë;van der;Berg;2016-03-14;Groep 5;Marieke van der Berg;Marieke@Example.nl;0612345678\n").encode()
    plan = imports.read(data)
    assert plan.ok, plan.rows[0].problems
    assert not plan.warnings
    row = plan.rows[0]
    assert (row.first_name, row.tussenvoegsel, row.last_name, str(row.date_of_birth)) == ("Zoë", "van der", "Berg", "2016-03-14")
    assert row.group == world.group5
    assert (row.guardians[0].first_name, row.guardians[0].last_name) == ("Marieke", "van der Berg")
    assert row.guardians[0].email == "marieke@example.nl"


@pytest.mark.parametrize("header,column", [
    ("Roepnaam", "voornaam"), ("tussenvoegsel", "tussenvoegsel"), ("Voorvoegsel", "tussenvoegsel"),
    ("Geb. datum", "geboortedatum"), ("Leerlingnr", "leerlingnummer"), ("ouder1_email", "ouder1_email"),
    ("E-mailadres ouder 2", "ouder2_email"), ("Ouder 2 Telefoon", "ouder2_telefoon"), ("Naam verzorger 2", "ouder2_naam"),
    ("Adres", "ouder1_adres"), ("Kleur", None),
])
def test_administration_system_headers_map_to_the_portals_columns(header, column):
    assert imports.canonical_column(header) == column


@pytest.mark.parametrize("value", ["Groep 5", "groep 5", "5", " gr. 5 "])
def test_groep_5_and_5_name_the_same_group(world, value):
    plan = imports.read((HEADER + f"5002;Piet;Jansen;01-02-2016;{value};;;\n").encode())
    assert plan.rows[0].group == world.group5


def test_a_tussenvoegsel_column_is_saved_and_sorted_the_dutch_way(world):
    data = "leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;groep\n5003;Finn;van den;Berg;30-09-2016;5\n"
    services.import_pupils(plan=imports.read(data.encode()), actor=world.administratie)
    finn = Pupil.objects.get(student_number="5003")
    assert (finn.tussenvoegsel, finn.last_name, finn.full_name) == ("van den", "Berg", "Finn van den Berg")
    assert finn.sort_name.startswith("berg")


def test_an_unknown_column_is_a_warning_and_can_be_mapped(world, client_for):
    client = client_for(world.administratie)
    data = (b"leerlingnummer;voornaam;achternaam;geboortedatum;groep;Mail moeder\n"
            b"5004;Piet;Jansen;01-02-2016;5;ans@example.nl\n")
    page = upload(client, data).content.decode()
    assert "Mail moeder" in page and "kent het portaal niet" in page
    page = client.post(reverse("people:import"), {"koppel_kolommen": "1", "kolom:Mail moeder": "ouder1_email"}).content.decode()
    assert "kent het portaal niet" not in page
    client.post(reverse("people:import_confirm"))
    assert Guardian.objects.filter(email="ans@example.nl").exists() is False  # no achternaam: a row problem, nothing saved


def test_a_mapped_column_is_used_when_saving(world, client_for):
    client = client_for(world.administratie)
    data = (b"leerlingnummer;voornaam;achternaam;geboortedatum;groep;Achternaam moeder;Mail moeder\n"
            b"5005;Piet;Jansen;01-02-2016;5;Jansen;ans@example.nl\n")
    upload(client, data)
    client.post(reverse("people:import"), {"koppel_kolommen": "1", "kolom:Mail moeder": "ouder1_email",
                                           "kolom:Achternaam moeder": "ouder1_achternaam"})
    client.post(reverse("people:import_confirm"))
    assert Pupil.objects.get(student_number="5005").guardians.get().email == "ans@example.nl"


def test_question_marks_from_a_wrong_encoding_are_warned_about(world):
    plan = imports.read((HEADER + "5006;Zo?;Dijkstra;01-02-2016;5;;;\n").encode())
    assert plan.ok
    assert "een '?' waar waarschijnlijk een letter stond" in plan.rows[0].warnings[0]


def test_two_guardians_sharing_one_email_are_warned_about(world):
    header = HEADER.rstrip("\n") + ";ouder2_voornaam;ouder2_achternaam;ouder2_email\n"
    plan = imports.read((header + "5007;Piet;Jansen;01-02-2016;5;Ans;Jansen;gezin@example.nl;Kees;Jansen;gezin@example.nl\n"
                         "5008;Mies;Bos;01-02-2016;5;Truus;Bos;gezin@example.nl;;;\n").encode())
    assert "hetzelfde e-mailadres" in plan.rows[0].warnings[0]
    assert "ook het e-mailadres van een andere ouder" in plan.rows[1].warnings[0]


def test_the_sample_file_is_linked_from_the_import_page(world, client_for):
    client = client_for(world.administratie)
    assert reverse("people:import_sample") in client.get(reverse("people:import")).content.decode()
    response = client.get(reverse("people:import_sample"))
    assert response.status_code == 200
    assert imports.read(response.content).rows


def test_a_guardians_only_file_adds_families_to_pupils_from_edex(world):
    world.pupil5b.external_key = "#LL-17"
    world.pupil5b.save()
    data = "Leerlingnummer;Naam;E-mail;Telefoon;Adres\n#LL-17;Els Jansen;els@example.nl;0612345678;Dorpsstraat 1\n"
    plan = imports.read(data.encode())
    assert plan.guardians_only and plan.ok, plan.problems or plan.rows[0].problems
    assert "adres wordt niet bewaard" in plan.warnings[0].lower()
    services.import_pupils(plan=plan, actor=world.administratie)
    els = world.pupil5b.guardians.get()
    assert (els.first_name, els.last_name, els.phone) == ("Els", "Jansen", "0612345678")
    assert Pupil.objects.count() == 3  # no pupil made


def test_a_guardians_only_row_for_an_unknown_pupil_is_a_problem(world):
    plan = imports.read(b"leerlingnummer;naam ouder 1;email ouder 1\n999;Els Jansen;els@example.nl\n")
    assert "geen leerling met leerlingnummer" in plan.rows[0].problems[0]


# Issue 11 item 4: malformed files are problems in the preview, never a 500.

def test_cr_only_line_endings_are_read(world, client_for):
    data = (HEADER + "5010;Piet;Jansen;01-02-2016;5;;;\n5011;Kees;Bos;01-02-2016;5;;;\n").replace("\n", "\r").encode()
    response = upload(client_for(world.administratie), data)
    assert response.status_code == 200
    assert "Alle 2 regels zijn in orde" in response.content.decode()


def test_a_bare_cr_inside_a_field_is_a_row_problem(world, client_for):
    data = (HEADER + "5012;Pi\ret;Jansen;01-02-2016;5;;;\n").replace("\n", "\r\n").encode()
    response = upload(client_for(world.administratie), data)
    assert response.status_code == 200
    assert "Voornaam bevat een regeleinde" in response.content.decode()


def test_a_field_over_the_csv_limit_is_a_file_problem(world, client_for):
    data = (HEADER + '5013;"' + "x" * (csv.field_size_limit() + 10) + '";Jansen;01-02-2016;5;;;\n').encode()
    response = upload(client_for(world.administratie), data)
    assert response.status_code == 200
    assert "bevat een veld van meer dan" in response.content.decode()


def test_an_unclosed_quote_is_a_problem_not_a_500(world, client_for):
    response = upload(client_for(world.administratie), (HEADER + '5014;"Piet;Jansen;01-02-2016;5;;;\n').encode())
    assert response.status_code == 200
    assert "er wordt niets opgeslagen" in response.content.decode() or "kan niet gelezen" in response.content.decode()


@pytest.mark.parametrize("field,value,label", [
    ("voornaam", "P" * (Pupil._meta.get_field("first_name").max_length + 1), "Voornaam is te lang"),
    ("achternaam", "J" * (Pupil._meta.get_field("last_name").max_length + 1), "Achternaam is te lang"),
    ("leerlingnummer", "9" * (Pupil._meta.get_field("student_number").max_length + 1), "Leerlingnummer is te lang"),
])
def test_a_value_longer_than_the_database_holds_is_a_row_problem(world, client_for, field, value, label):
    values = {"leerlingnummer": "5015", "voornaam": "Piet", "achternaam": "Jansen"} | {field: value}
    line = f"{values['leerlingnummer']};{values['voornaam']};{values['achternaam']};01-02-2016;5;;;\n"
    client = client_for(world.administratie)
    page = upload(client, (HEADER + line).encode()).content.decode()
    assert label in page
    client.post(reverse("people:import_confirm"))
    assert not Pupil.objects.filter(first_name__startswith="PPPP").exists()


def test_a_guardian_name_longer_than_the_database_holds_is_a_row_problem(world):
    plan = imports.read((HEADER + f"5016;Piet;Jansen;01-02-2016;5;Ans;{'J' * 200};ans@example.nl\n").encode())
    assert not plan.ok


# Issue 11 item 10: a typo in an e-mail address must not hand a child to another family's account.

def test_a_new_link_to_an_existing_account_waits_for_a_tick(world, client_for):
    client = client_for(world.administratie)
    # The office means a new family but types ouder7's address: that account exists.
    data = (HEADER + f"5020;Piet;Jansen;01-02-2016;5;Ans;Jansen;{world.guardian7.email}\n").encode()
    page = upload(client, data).content.decode()
    assert "koppelen aan het account van" in page
    client.post(reverse("people:import_confirm"))  # saved without the tick
    piet = Pupil.objects.get(student_number="5020")
    assert not GuardianLink.objects.filter(guardian=world.guardian7, pupil=piet).exists()


def test_a_ticked_link_to_an_existing_account_is_saved(world, client_for):
    client = client_for(world.administratie)
    data = (HEADER + f"5021;Piet;Bakker;01-02-2016;5;Ouder7;Test;{world.guardian7.email}\n").encode()
    upload(client, data)
    client.post(reverse("people:import_confirm"), {"bevestig": [f"2:{world.guardian7.email}"]})
    piet = Pupil.objects.get(student_number="5021")
    assert GuardianLink.objects.filter(guardian=world.guardian7, pupil=piet).exists()


def test_a_link_already_there_needs_no_tick(world):
    world.pupil7.student_number = "5022"
    world.pupil7.save()
    data = (HEADER + f"5022;Mila;Bakker;12-06-2014;7;Ouder7;Test;{world.guardian7.email}\n").encode()
    plan = imports.read(data)
    assert plan.account_links == []


def test_a_guardian_without_an_account_is_matched_by_email_without_a_tick(world):
    other = Guardian.objects.create(first_name="Ans", last_name="Jansen", email="ans@example.nl")
    plan = imports.read((HEADER + "5023;Piet;Jansen;01-02-2016;5;Ans;Jansen;ans@example.nl\n").encode())
    assert plan.account_links == []
    services.import_pupils(plan=plan, actor=world.administratie)
    assert other.pupils.filter(student_number="5023").exists()
