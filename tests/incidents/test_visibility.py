"""Every role's view of one incident with several parties (busy_incident: pupils of groep 5 and 7,
a parent, a staff member and an outsider), and of its measures."""

import datetime

from django.urls import reverse

from incidents import services
from incidents.models import MeasureKind, PartyRole
from tests.incidents.helpers import report


def page(client_for, user, incident):
    return client_for(user).get(reverse("incidents:detail", args=[incident.pk]))


def parties_section(response) -> str:
    # The description is the reporter's own words and shown whole to whoever may see the
    # incident (the form asks not to name people in it); the party list is what the portal masks.
    return response.content.decode().split('id="parties-title"')[1].split("</section>")[0]


def decide_warning(world, incident):
    return services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR),
                                   actor=world.directie, kind=MeasureKind.WARNING, grounds="Geheime motivering")


def test_directie_sees_everyone_involved_and_the_measures(world, client_for, busy_incident):
    decide_warning(world, busy_incident)
    text = page(client_for, world.directie, busy_incident).content.decode()
    for name in ("Sanne de Vries", "Daan Jansen", "Mila Bakker", world.guardian7.full_name, "Buurman Kees",
                 world.medewerker.staff.full_name):
        assert name in text
    assert "Maatregelen" in text and "waarschuwing" in text


def test_the_teacher_of_groep_5_sees_their_pupils_but_not_a_pupil_of_another_group(world, client_for, busy_incident):
    text = parties_section(page(client_for, world.leerkracht5, busy_incident))
    assert "Sanne de Vries" in text and "Daan Jansen" in text
    assert "Mila Bakker" not in text and "een leerling uit een andere groep" in text
    assert world.guardian7.full_name not in text


def test_the_teacher_of_groep_7_sees_it_for_their_pupil_without_the_others_names(world, client_for, busy_incident):
    response = page(client_for, world.leerkracht7, busy_incident)
    text = parties_section(response)
    assert response.status_code == 200
    assert "Mila Bakker" in text and world.guardian7.full_name in text
    assert "Sanne de Vries" not in text and "Daan Jansen" not in text


def test_a_teacher_sees_the_status_but_not_the_decision(world, client_for):
    incident = report(world)
    decide_warning(world, incident)
    text = page(client_for, world.leerkracht5, incident).content.decode()
    assert "in behandeling" in text
    assert "Geheime motivering" not in text and "Besloten" not in text and "Maatregelen" not in text


def test_a_teacher_sees_their_own_notes_but_not_those_of_directie(world, client_for):
    incident = report(world)
    services.add_note(incident=incident, author=world.leerkracht5, text="Ouders gebeld.")
    services.add_note(incident=incident, author=world.directie, text="Overweeg schorsing.")
    text = page(client_for, world.leerkracht5, incident).content.decode()
    assert "Ouders gebeld." in text and "Overweeg schorsing." not in text
    assert "Overweeg schorsing." in page(client_for, world.directie, incident).content.decode()


def test_the_reporter_follows_their_report_without_seeing_pupils_they_do_not_teach(world, client_for):
    # leerkracht7 reports what they saw on the schoolplein about groep 5 pupils, through directie's
    # record (a teacher can only pick their own pupils, so directie names them).
    incident = report(world, reporter=world.leerkracht7, parties=[{"role": PartyRole.WITNESS, "staff": world.leerkracht7.staff}])
    services.add_note(incident=incident, author=world.directie, text="Betrokken: leerlingen van groep 5.")
    response = page(client_for, world.leerkracht7, incident)
    assert response.status_code == 200 and "gemeld" in response.content.decode()
    assert "Betrokken: leerlingen van groep 5." not in response.content.decode()


def test_a_reporter_cannot_name_a_pupil_who_left_school(world):
    import pytest
    from django.core.exceptions import PermissionDenied

    world.pupil5.left_on = datetime.date.today()
    world.pupil5.save()
    with pytest.raises(PermissionDenied):
        report(world, reporter=world.medewerker)


def test_parents_see_no_incident_at_all_not_even_about_their_own_child(world, client_for, busy_incident):
    for role in ("ouder5", "ouder7"):
        assert page(client_for, world.users[role], busy_incident).status_code == 404
        assert client_for(world.users[role]).get(reverse("incidents:list")).status_code == 403


def test_bestuur_administratie_and_outsiders_do_not_see_the_incident(world, client_for, busy_incident):
    for role in ("bestuur", "administratie", "outsider", "medewerker"):
        assert page(client_for, world.users[role], busy_incident).status_code == 404


def test_the_incident_list_shows_each_teacher_only_their_incidents(world, client_for):
    mine = report(world, category="Kwetsen")
    other = report(world, reporter=world.leerkracht7, category="Stalken",
                   parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil7}])
    text5 = client_for(world.leerkracht5).get(reverse("incidents:list")).content.decode()
    assert reverse("incidents:detail", args=[mine.pk]) in text5
    assert reverse("incidents:detail", args=[other.pk]) not in text5
    text_dir = client_for(world.directie).get(reverse("incidents:list")).content.decode()
    assert reverse("incidents:detail", args=[other.pk]) in text_dir
