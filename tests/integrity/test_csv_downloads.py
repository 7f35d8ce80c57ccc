"""Every CSV the portal writes neutralises formulas (issue 11, item 2): a name beginning with
= + - @, a tab or a carriage return comes out as text (a leading apostrophe), per OWASP."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse

from consent import services as consent_services
from consent.models import Purpose
from incidents.models import Category
from julianaschool.downloads import safe_cell
from tests.incidents.helpers import report

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("http://evil.example/","klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]


def _cells(response) -> list[str]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row]


def _assert_no_formula(cells):
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert dangerous == []


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_that_could_start_a_formula_gets_a_leading_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Sanne", "de Vries", "", "2026-09-01", "'al tekst"])
def test_an_ordinary_cell_is_left_alone(value):
    assert safe_cell(value) == value


def test_a_csv_cell_keeps_numbers_even_negative_ones_as_numbers():
    assert safe_cell(-2) == -2 and safe_cell(3) == 3


@pytest.mark.parametrize("name", HOSTILE)
def test_class_sheet_csv_neutralises_a_hostile_pupil_name(world, client_for, name):
    world.pupil5.first_name = name
    world.pupil5.save()
    response = client_for(world.leerkracht5).get(reverse("consent:class_sheet_csv", args=[world.group5.pk]))
    cells = _cells(response)
    _assert_no_formula(cells)
    assert "'" + world.pupil5.full_name in cells


@pytest.mark.parametrize("name", HOSTILE)
def test_pupil_avg_export_neutralises_hostile_pupil_and_guardian_names(world, client_for, name):
    world.pupil5.first_name = name
    world.pupil5.save()
    world.guardian5.first_name = ""
    world.guardian5.last_name = name
    world.guardian5.save()
    purpose = Purpose.objects.active().first()
    consent_services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil5,
                                             choices={purpose.pk: True}, actor=world.ouder5)
    response = client_for(world.ouder5).get(reverse("consent:pupil_export", args=[world.pupil5.pk]))
    cells = _cells(response)
    _assert_no_formula(cells)
    assert "'" + world.pupil5.full_name in cells and "'" + world.guardian5.full_name in cells


@pytest.mark.parametrize("name", HOSTILE)
def test_incident_statistics_csv_neutralises_a_hostile_category_name(world, client_for, name):
    Category.objects.create(name=name)
    report(world, category=name)
    response = client_for(world.directie).get(reverse("incidents:statistics_csv"),
                                              {"school_year": world.school_year.pk})
    cells = _cells(response)
    _assert_no_formula(cells)
    assert "'" + name in cells


def test_no_module_writes_a_csv_but_the_one_writer():
    writers = []
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in (".venv", "tests", "bench") or path.name == "downloads.py":
            continue
        text = path.read_text()
        if re.search(r"csv\.(writer|DictWriter)\(|text/csv", text):
            writers.append(str(path.relative_to(ROOT)))
    assert writers == []
