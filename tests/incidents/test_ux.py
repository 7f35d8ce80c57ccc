"""Issue 18 on the incident pages: who is who on the incident page, the measure form that shows
only the chosen measure's fields, lists that scale, categories in the reader's language."""

import datetime

from django.urls import reverse
from django.utils import timezone

from incidents.models import Category, Incident, MeasureKind, PartyRole
from tests.helpers import make_pupil
from tests.incidents.helpers import report


def test_the_victims_row_offers_no_measure_and_each_measure_link_says_whose_it_is(world, client_for, busy_incident):
    page = client_for(world.directie).get(reverse("incidents:detail", args=[busy_incident.pk])).content.decode()
    victim = busy_incident.parties.get(role=PartyRole.VICTIM)
    dader = busy_incident.parties.get(role=PartyRole.PERPETRATOR)
    assert reverse("incidents:measure_new", args=[busy_incident.pk, victim.pk]) not in page
    assert reverse("incidents:measure_new", args=[busy_incident.pk, dader.pk]) in page
    assert 'aria-label="Maatregel voor Sanne de Vries (groep 5)"' in page
    assert "Mila Bakker (groep 7)" in page


def test_directie_cannot_open_a_measure_form_for_the_victim(world, client_for, busy_incident):
    victim = busy_incident.parties.get(role=PartyRole.VICTIM)
    url = reverse("incidents:measure_new", args=[busy_incident.pk, victim.pk])
    assert client_for(world.directie).get(url).status_code == 404


def test_the_measure_form_shows_only_the_fields_of_the_chosen_measure_without_a_script(world, client_for):
    incident = report(world)
    dader = incident.parties.get(role=PartyRole.PERPETRATOR)
    url = reverse("incidents:measure_new", args=[incident.pk, dader.pk])
    client = client_for(world.directie)
    page = client.get(url).content.decode()
    # The warning proposed: the suspension's days are on the page but hidden.
    assert '<div data-kinds="schorsing" hidden>' in page and "Velden voor deze maatregel tonen" in page
    page = client.post(url, {"kind": "schorsing", "grounds": "Herhaald", "choose": "1"}).content.decode()
    assert '<div data-kinds="schorsing">' in page and '<div data-kinds="verwijdering" hidden>' in page
    assert "Herhaald" in page and "Dit veld is verplicht" not in page
    assert not incident.measures.exists()


def test_a_hidden_field_of_another_measure_is_ignored_when_deciding(world, client_for):
    incident = report(world)
    dader = incident.parties.get(role=PartyRole.PERPETRATOR)
    response = client_for(world.directie).post(reverse("incidents:measure_new", args=[incident.pk, dader.pk]), {
        "kind": "waarschuwing", "grounds": "Kwetsend", "starts_on": "9999-12-31", "reference": "PV-1"})
    assert response.status_code == 302
    measure = incident.measures.get()
    assert measure.kind == MeasureKind.WARNING and measure.starts_on is None and measure.reference == ""


def test_the_incident_list_is_newest_first_by_when_it_happened(world, client_for):
    old = report(world, occurred_at=timezone.now() - datetime.timedelta(days=20), description="oud")
    new = report(world, occurred_at=timezone.now() - datetime.timedelta(hours=2), description="nieuw")
    late = report(world, occurred_at=timezone.now() - datetime.timedelta(days=40), description="laat gemeld")
    page = client_for(world.directie).get(reverse("incidents:list")).content.decode()
    positions = [page.index(reverse("incidents:detail", args=[i.pk]) + '"') for i in (new, old, late)]
    assert positions == sorted(positions)


def test_directie_searches_incidents_by_a_name_and_by_group(world, client_for):
    mine = report(world)
    other = report(world, reporter=world.directie, parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil7}])
    client = client_for(world.directie)
    page = client.get(reverse("incidents:list"), {"q": "mila bakker"}).content.decode()
    assert reverse("incidents:detail", args=[other.pk]) + '"' in page
    assert reverse("incidents:detail", args=[mine.pk]) + '"' not in page
    page = client.get(reverse("incidents:list"), {"groep": world.group5.pk}).content.decode()
    assert reverse("incidents:detail", args=[mine.pk]) + '"' in page
    assert reverse("incidents:detail", args=[other.pk]) + '"' not in page


def test_a_teacher_cannot_find_an_incident_by_the_name_of_a_pupil_hidden_from_them(world, client_for):
    incident = report(world, parties=[{"role": PartyRole.PERPETRATOR, "pupil": world.pupil5},
                                      {"role": PartyRole.VICTIM, "pupil": world.pupil7}])
    client = client_for(world.leerkracht5)
    assert reverse("incidents:detail", args=[incident.pk]) + '"' in client.get(
        reverse("incidents:list"), {"q": "Sanne"}).content.decode()
    # leerkracht5 reported it, but Mila (groep 7) is not named to them: her name finds nothing.
    assert reverse("incidents:detail", args=[incident.pk]) + '"' not in client.get(
        reverse("incidents:list"), {"q": "Mila"}).content.decode()


def test_the_incident_list_is_paged_by_50(world, client_for):
    category = Category.objects.get(name="Kwetsen")
    Incident.objects.bulk_create([Incident(occurred_at=timezone.now() - datetime.timedelta(hours=n), place="klas",
                                           category=category, severity="licht", description="x",
                                           reported_by=world.directie) for n in range(1, 56)])
    client = client_for(world.directie)
    page = client.get(reverse("incidents:list")).content.decode()
    assert page.count('href="/incidenten/') - page.count('href="/incidenten/melden') >= 50
    assert "Pagina 1 van 2" in page
    assert "Pagina 2 van 2" in client.get(reverse("incidents:list"), {"pagina": 2}).content.decode()


def test_dossiers_tell_two_pupils_of_the_same_name_apart_and_filter_by_group(world, client_for):
    make_pupil("Liam", "Hendriks", world.group5)
    make_pupil("Liam", "Hendriks", world.group7)
    client = client_for(world.directie)
    page = client.get(reverse("incidents:dossiers"), {"q": "liam"}).content.decode()
    assert "(groep 5)" in page and "(groep 7)" in page
    page = client.get(reverse("incidents:dossiers"), {"q": "liam", "groep": world.group7.pk}).content.decode()
    assert "(groep 7)" in page and "(groep 5)" not in page


def test_a_category_reads_in_english_for_an_english_reader(world, client_for):
    assert Category.objects.get(name="Pesten").name_en == "Bullying"
    incident = report(world)
    client = client_for(world.directie)
    assert "<h1 class=\"h3\">Pesten" in client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "<h1 class=\"h3\">Bullying" in page and "Pesten" not in page


def test_directie_gives_a_new_category_its_english_name(world, client_for):
    response = client_for(world.directie).post(reverse("incidents:categories"), {
        "name": "Nepaccount", "name_en": "Fake account", "default_severity": "middel"})
    assert response.status_code == 302
    assert Category.objects.get(name="Nepaccount").name_en == "Fake account"


def test_a_pupils_dossier_names_their_group_beside_the_name(world, client_for):
    page = client_for(world.directie).get(reverse("incidents:pupil_dossier", args=[world.pupil7.pk])).content.decode()
    assert "Mila Bakker <small class=\"text-body-secondary\">(groep 7)</small>" in page


def test_rows_stop_at_thirty_when_adding_without_a_script(world, client_for):
    from .test_reporting import form_data

    data = form_data(world, **{"betrokkene-TOTAL_FORMS": "30", "add_party": "1"})
    page = client_for(world.leerkracht5).post(reverse("incidents:report"), data).content.decode()
    assert 'name="betrokkene-TOTAL_FORMS" value="30"' in page


def test_a_decided_measures_link_says_what_and_for_whom(world, client_for):
    from incidents import services

    incident = report(world)
    services.decide_measure(incident=incident, party=incident.parties.get(role=PartyRole.PERPETRATOR), actor=world.directie,
                            kind=MeasureKind.WARNING, grounds="Kwetsend")
    page = client_for(world.directie).get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert 'aria-label="waarschuwing voor Sanne de Vries (groep 5)"' in page


def test_what_the_portal_writes_on_the_timeline_reads_in_each_readers_language(world, client_for):
    from django.utils import translation

    from incidents import services
    from incidents.models import MeasureKind, PartyRole, TimelineEntry

    incident = report(world)
    dader = incident.parties.get(role=PartyRole.PERPETRATOR)
    with translation.override("en"):  # a director who reads the portal in English decides
        services.decide_measure(incident=incident, party=dader, actor=world.directie, kind=MeasureKind.WARNING,
                                grounds="x", deviation_reason="Eerste keer in dit incident")
    entry = TimelineEntry.objects.filter(incident=incident, message__startswith="Besloten").get()
    assert entry.text == f"Besloten: waarschuwing voor {dader.person_name}."  # the record, in Dutch
    client = client_for(world.directie)
    dutch = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Besloten: waarschuwing voor" in dutch and "Incident gemeld." in dutch
    client.cookies["django_language"] = "en"
    english = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "Decided: warning for" in english and "Incident reported." in english and "Besloten:" not in english
