"""The class sheet and directie's overview are remembered between requests, and never shown stale:
every change to what they read (an answer, a guardian link, a move, a leaver, a name, a channel)
shows on the very next request (consent/snapshots/store.py says how)."""

import datetime
import re

import lxml.html
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from consent import counts
from consent import services as consent_services
from consent.snapshots import triggers
from consent.snapshots.models import GroupStamp, Snapshot, SnapshotStamp
from consent.snapshots.store import remembered
from julianaschool import family_services, group_services, pupil_services
from julianaschool import services as people
from tests.consent.helpers import answer_as


def _get(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    # The CSRF token is masked anew on every response; the rest must be the same page.
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return page, len(context.captured_queries)


def _installed_triggers(name: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [f"{name}_%"])
        else:
            cursor.execute("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                           "WHERE t.tgname = %s", [name])
        return {row[0] for row in cursor.fetchall()}


def test_every_table_a_snapshot_reads_has_its_stamping_trigger_in_the_database(db):
    assert _installed_triggers("snapshot_stale") == set(triggers.TABLES)
    assert _installed_triggers("snapshot_group_stale") == set(triggers.GROUP_TABLES)


def _pupil5_row(html: str) -> str:
    """The text of pupil5's row on the sheet ("" when she is not on it)."""
    rows = lxml.html.fromstring(html).xpath("//tbody/tr[contains(., 'de Vries')]")
    return " ".join(rows[0].text_content().split()) if rows else ""


def _answer(world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True)


def _rename(world, purposes):
    pupil_services.update_pupil(pupil=world.pupil5, first_name="Saskia", last_name="de Vries",
                                date_of_birth=world.pupil5.date_of_birth, actor=world.directie)


def _move(world, purposes):
    group_services.move_pupil(pupil=world.pupil5, group=world.group7, on=datetime.date.today(), actor=world.directie)


def _leave(world, purposes):
    people.mark_pupil_left(pupil=world.pupil5, left_on=datetime.date.today() - datetime.timedelta(days=1),
                           actor=world.directie)


def _end_guardian_link(world, purposes):
    family_services.remove_guardian(pupil=world.pupil5, guardian=world.guardian5, reason="gezag beëindigd",
                                    actor=world.administratie)


def _retire_channel(world, purposes):
    consent_services.retire_purpose(purpose=purposes["website"], actor=world.directie)


# What each change does to pupil5's row of group 5's sheet, read back from the next page.
CHANGES = {
    "a parent's answer": (_answer, lambda html: "✔ ja" in _pupil5_row(html)),
    "a corrected name": (_rename, lambda html: "Saskia" in _pupil5_row(html)),
    "a move to another group": (_move, lambda html: _pupil5_row(html) == ""),
    "a pupil who left": (_leave, lambda html: _pupil5_row(html) == ""),
    "an ended guardian link": (_end_guardian_link, lambda html: "✔ ja" not in _pupil5_row(html)),
    "a retired channel": (_retire_channel, lambda html: "Schoolwebsite" not in html),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_teacher_sees_every_change_on_the_class_sheet_at_the_next_request(client_for, world, purposes, change):
    if change == "an ended guardian link":
        answer_as(world.ouder5, world.pupil5, website=True)
    client = client_for(world.leerkracht5)
    url = reverse("consent:class_sheet", args=[world.group5.pk])
    before, _ = _get(client, url)
    assert _get(client, url)[0] == before  # the second request may come from the snapshot
    make_change, shows = CHANGES[change]
    assert not shows(before)
    make_change(world, purposes)
    assert shows(_get(client, url)[0])


def test_directie_sees_a_new_answer_and_a_staff_members_own_answer_on_the_overview_at_once(client_for, world, purposes):
    client = client_for(world.directie)
    url = reverse("consent:overview")
    before, _ = _get(client, url)
    assert _get(client, url)[0] == before
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    after_parent, _ = _get(client, url)
    assert after_parent != before
    consent_services.record_staff_choices(staff=world.leerkracht7.staff, choices={purposes["website"].pk: True},
                                          actor=world.leerkracht7)
    assert _get(client, url)[0] != after_parent


def test_the_english_sheet_is_not_served_from_the_dutch_one(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    url = reverse("consent:class_sheet", args=[world.group5.pk])
    dutch, _ = _get(client, url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english, _ = _get(client, url)
    assert "✖</span> nee" in dutch
    assert "✖</span> no" in english and "✖</span> nee" not in english


# Transactional: each request commits on its own, as in production, so PostgreSQL's deferred
# trigger runs at the change's commit and its snapshot may be kept (a test's own open
# transaction never keeps one there).
@pytest.mark.django_db(transaction=True)
def test_a_remembered_sheet_is_the_same_page_for_fewer_queries_until_a_committed_answer(client_for, world, purposes):
    client = client_for(world.leerkracht5)
    url = reverse("consent:class_sheet", args=[world.group5.pk])
    computed, computed_queries = _get(client, url)
    remembered_html, remembered_queries = _get(client, url)
    assert remembered_html == computed
    assert remembered_queries < computed_queries
    stamp = GroupStamp.objects.filter(group_id=world.group5.pk).values_list("n", flat=True).first() or 0
    answer_as(world.ouder5, world.pupil5, website=True)
    assert GroupStamp.objects.get(group_id=world.group5.pk).n > stamp
    assert "✔ ja" in _pupil5_row(_get(client, url)[0])


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_stored_under_an_older_stamp_is_never_used(world):
    assert remembered("test:key", lambda: {"value": 1}) == {"value": 1}
    assert remembered("test:key", lambda: {"value": 2}) == {"value": 1}  # unchanged: remembered
    Snapshot.objects.filter(key="test:key").update(stamp=SnapshotStamp.objects.get().n - 1)
    assert remembered("test:key", lambda: {"value": 3}) == {"value": 3}
    world.pupil7.first_name = "Milou"
    world.pupil7.save()
    assert remembered("test:key", lambda: {"value": 4}) == {"value": 4}


def test_a_remembered_sheet_states_the_time_of_the_request_and_no_name_can_take_its_place(client_for, world, purposes):
    pupil_services.update_pupil(pupil=world.pupil5b, first_name="<now>", last_name="Jansen",
                                date_of_birth=world.pupil5b.date_of_birth, actor=world.directie)
    client = client_for(world.leerkracht5)
    url = reverse("consent:class_sheet", args=[world.group5.pk])
    first, _ = _get(client, url)
    again, _ = _get(client, url)  # from the snapshot
    for html in (first, again):
        caption = " ".join(lxml.html.fromstring(html).xpath("//caption")[0].text_content().split())
        assert "stand van " + date_format(timezone.localtime(), "j F Y") in caption
        assert "&lt;now&gt; Jansen" in html


def test_an_answer_in_group_7_leaves_group_5s_remembered_sheet_and_changes_group_7s_and_the_overview(
        client_for, world, purposes):
    teacher5, teacher7 = client_for(world.leerkracht5), client_for(world.leerkracht7)
    sheet5 = reverse("consent:class_sheet", args=[world.group5.pk])
    sheet7 = reverse("consent:class_sheet", args=[world.group7.pk])
    overview = client_for(world.directie)
    _get(teacher5, sheet5), _get(teacher7, sheet7)
    kept5, kept_queries = _get(teacher5, sheet5)
    before_overview, _ = _get(overview, reverse("consent:overview"))
    answer_as(world.ouder7, world.pupil7, website=True)
    assert "✔ ja" in " ".join(lxml.html.fromstring(_get(teacher7, sheet7)[0]).xpath("string(//tbody)").split())
    assert _get(overview, reverse("consent:overview"))[0] != before_overview
    if connection.vendor == "sqlite":  # PostgreSQL: a test's own open transaction never keeps one
        assert _get(teacher5, sheet5) == (kept5, kept_queries)  # still the remembered page


@pytest.mark.django_db(transaction=True)
def test_a_committed_answer_raises_only_the_stamps_of_its_pupils_groups(world, purposes):
    def stamps():
        return dict(GroupStamp.objects.values_list("group_id", "n")), SnapshotStamp.objects.get().n

    answer_as(world.ouder5, world.pupil5, website=True)
    groups, stamp = stamps()
    answer_as(world.ouder7, world.pupil7, website=False)
    after, stamp_after = stamps()
    assert after[world.group7.pk] > groups.get(world.group7.pk, 0)
    assert after[world.group5.pk] == groups[world.group5.pk]
    assert stamp_after == stamp  # an answer is no change to the school's stamp
    consent_services.record_staff_choices(staff=world.leerkracht7.staff, choices={purposes["website"].pk: True},
                                          actor=world.leerkracht7)
    assert stamps()[1] > stamp  # a staff member's own answer is: the overview's staff rows show it


@pytest.mark.django_db(transaction=True)
def test_the_overview_made_of_remembered_group_parts_is_the_overview_counted_afresh(client_for, world, purposes,
                                                                                    monkeypatch):
    counted = []  # the groups the overview counts again (the real count runs)
    real = counts.group_counts
    monkeypatch.setattr(counts, "group_counts", lambda groups, p: counted.append({g.pk for g in groups}) or real(groups, p))
    client = client_for(world.directie)
    url = reverse("consent:overview")
    _get(client, url)
    answer_as(world.ouder5, world.pupil5, website=True, parro=True)
    _get(client, url)  # group 5 counted again, group 7 from its part
    answer_as(world.ouder7, world.pupil7, website=False, parro=True)
    with CaptureQueriesContext(connection) as context:
        composed, _ = _get(client, url)  # group 7 counted again, group 5 from its part
    assert any("overview-group:" in q["sql"] for q in context.captured_queries)
    assert counted == [{world.group5.pk, world.group7.pk}, {world.group5.pk}, {world.group7.pk}]
    Snapshot.objects.all().delete()
    afresh, _ = _get(client, url)
    assert composed == afresh
    assert "1 / 1 / 2" in composed  # group 5's website: answered / yes / pupils
