"""Matrix rows of the publications pages (consent/publications) and their API."""

from django.urls import reverse

from tests.matrix import Row, only

STAFF = ("directie", "leerkracht5", "leerkracht7", "administratie", "medewerker")


def setup(world):
    """Sanne on a Parro album by leerkracht5, then ouder5 withdraws: one takedown for leerkracht5."""
    from django.utils import timezone

    from consent.models import Purpose
    from consent.publications import services
    from consent.publications.models import Takedown
    from tests.consent.helpers import answer_as, seed_purposes

    seed_purposes()
    parro = Purpose.objects.get(slug="parro")
    answer_as(world.ouder5, world.pupil5, parro=True)
    world.publication = services.register_publication(
        purpose=parro, title="Schoolreis", published_on=timezone.localdate(), location="Parro",
        people=[services.Shown(person=world.pupil5, recognisable=True)], actor=world.leerkracht5)
    answer_as(world.ouder5, world.pupil5, parro=False)
    world.takedown = Takedown.objects.get()


def rows() -> list[Row]:
    not_found = 404
    owner = {"leerkracht5": 200, "directie": 200, "leerkracht7": not_found, "administratie": not_found,
             "medewerker": not_found, "ouder5": not_found, "ouder7": not_found, "bestuur": not_found,
             "outsider": not_found}
    return [
        Row("publications:check", lambda w: reverse("publications:check"), **only(*STAFF)),
        Row("publications:check", lambda w: reverse("publications:check"), method="post",
            data=lambda w: {"kanaal": "parro", "p": [f"pupil-{w.pupil5b.pk}"], "actie": "controleren"},
            label="check", **only(*STAFF)),
        Row("publications:mine", lambda w: reverse("publications:mine"), **only(*STAFF)),
        Row("publications:publication", lambda w: reverse("publications:publication", args=[w.publication.pk]),
            expect=owner),
        Row("publications:takedown", lambda w: reverse("publications:takedown", args=[w.takedown.pk]), expect=owner),
        Row("publications:takedown", lambda w: reverse("publications:takedown", args=[w.takedown.pk]),
            method="post", data=lambda w: {"outcome": "verwijderd", "note": ""}, label="done",
            expect={**owner, "leerkracht5": 302, "directie": 302}),
        Row("publications:overview", lambda w: reverse("publications:overview"), **only("directie")),
        Row("publications:overview_csv", lambda w: reverse("publications:overview_csv"), **only("directie")),
        # The API: sessions are no credentials there (401 without a token).
        Row("consent_api:publication_register", lambda w: reverse("consent_api:publication_register"),
            method="post", default=401, anonymous=401),
        Row("consent_api:takedowns", lambda w: reverse("consent_api:takedowns") + "?channel=parro",
            default=401, anonymous=401),
        Row("consent_api:takedown_done", lambda w: reverse("consent_api:takedown_done", args=[w.takedown.pk]),
            method="post", default=401, anonymous=401),
    ]
