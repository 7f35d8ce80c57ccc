"""Every URL of the policy app for every role. The seeded version 1.0 is in force (public); a
concept 2.0 is open (staff and board read it, only directie edits it; others get 404)."""

from django.urls import reverse

from policy import services
from policy.models import ProtocolVersion
from tests.matrix import Row, only

STAFF = ["directie", "leerkracht5", "leerkracht7", "administratie", "medewerker"]
PUBLIC = {"default": 200, "anonymous": 200}
# A draft: directie may act, other staff and the board may read but not change it (403), everyone
# else does not learn it exists (404).
DRAFT_EDIT = {"expect": {"directie": 200, **{r: 403 for r in STAFF if r != "directie"}, "bestuur": 403}, "default": 404}


def _draft_write(status=302):
    return {**DRAFT_EDIT, "expect": {**DRAFT_EDIT["expect"], "directie": status}}


def setup(world):
    world.policy_v1 = ProtocolVersion.objects.get(major=1, minor=0)
    world.policy_draft = services.start_draft(actor=world.directie)
    world.policy_section = world.policy_draft.sections.get(key="schoolwebsite")
    world.policy_review = services.record_review(
        actor=world.directie, version=world.policy_v1, next_review_on=_next_year())


def _next_year():
    import datetime

    return datetime.date.today().replace(day=1) + datetime.timedelta(days=400)


def rows() -> list[Row]:
    return [
        Row("policy:current", lambda w: reverse("policy:current"), **PUBLIC),
        Row("policy:versions", lambda w: reverse("policy:versions"), **PUBLIC),
        Row("policy:version", lambda w: reverse("policy:version", args=[w.policy_v1.pk]), label="in force", **PUBLIC),
        Row("policy:version", lambda w: reverse("policy:version", args=[w.policy_draft.pk]), label="concept",
            expect={r: 200 for r in [*STAFF, "bestuur"]}, default=404, anonymous=404),
        Row("policy:compare", lambda w: reverse("policy:compare"), **PUBLIC),
        Row("policy:compare", lambda w: reverse("policy:compare") + f"?old={w.policy_v1.pk}&new={w.policy_draft.pk}",
            label="with concept", expect={r: 200 for r in [*STAFF, "bestuur"]}, default=200, anonymous=200),
        Row("policy:draft_start", lambda w: reverse("policy:draft_start"), method="post",
            data=lambda w: {"kind": "inhoudelijk"}, **only("directie", status=302)),
        Row("policy:draft_edit", lambda w: reverse("policy:draft_edit", args=[w.policy_draft.pk]), **DRAFT_EDIT),
        Row("policy:draft_edit", lambda w: reverse("policy:draft_edit", args=[w.policy_draft.pk]), method="post",
            label="save details", data=lambda w: {"kind": "inhoudelijk", "change_summary": "x"}, **_draft_write()),
        Row("policy:draft_discard", lambda w: reverse("policy:draft_discard", args=[w.policy_draft.pk]), method="post",
            data=lambda w: {"bevestig": "ja"}, **_draft_write()),
        Row("policy:section_add", lambda w: reverse("policy:section_add", args=[w.policy_draft.pk]), method="post",
            data=lambda w: {"title": "Nieuw"}, **_draft_write()),
        Row("policy:section_edit", lambda w: reverse("policy:section_edit", args=[w.policy_section.pk]), **DRAFT_EDIT),
        Row("policy:section_delete", lambda w: reverse("policy:section_delete", args=[w.policy_section.pk]),
            method="post", data=lambda w: {"bevestig": "ja"}, **_draft_write()),
        Row("policy:section_move", lambda w: reverse("policy:section_move", args=[w.policy_section.pk]),
            method="post", data=lambda w: {"direction": "up"}, **_draft_write()),
        Row("policy:step", lambda w: reverse("policy:step", args=[w.policy_draft.pk, "vaststellen"]), method="post",
            **only("directie", "bestuur", status=302)),
        Row("policy:review_record", lambda w: reverse("policy:review_record", args=[w.policy_v1.pk]), method="post",
            data=lambda w: {"next_review_on": "2030-06-01"}, **only("directie", status=302)),
        Row("policy:review_confirm", lambda w: reverse("policy:review_confirm", args=[w.policy_review.pk]),
            method="post", **only("bestuur", status=302)),
        Row("policy:acknowledgements", lambda w: reverse("policy:acknowledgements", args=[w.policy_v1.pk]),
            **only("directie")),
        Row("policy:acknowledgement_remind", lambda w: reverse("policy:acknowledgement_remind", args=[w.policy_v1.pk]),
            method="post", **only("directie", status=302)),
        Row("policy:acknowledge", lambda w: reverse("policy:acknowledge"), **only(*STAFF)),
    ]
