from django.urls import reverse

from tests.matrix import Row, only

STAFF = ("directie", "leerkracht5", "leerkracht7", "administratie", "medewerker")
OFFICE = ("directie", "administratie")


def setup(world):
    """A decision by ouder5 (a receipt), a paper form with its scan, and an integration token."""
    from consent import services
    from consent.models import Purpose
    from tests.consent.helpers import pdf_upload, seed_purposes

    seed_purposes()
    website = Purpose.objects.get(slug="website")
    world.purpose = website
    records = services.record_guardian_choices(guardian=world.guardian5, pupil=world.pupil5,
                                               choices={website.pk: True}, actor=world.ouder5)
    world.receipt = records[0].submission
    paper = services.record_office_entry(pupil=world.pupil5, choices={website.pk: True}, actor=world.administratie,
                                         scan=pdf_upload())
    world.paper_form = paper[0].paper_form
    world.token, _raw = services.create_integration_token(name="website", purposes=[website], actor=world.directie)


def _choice(world):
    return {f"doel_{world.purpose.pk}": "nee", f"versie_{world.purpose.pk}": world.purpose.current_version.number}


def rows() -> list[Row]:
    not_found = 404
    return [
        Row("consent:index", lambda w: reverse("consent:index"), **only("ouder5", "ouder7", *STAFF)),
        Row("consent:child", lambda w: reverse("consent:child", args=[w.pupil5.pk]),
            expect={"ouder5": 200, "ouder7": not_found}),
        Row("consent:child", lambda w: reverse("consent:child", args=[w.pupil5.pk]), method="post", data=_choice,
            expect={"ouder5": 302, "ouder7": not_found}, label="save"),
        Row("consent:staff", lambda w: reverse("consent:staff"), **only(*STAFF)),
        Row("consent:staff", lambda w: reverse("consent:staff"), method="post", data=_choice,
            label="save", **only(*STAFF, status=302)),
        Row("consent:receipt", lambda w: reverse("consent:receipt", args=[w.receipt]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:receipt_pdf", lambda w: reverse("consent:receipt_pdf", args=[w.receipt]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:pupil", lambda w: reverse("consent:pupil", args=[w.pupil5.pk]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:pupil_export", lambda w: reverse("consent:pupil_export", args=[w.pupil5.pk]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:office_entry", lambda w: reverse("consent:office_entry", args=[w.pupil5.pk]), **only(*OFFICE)),
        Row("consent:scan", lambda w: reverse("consent:scan", args=[w.paper_form.pk]),
            **only("ouder5", *OFFICE, others=not_found)),
        Row("consent:disagreements", lambda w: reverse("consent:disagreements"), **only(*OFFICE)),
        Row("consent:groups", lambda w: reverse("consent:groups"), **only("leerkracht5", "leerkracht7", *OFFICE)),
        Row("consent:class_sheet", lambda w: reverse("consent:class_sheet", args=[w.group5.pk]),
            expect={"leerkracht5": 200, "directie": 200, "administratie": 200, "leerkracht7": not_found}),
        Row("consent:class_sheet_pdf", lambda w: reverse("consent:class_sheet_pdf", args=[w.group5.pk]),
            expect={"leerkracht5": 200, "directie": 200, "administratie": 200, "leerkracht7": not_found}),
        Row("consent:class_sheet_csv", lambda w: reverse("consent:class_sheet_csv", args=[w.group5.pk]),
            expect={"leerkracht5": 200, "directie": 200, "administratie": 200, "leerkracht7": not_found}),
        Row("consent:overview", lambda w: reverse("consent:overview"), **only("directie")),
        Row("consent:remind", lambda w: reverse("consent:remind"), method="post", data=lambda w: {"bevestig": "ja"},
            **only("directie", status=302)),
        Row("consent:purposes", lambda w: reverse("consent:purposes"), **only("directie")),
        Row("consent:purpose_create", lambda w: reverse("consent:purpose_create"), **only("directie")),
        Row("consent:purpose_edit", lambda w: reverse("consent:purpose_edit", args=[w.purpose.pk]), **only("directie")),
        Row("consent:purpose_retire", lambda w: reverse("consent:purpose_retire", args=[w.purpose.pk]),
            method="post", **only("directie", status=302)),
        Row("consent:tokens", lambda w: reverse("consent:tokens"), **only("directie")),
        Row("consent:token_revoke", lambda w: reverse("consent:token_revoke", args=[w.token.pk]),
            method="post", **only("directie", status=302)),
        # The API: public description; sessions are no credentials there (401 without a token).
        Row("consent_api:openapi", lambda w: reverse("consent_api:openapi"), default=200, anonymous=200),
        Row("consent_api:channels", lambda w: reverse("consent_api:channels"), default=401, anonymous=401),
        Row("consent_api:group", lambda w: reverse("consent_api:group") + f"?channel=website&group={w.group5.pk}",
            default=401, anonymous=401),
        Row("consent_api:pupils", lambda w: reverse("consent_api:pupils") + f"?channel=website&pupils={w.pupil5.pk}",
            default=401, anonymous=401),
    ]
