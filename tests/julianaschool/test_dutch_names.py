"""Names carry their tussenvoegsel as a field and sort the Dutch way (issue 14, item 4)."""

import datetime

import pytest

from julianaschool.models import Pupil
from julianaschool.names import display_name, split_tussenvoegsel


@pytest.mark.parametrize(("written", "expected"), [
    ("van der Berg", ("van der", "Berg")),
    ("de Graaf", ("de", "Graaf")),
    ("van 't Hof", ("van 't", "Hof")),
    ("Jansen", ("", "Jansen")),
    ("Van Dijk", ("", "Van Dijk")),  # written with a capital it is part of the surname (Belgian style)
    ("de", ("", "de")),  # never leaves an empty surname
    ("El Amrani", ("", "El Amrani")),
])
def test_a_leading_lower_case_prefix_becomes_the_tussenvoegsel(written, expected):
    assert split_tussenvoegsel(written) == expected


def test_a_name_is_shown_with_its_tussenvoegsel_between_roepnaam_and_achternaam():
    assert display_name("Zoë", "van der", "Berg") == "Zoë van der Berg"
    assert display_name("Sanne", "", "Janssen") == "Sanne Janssen"


@pytest.mark.django_db
def test_pupils_sort_by_achternaam_without_tussenvoegsel_ignoring_case_and_accents():
    born = datetime.date(2017, 3, 1)
    for first, prefix, last in [("Zoë", "van der", "Berg"), ("Ömer", "", "Aydin"), ("Omer", "", "aydin"),
                                ("Lotte", "de", "Graaf"), ("Anna", "", "Haan"), ("Bram", "", "Bakker")]:
        Pupil.objects.create(first_name=first, tussenvoegsel=prefix, last_name=last, date_of_birth=born)
    order = [p.full_name for p in Pupil.objects.all()]
    assert set(order[:2]) == {"Omer aydin", "Ömer Aydin"}  # the same key: side by side
    assert order[2:] == ["Bram Bakker", "Zoë van der Berg", "Lotte de Graaf", "Anna Haan"]
