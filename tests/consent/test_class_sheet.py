"""The class sheet (groepskaart): readable without colour, filterable, printable, fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from julianaschool import services as people
from tests.conftest import make_pupil
from tests.consent.conftest import answer_as


def _fill(group, count):
    for index in range(count):
        make_pupil(f"Kind{index}", "Test", group)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["consent:class_sheet", "consent:class_sheet_csv"])
def test_class_sheet_query_count_does_not_grow_with_the_group(client_for, world, purposes, path):
    client = client_for(world.leerkracht5)
    url = reverse(path, args=[world.group5.pk])
    _fill(world.group5, 8)  # 10 pupils with pupil5 and pupil5b
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    client.get(url)  # warm caches (content types, sessions) so both counts measure the page alone
    with_ten = _queries(client, url)
    _fill(world.group5, 50)  # 60 pupils
    with_sixty = _queries(client, url)
    assert with_ten == with_sixty


def test_each_cell_says_yes_or_no_in_words_and_symbols_with_the_date(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    html = client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    assert "✔</span> ja" in html
    assert "✖</span> nee" in html
    assert "nee</span> <span class=\"consent-sub\">open</span>" in html  # pupil5b: nobody answered, which counts as no
    assert datetime.date.today().strftime("%-d-%-m-%Y") in html


def test_filter_shows_who_may_not_be_shown_on_a_channel(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    url = reverse("consent:class_sheet", args=[world.group5.pk]) + "?niet=website"
    html = client_for(world.leerkracht5).get(url).content.decode()
    assert world.pupil5b.full_name in html
    assert world.pupil5.full_name not in html
    assert "alleen wie NIET mag op: Schoolwebsite" in html


def test_a_pupil_who_left_disappears_from_the_class_sheet(client_for, world, purposes):
    people.mark_pupil_left(pupil=world.pupil5b, left_on=datetime.date.today(), actor=world.administratie)
    html = client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    assert world.pupil5b.full_name not in html
    assert world.pupil5.full_name in html


def test_teacher_of_another_group_gets_404_and_a_parent_403(client_for, world, purposes):
    url = reverse("consent:class_sheet", args=[world.group5.pk])
    assert client_for(world.leerkracht7).get(url).status_code == 404
    assert client_for(world.ouder5).get(url).status_code == 403


def test_class_sheet_downloads_as_a_one_page_a4_pdf(client_for, world, purposes):
    from pypdf import PdfReader
    import io

    _fill(world.group5, 28)  # a full group of 30
    response = client_for(world.leerkracht5).get(reverse("consent:class_sheet_pdf", args=[world.group5.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert sorted([round(width), round(height)]) == [595, 842]  # A4 in points
    assert "Sanne de Vries" in reader.pages[0].extract_text()


def test_class_sheet_csv_has_a_row_per_pupil_and_a_yes_no_per_purpose(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    response = client_for(world.directie).get(reverse("consent:class_sheet_csv", args=[world.group5.pk]))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3
    sanne = next(line for line in lines if line.startswith("Sanne de Vries"))
    cells = sanne.split(";")
    assert cells[1 + 2 * list(purposes).index("website")] == "ja"
    assert cells[1] == "nee"  # parro: no answer
