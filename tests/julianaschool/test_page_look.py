"""What every page looks like to its reader: the school's name and logo, a menu that groups, a
brand link that leads somewhere useful, an error summary, and ids that point at one element."""

import re
from collections import Counter

from django.urls import reverse

from tests.policy.helpers import adopted


def _ids(page: str) -> Counter:
    return Counter(re.findall(r'\sid="([^"]+)"', page))


def test_a_visitor_who_is_not_signed_in_follows_the_schools_name_to_the_public_protocol(world, client_for):
    page = client_for().get(reverse("login")).content.decode()
    assert f'class="navbar-brand d-flex align-items-center gap-2" href="{reverse("policy:current")}"' in page
    assert 'rel="icon" href="/static/img/favicon.svg"' in page
    assert 'src="/static/img/logo.svg"' in page


def test_a_signed_in_person_follows_the_schools_name_to_their_dashboard(world, client_for):
    page = client_for(world.ouder5).get(reverse("policy:current")).content.decode()
    assert f'class="navbar-brand d-flex align-items-center gap-2" href="{reverse("dashboard")}"' in page


def test_directie_finds_the_consent_pages_under_one_menu_entry(world, client_for):
    page = client_for(world.directie).get(reverse("dashboard")).content.decode()
    menu = page.split('id="portal-nav"')[1].split("</ul>\n      <ul")[0]
    toggles = re.findall(r'data-bs-toggle="dropdown" aria-expanded="false">([^<]+)</button>', menu)
    assert toggles == ["Beheer", "Toestemming"]
    consent = menu.split(">Toestemming</button>")[1].split("</ul>")[0]
    assert reverse("consent:groups") in consent and reverse("consent:overview") in consent
    assert reverse("people:audit") in menu.split(">Beheer</button>")[1].split("</ul>")[0]


def test_a_parent_with_one_consent_page_sees_a_plain_link(world, client_for):
    page = client_for(world.ouder5).get(reverse("dashboard")).content.decode()
    menu = page.split('id="portal-nav"')[1].split("</ul>\n      <ul")[0]
    assert 'data-bs-toggle="dropdown"' not in menu
    assert f'href="{reverse("consent:index")}">Toestemming</a>' in menu


def test_the_board_reads_a_version_page_whose_two_forms_have_ids_of_their_own(world, client_for):
    version = adopted(world)
    page = client_for(world.bestuur).get(reverse("policy:version", args=[version.pk])).content.decode()
    duplicates = [i for i, n in _ids(page).items() if n > 1]
    assert not duplicates, duplicates
    labels = re.findall(r'<label\s+for="([^"]+)"[^>]*>\s*Toelichting\s*<', page)
    assert len(labels) == 2 and len(set(labels)) == 2
    for target in labels:
        assert f'id="{target}"' in page


def test_a_refused_form_starts_with_an_error_summary_that_links_to_each_field(world, client_for):
    page = client_for().post(reverse("password_reset"), {"email": "geen adres"}).content.decode()
    summary = page.split('class="alert alert-danger error-summary" role="alert"')[1].split("</div>")[0]
    assert 'href="#id_email"' in summary
    assert 'id="id_email"' in page


def test_the_menu_marks_the_page_directie_is_on_and_only_that_page(world, client_for):
    client = client_for(world.directie)
    for url, elsewhere in ((reverse("consent:groups"), reverse("people:audit")),
                           (reverse("people:audit"), reverse("consent:groups"))):
        menu = client.get(url).content.decode().split('id="portal-nav"')[1].split("</ul>\n      <ul")[0]
        current = re.findall(r'<a class="dropdown-item active" href="([^"]+)" aria-current="page">', menu)
        assert current == [url]
        assert f'href="{elsewhere}" aria-current' not in menu
        assert len(re.findall(r'class="nav-link dropdown-toggle active"', menu)) == 1
