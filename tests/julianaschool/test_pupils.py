"""Issue 14, item 3 and issue 18, item 8: the office edits, registers, moves and finds pupils."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from julianaschool import access, group_services
from julianaschool.audit_actions import Action as CoreAction
from julianaschool.models import AuditEntry, Enrollment, Pupil
from tests.helpers import make_pupil


def test_the_office_corrects_a_misspelt_name_and_the_trail_shows_it(world, client_for):
    response = client_for(world.administratie).post(reverse("people:pupil_edit", args=[world.pupil5.pk]), {
        "first_name": "Sanne", "tussenvoegsel": "de", "last_name": "Vries", "date_of_birth": "2016-03-01",
        "student_number": "L-1005"})
    assert response.status_code == 302
    world.pupil5.refresh_from_db()
    assert world.pupil5.full_name == "Sanne de Vries" and world.pupil5.student_number == "L-1005"
    assert AuditEntry.objects.filter(action=CoreAction.PUPIL_CHANGED, object_id=str(world.pupil5.pk)).exists()


def test_a_leerlingnummer_belongs_to_one_pupil(world, client_for):
    world.pupil7.student_number = "L-7"
    world.pupil7.save()
    response = client_for(world.administratie).post(reverse("people:pupil_edit", args=[world.pupil5.pk]), {
        "first_name": "Sanne", "last_name": "Vries", "date_of_birth": "2016-03-01", "student_number": "L-7"})
    assert response.status_code == 200 and "hoort al bij een andere leerling" in response.content.decode()


def test_the_office_registers_a_new_pupil_by_hand_and_the_teacher_sees_her(world, client_for):
    response = client_for(world.administratie).post(reverse("people:pupil_add"), {
        "first_name": "Ömer", "last_name": "Yilmaz", "date_of_birth": "2016-09-09", "group": world.group5.pk})
    pupil = Pupil.objects.get(first_name="Ömer")
    assert response.status_code == 302
    assert pupil in access.visible_pupils(world.leerkracht5)


def test_a_pupil_moves_from_a_date_and_the_teachers_follow(world, client_for):
    today = timezone.localdate()
    response = client_for(world.administratie).post(reverse("people:pupil_move", args=[world.pupil5.pk]),
                                              {"group": world.group7.pk, "on": today.isoformat()})
    assert response.status_code == 302
    assert world.pupil5 not in access.visible_pupils(world.leerkracht5)
    assert world.pupil5 in access.visible_pupils(world.leerkracht7)
    sheet5 = client_for(world.leerkracht5).get(reverse("consent:class_sheet", args=[world.group5.pk])).content.decode()
    sheet7 = client_for(world.leerkracht7).get(reverse("consent:class_sheet", args=[world.group7.pk])).content.decode()
    assert "Sanne" not in sheet5 and "Sanne" in sheet7
    history = list(Enrollment.objects.filter(pupil=world.pupil5).order_by("id"))
    assert [e.group for e in history] == [world.group5, world.group7]
    if today > world.school_year.starts_on:
        assert history[0].last_day == today - datetime.timedelta(days=1) and history[1].first_day == today


def test_a_move_next_week_keeps_the_child_with_the_old_teacher_until_then(world):
    on = min(timezone.localdate() + datetime.timedelta(days=7), world.school_year.ends_on)
    group_services.move_pupil(pupil=world.pupil5, group=world.group7, on=on, actor=world.administratie)
    assert world.pupil5 in access.visible_pupils(world.leerkracht5)
    assert world.pupil5.group_in(world.school_year, on=on) == world.group7


def test_a_move_outside_the_school_year_is_refused(world):
    with pytest.raises(ValidationError, match="kies een datum in schooljaar"):
        group_services.move_pupil(pupil=world.pupil5, group=world.group7,
                                  on=world.school_year.ends_on + datetime.timedelta(days=1), actor=world.administratie)


def test_the_consent_ledger_follows_the_pupil_not_the_group(world):
    from consent import services as consent_services
    from consent.models import ConsentRecord, Purpose

    purpose = Purpose.objects.active().first()
    if purpose is None:
        pytest.skip("no purposes seeded")
    consent_services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil5, choices={purpose.pk: False},
                                             actor=world.ouder5)
    group_services.move_pupil(pupil=world.pupil5, group=world.group7, on=timezone.localdate(), actor=world.administratie)
    assert ConsentRecord.objects.filter(pupil=world.pupil5).exists()


def test_the_office_finds_a_pupil_by_name_or_leerlingnummer(world, client_for):
    world.pupil7.student_number = "L-4711"
    world.pupil7.save()
    client = client_for(world.administratie)
    assert "Mila Bakker" in client.get(reverse("people:pupils"), {"q": "L-4711"}).content.decode()
    found = client.get(reverse("people:pupils"), {"q": "sanne vries"}).content.decode()
    assert "Sanne de Vries" in found and "Mila Bakker" not in found


def test_two_pupils_of_the_same_name_are_told_apart_by_group(world, client_for):
    make_pupil("Liam", "Hendriks", world.group5)
    make_pupil("Liam", "Hendriks", world.group7)
    page = client_for(world.administratie).get(reverse("people:pupils"), {"q": "Liam"}).content.decode()
    assert page.count("Liam Hendriks") == 2 and "groep 5" in page and "groep 7" in page


def test_the_pupil_list_pages_over_50_rows(world, client_for):
    for n in range(55):
        make_pupil(f"Kind{n:02d}", "Peeters", world.group5)
    client = client_for(world.administratie)
    first = client.get(reverse("people:pupils")).content.decode()
    second = client.get(reverse("people:pupils"), {"pagina": 2}).content.decode()
    assert "Pagina 1 van 2" in first and "Pagina 2 van 2" in second


def test_a_teacher_cannot_move_a_pupil(world, client_for):
    response = client_for(world.leerkracht5).post(reverse("people:pupil_move", args=[world.pupil5.pk]),
                                         {"group": world.group7.pk, "on": timezone.localdate().isoformat()})
    assert response.status_code == 403
