"""Over-long integers in a query string are not found or ignored, never a server error (issue 11, item 7)."""

import pytest
from django.urls import reverse

from julianaschool.params import int_param

HUGE = "9" * 25


class _Request:
    def __init__(self, **get):
        self.GET = get


@pytest.mark.parametrize("value", ["", "abc", "-1", "0", "1.5", " 7", "٣", "²", HUGE, str(2**63)])
def test_an_id_in_a_query_string_that_is_no_usable_id_is_ignored(value):
    assert int_param(_Request(groep=value), "groep") is None


def test_an_ordinary_id_in_a_query_string_is_read():
    assert int_param(_Request(groep="42"), "groep") == 42


def test_office_pupil_list_with_an_over_long_group_id_gives_a_page(client_for, world):
    response = client_for(world.administratie).get(reverse("people:pupils"), {"groep": HUGE})
    assert response.status_code == 200


def test_directie_audit_trail_with_an_over_long_kind_gives_a_page(client_for, world):
    response = client_for(world.directie).get(reverse("people:audit"), {"soort": HUGE})
    assert response.status_code == 200


def test_directie_incident_statistics_with_an_over_long_school_year_gives_a_page(client_for, world):
    response = client_for(world.directie).get(reverse("incidents:statistics"), {"school_year": HUGE})
    assert response.status_code == 200


def test_protocol_compare_with_over_long_version_ids_gives_no_server_error(client_for, world):
    response = client_for(world.directie).get(reverse("policy:compare"), {"old": HUGE, "new": HUGE})
    assert response.status_code < 500


def test_directie_new_integration_token_with_an_over_long_channel_id_gets_a_form_error(client_for, world):
    response = client_for(world.directie).post(reverse("consent:tokens"), {"name": "x", "purposes": [HUGE]})
    assert response.status_code == 200
    assert response.context["form"].errors["purposes"]
