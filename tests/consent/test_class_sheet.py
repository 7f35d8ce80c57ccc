"""The class sheet (groepskaart): readable without colour, filterable, printable, fixed query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent import state
from consent.current import services as projection
from julianaschool import services as people
from tests.consent.helpers import answer_as
from tests.helpers import make_pupil


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
    client.get(url)  # warm caches (content types, sessions) so both counts measure the page alone
    _fill(world.group5, 8)  # 10 pupils with pupil5 and pupil5b
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    # The first request after a change counts; the page's snapshot serves the next (SQLite:
    # on PostgreSQL a test's own transaction always counts, consent/snapshots/store.py).
    with_ten = (_queries(client, url), _queries(client, url))
    _fill(world.group5, 50)  # 60 pupils
    with_sixty = (_queries(client, url), _queries(client, url))
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
    import io

    from pypdf import PdfReader

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


# --- the latest record per voice (the database picks them) gives what the whole history gives


def _whole_history(pupil_ids, purposes, rule):
    """The state as the ledger's full history folds it: every record, oldest first."""
    from consent.models import ConsentRecord

    rows = (ConsentRecord.objects.filter(pupil_id__in=pupil_ids, purpose_id__in=[p.pk for p in purposes])
            .order_by("recorded_at", "id")
            .values_list("id", "pupil_id", "purpose_id", "guardian_id", "given", "ended", "recorded_at",
                         "purpose_version__number"))
    return state._reduce(rows, {p.pk: p.asked_from for p in purposes}, rule)


@pytest.mark.parametrize("rule", ["most_restrictive", "latest"])
def test_latest_record_per_voice_gives_the_same_state_as_the_whole_history(world, purposes, settings, rule):
    """Random histories: two guardians and the office answering, answers to a version that no
    longer counts, a pupil leaving (consent ended) and answers after it, equal timestamps."""
    import random

    from django.utils import timezone

    from consent.models import ConsentRecord, Purpose, PurposeVersion

    settings.CONSENT_GUARDIAN_RULE = rule
    rng = random.Random(20261125)
    website, parro = purposes["website"], purposes["parro"]
    v2 = PurposeVersion.objects.create(purpose=website, number=2, name=website.name, explanation="nieuw",
                                       media="foto", text_sha256="x" * 64)
    Purpose.objects.filter(pk=website.pk).update(asked_from=2)
    chosen = list(Purpose.objects.filter(pk__in=[website.pk, parro.pk]))
    versions = {website.pk: [website.current_version, v2], parro.pk: [parro.current_version]}
    voices = [world.guardian5, world.guardian7, None]
    start = timezone.now() - datetime.timedelta(days=30)
    pupils = [make_pupil(f"Geschiedenis{i}", "Test", world.group5) for i in range(40)]
    records = []
    for pupil in pupils:
        for _ in range(rng.randint(0, 9)):
            purpose = rng.choice(chosen)
            ended = rng.random() < 0.1
            records.append(ConsentRecord(
                pupil=pupil, purpose=purpose, purpose_version=rng.choice(versions[purpose.pk]),
                given=rng.random() < 0.5, ended=ended, guardian=None if ended else rng.choice(voices),
                decider_role="systeem" if ended else "ouder", decided_by_name="test", method="web",
                recorded_at=start + datetime.timedelta(hours=rng.randint(0, 12)), text_sha256="x" * 64))
    projection.append(records)  # into the ledger, as the services write it (with its projection)
    ids = [p.pk for p in pupils]

    latest, whole = state.pupil_answers(ids, chosen), _whole_history(ids, chosen, rule)
    cells = [(pk, purpose.pk) for pk in ids for purpose in chosen]
    assert [state.answer(latest, *cell) for cell in cells] == [state.answer(whole, *cell) for cell in cells]
    # The histories did hold the cases that matter.
    assert any(a.ended for a in whole.values()) and any(a.disagreement for a in whole.values())
    assert any(a.given for a in whole.values()) and any(a.answered and not a.given for a in whole.values())


# --- never a stale sheet


def _sheet(client, group) -> str:
    html = client.get(reverse("consent:class_sheet", args=[group.pk])).content.decode()
    return html[html.index("<tbody>"):html.index("</tbody>")]


def _website_cell(body: str, pupil) -> str:
    """The website cell of a pupil's row (the purposes' order: see the seeded positions)."""
    from consent.models import Purpose

    row = body[body.index(pupil.full_name):]
    row = row[:row.index("</tr>")]
    index = [p.slug for p in Purpose.objects.active()].index("website")
    return row.split("<td")[1 + index]


def test_withdrawn_consent_shows_on_the_class_sheet_at_once(client_for, world, purposes):
    teacher = client_for(world.leerkracht5)
    answer_as(world.ouder5, world.pupil5, website=True)
    assert "✔</span> ja" in _website_cell(_sheet(teacher, world.group5), world.pupil5)
    answer_as(world.ouder5, world.pupil5, website=False)  # the same second
    assert "✖</span> nee" in _website_cell(_sheet(teacher, world.group5), world.pupil5)
    answer_as(world.ouder5, world.pupil5, website=True)
    assert "✔</span> ja" in _website_cell(_sheet(teacher, world.group5), world.pupil5)


def test_every_change_that_the_table_shows_reaches_the_sheet_at_once(client_for, world, purposes, settings):
    from consent import services as consent_services

    teacher = client_for(world.leerkracht5)
    before = _sheet(teacher, world.group5)
    # Another guardian (here: the office entering a call) answers: a new ledger record.
    consent_services.record_office_entry(pupil=world.pupil5b, choices={purposes["website"].pk: True},
                                         actor=world.administratie, method="telefoon", note="gebeld")
    after_call = _sheet(teacher, world.group5)
    assert after_call != before and "✔</span> ja" in _website_cell(after_call, world.pupil5b)
    # A pupil is renamed, a pupil joins the group.
    world.pupil5.first_name = "Saskia"
    world.pupil5.save()
    assert "Saskia de Vries" in _sheet(teacher, world.group5)
    newcomer = make_pupil("Nieuwkomer", "Test", world.group5)
    assert newcomer.full_name in _sheet(teacher, world.group5)
    # The guardian rule changes: pupil5's two voices now disagree.
    settings.CONSENT_GUARDIAN_RULE = "latest"
    consent_services.record_office_entry(pupil=world.pupil5, choices={purposes["website"].pk: True},
                                         actor=world.administratie, method="telefoon", note="gebeld")
    answer_as(world.ouder5, world.pupil5, website=False)
    assert "ouders oneens" in _website_cell(_sheet(teacher, world.group5), world.pupil5)
    assert "✖</span> nee" in _website_cell(_sheet(teacher, world.group5), world.pupil5)
    settings.CONSENT_GUARDIAN_RULE = "most_restrictive"
    assert "✖</span> nee" in _website_cell(_sheet(teacher, world.group5), world.pupil5)
    # A purpose is retired: its column goes.
    consent_services.retire_purpose(purpose=purposes["parro"], actor=world.directie)
    assert _sheet(teacher, world.group5).count("<td") == 3 * (len(purposes) - 1)
