"""The dossiers page, the statistics and directie's dashboard do not grow with the school:
the same number of queries at n and at 3n rows, and only what the page shows is loaded."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from incidents import stats
from incidents.dashboard import SHOWN
from incidents.models import Incident, Severity
from julianaschool.models import Enrollment, Pupil
from tests.incidents.helpers import report


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def _pupils(world, n: int, prefix: str) -> None:
    batch = Pupil.objects.bulk_create([Pupil(first_name=f"{prefix}{i:03d}", last_name="Dossier",
                                             date_of_birth=datetime.date(2017, 1, 1)) for i in range(n)])
    Enrollment.objects.bulk_create([Enrollment(pupil=p, group=world.group5, school_year=world.school_year)
                                    for p in batch])


def test_the_dossiers_page_asks_as_many_queries_for_three_times_the_pupils_and_shows_one_page(world, client_for):
    client = client_for(world.directie)
    _pupils(world, 40, "a")
    at_n, _html = _queries(client, reverse("incidents:dossiers"))
    _pupils(world, 80, "b")
    at_3n, html = _queries(client, reverse("incidents:dossiers"))
    assert at_3n == at_n
    assert html.count('href="/incidenten/dossiers/leerling/') == 50
    assert "Pagina 1 van 3" in html


def test_the_dossiers_page_finds_a_pupil_by_name(world, client_for):
    _pupils(world, 60, "z")
    html = client_for(world.directie).get(reverse("incidents:dossiers"), {"q": "z042 dossier"}).content.decode()
    assert "z042 Dossier" in html and "z041 Dossier" not in html
    html = client_for(world.directie).get(reverse("incidents:dossiers"), {"q": "niemand-heet-zo"}).content.decode()
    assert "Geen dossier gevonden met deze naam." in html


def test_a_teacher_searches_only_the_dossiers_of_their_own_groups(world, client_for):
    html = client_for(world.leerkracht5).get(reverse("incidents:dossiers"), {"q": world.pupil7.first_name}).content.decode()
    assert world.pupil7.full_name not in html


def _reports(world, n: int) -> None:
    start = timezone.now() - datetime.timedelta(days=60)
    for i in range(n):
        report(world, occurred_at=start + datetime.timedelta(days=5 * i), severity=Severity.SERIOUS)


def test_the_statistics_ask_as_many_queries_for_three_times_the_incidents(world, client_for):
    client = client_for(world.directie)
    _reports(world, 3)
    at_n, _html = _queries(client, reverse("incidents:statistics"))
    _reports(world, 6)
    at_3n, _html = _queries(client, reverse("incidents:statistics"))
    assert at_3n == at_n
    figures = stats.figures(world.school_year)
    assert figures["total"] == Incident.objects.filter(occurred_at__date__gte=world.school_year.starts_on).count() == 9
    assert sum(count for _name, count in figures["groups"]) == 9


def test_the_dashboard_shows_the_first_urgent_incidents_and_how_many_there_are(world, client_for):
    client = client_for(world.directie)
    _reports(world, 4)
    at_n, _html = _queries(client, reverse("dashboard"))
    _reports(world, SHOWN + 2 - 4)
    at_3n, html = _queries(client, reverse("dashboard"))
    assert at_3n == at_n
    assert f"alle {SHOWN + 2} bekijken" in html
    listed = client.get(reverse("incidents:list"), {"aandacht": "ernstig"}).content.decode()
    assert listed.count('href="/incidenten/') >= SHOWN + 2


def test_overdue_in_the_database_is_what_an_incident_says_of_itself(world):
    incident = report(world)
    for days in range(0, 9):
        today = timezone.localdate(incident.reported_at) + datetime.timedelta(days=days)
        expected = [i.pk for i in Incident.objects.open() if i.is_overdue(today)]
        assert list(Incident.objects.overdue(today).values_list("pk", flat=True)) == expected, today
    assert list(Incident.objects.urgent()) == [i for i in Incident.objects.open() if i.is_urgent]
