"""The class sheet at the moment of posting, and the AVG export as a readable PDF (issue 18)."""

import csv
import io

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.consent.helpers import answer_as
from tests.helpers import make_pupil


def test_a_teacher_reaches_who_may_not_be_on_parro_in_one_tap_from_the_dashboard(client_for, world, purposes):
    html = client_for(world.leerkracht5).get(reverse("dashboard")).content.decode()
    url = reverse("consent:not_allowed", args=[world.group5.pk, "parro"])
    assert f'href="{url}"' in html
    assert reverse("consent:not_allowed", args=[world.group7.pk, "parro"]) not in html


def test_the_phone_list_names_only_who_may_not_be_on_the_channel(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    other = make_pupil("Noor", "Bakker", world.group5)
    html = client_for(world.leerkracht5).get(reverse("consent:not_allowed", args=[world.group5.pk, "parro"])).content.decode()
    assert "Wie mag NIET op Parro (besloten groepsomgeving)" in html
    assert other.full_name in html
    assert world.pupil5.full_name not in html
    assert "<table" not in html


def test_the_phone_list_of_an_unknown_channel_or_another_group_is_not_found(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    assert client.get(reverse("consent:not_allowed", args=[world.group5.pk, "bestaat-niet"])).status_code == 404
    assert client.get(reverse("consent:not_allowed", args=[world.group7.pk, "parro"])).status_code == 404


def test_the_phone_list_in_english_names_the_channel_in_english(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consent:not_allowed", args=[world.group5.pk, "website"])).content.decode()
    assert "Who may NOT appear on School website" in html


def test_the_phone_list_does_not_grow_in_queries_with_the_group(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    url = reverse("consent:not_allowed", args=[world.group5.pk, "parro"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(15):
        make_pupil(f"Extra{i}", "Kind", world.group5)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_full_sheet_has_its_legend_first_a_sticky_header_and_marks_by_symbol_word_and_colour(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, parro=True)
    html = client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    assert html.index('class="consent-legend') < html.index("<table")
    assert 'class="consent-sheet-scroll" tabindex="0" role="region"' in html
    assert '<td class="cell-yes"><span class="consent-mark consent-yes"><span aria-hidden="true">✔</span> ja' in html
    assert "js/class_sheet.js" in html
    assert reverse("consent:not_allowed", args=[world.group5.pk, "parro"]) in html


def test_a_parent_downloads_everything_the_school_holds_about_the_child_as_a_pdf(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    response = client_for(world.ouder5).get(reverse("consent:pupil_export_pdf", args=[world.pupil5.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    for expected in (world.pupil5.full_name, "Gegevens van de leerling", world.guardian5.full_name, "Schoolwebsite",
                     "Alle vastgelegde keuzes", "sha256", "Publicaties"):
        assert expected in text.replace("\r\n", " ").replace("\n", " ")


def test_the_csv_export_also_holds_the_pupils_and_guardians_data(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)
    response = client_for(world.ouder5).get(reverse("consent:pupil_export", args=[world.pupil5.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["gegevens van de leerling"] in rows
    assert ["voornaam", world.pupil5.first_name] in rows
    assert ["naam", world.guardian5.full_name] in rows
