"""The incidents URLs added for issue 18 (the letter e-mailed from the portal), as every role; the
objects come from tests/incidents/matrix.py's setup."""

from django.urls import reverse

from tests.matrix import Row

from .matrix import setup  # noqa: F401 (the matrix runner calls each module's setup)


def rows() -> list[Row]:
    return [
        Row("incidents:measure_email", lambda w: reverse("incidents:measure_email", args=[w.measure.pk]), method="post",
            expect={"directie": 302}, default=404),
    ]
