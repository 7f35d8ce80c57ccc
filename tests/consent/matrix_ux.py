"""Matrix rows for the consent pages of issue 18: the AVG export as PDF, the phone list "Wie mag NIET op"."""

from django.urls import reverse

from tests.matrix import Row, only

OFFICE = ("directie", "administratie")


def setup(world):
    from tests.consent.helpers import seed_purposes

    seed_purposes()


def rows() -> list[Row]:
    not_found = 404
    return [
        Row("consent:pupil_export_pdf", lambda w: reverse("consent:pupil_export_pdf", args=[w.pupil5.pk]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:not_allowed", lambda w: reverse("consent:not_allowed", args=[w.group5.pk, "parro"]),
            expect={"leerkracht5": 200, "directie": 200, "administratie": 200, "leerkracht7": not_found}),
    ]
