"""Directie's overview: coverage per group and purpose, open questions, reminders, the yearly mail."""

import lxml.html
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from consent.models import ConsentRecord
from tests.consent.helpers import answer_as, current


def _cells_of_row(html: str, heading: str) -> list[str]:
    """The texts of the cells of the table row whose heading reads `heading`."""
    row = lxml.html.fromstring(html).xpath("//tr[normalize-space(th) = $h]", h=heading)[0]
    return [" ".join(td.text_content().split()) for td in row.xpath("td")]


def test_overview_counts_answered_and_yes_per_group_and_purpose(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, website=True, parro=False)
    html = client_for(world.directie).get(reverse("consent:overview")).content.decode()
    cells = dict(zip(purposes, _cells_of_row(html, str(world.group5)), strict=True))
    assert cells["website"] == "1 / 1 / 2"  # answered / yes / pupils
    assert cells["parro"] == "1 / 0 / 2"
    assert "<svg" in html


def test_overview_lists_pupils_without_an_answer(client_for, world, purposes):
    answer_as(world.ouder5, world.pupil5, **{slug.replace("-", "_"): True for slug in purposes})
    html = client_for(world.directie).get(reverse("consent:overview")).content.decode()
    assert world.pupil5b.full_name in html
    assert world.pupil7.full_name in html
    assert f'>{world.pupil5.full_name}<' not in html


def test_reminder_button_mails_the_guardians_of_pupils_without_an_answer(client_for, world, purposes, django_capture_on_commit_callbacks):
    answer_as(world.ouder5, world.pupil5, **{slug.replace("-", "_"): True for slug in purposes})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.directie).post(reverse("consent:remind"), {"bevestig": "ja"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[world.ouder7.email]]
    assert world.pupil7.full_name in mail.outbox[0].body


def test_reminder_command_for_cron_sends_the_same_mails(world, purposes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("consent_reminders", stdout=open("/dev/null", "w"))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.ouder5.email, world.ouder7.email])


def test_yearly_check_mails_every_parent_and_resets_nothing(world, purposes, django_capture_on_commit_callbacks):
    answer_as(world.ouder5, world.pupil5, website=True)
    before = ConsentRecord.objects.count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("consent_yearly_check", stdout=open("/dev/null", "w"))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.ouder5.email, world.ouder7.email])
    assert "blijven gewoon gelden" in mail.outbox[0].body
    assert ConsentRecord.objects.count() == before
    assert current(world.pupil5, purposes["website"]).given is True


def test_directie_sees_how_many_parents_a_reminder_reaches_before_it_goes(client_for, world, purposes,
                                                                         django_capture_on_commit_callbacks):
    answer_as(world.ouder5, world.pupil5, **{slug.replace("-", "_"): True for slug in purposes})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.directie).post(reverse("consent:remind"))
    assert response.status_code == 200 and mail.outbox == []
    page = response.content.decode()
    assert "1 ouder/verzorger met een kind zonder antwoord krijgt een herinnering" in page
    assert 'name="bevestig" value="ja"' in page


def test_overview_links_each_group_to_its_class_sheet_and_shows_a_disagreement(client_for, world, purposes,
                                                                                 second_parent5):
    answer_as(world.ouder5, world.pupil5, website=True)
    answer_as(second_parent5, world.pupil5, website=False)
    html = client_for(world.directie).get(reverse("consent:overview")).content.decode()
    assert f'<a href="{reverse("consent:class_sheet", args=[world.group5.pk])}">{world.group5}</a>' in html
    assert '<td>1 / 0 / 2 <span class="consent-sub">(1 oneens)</span></td>' in html
