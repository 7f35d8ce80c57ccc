"""The board's and directie's step comments are internal; a step may carry a separate public note
(issue 11, item 9)."""

from django.urls import reverse

from policy import services
from policy.models import VersionStep

from .helpers import draft, publish

INTERNAL = "INTERN: advocaat raadt af om de klassenapp te noemen"


def _through_the_path_with_internal_comments(world):
    version = draft(world)
    version = services.adopt(actor=world.directie, version=version, comment="Eerste lezing")
    version = services.return_to_concept(actor=world.bestuur, version=version, comment=INTERNAL)
    version = services.adopt(actor=world.directie, version=version)
    version = services.approve(actor=world.bestuur, version=version, comment="INTERN: unaniem, Jan afwezig",
                               public_note="Goedgekeurd in de bestuursvergadering van maart.")
    return publish(world, version)


def test_a_visitor_sees_who_decided_what_and_when_but_not_the_internal_comments(world, client_for):
    version = _through_the_path_with_internal_comments(world)
    page = client_for(None).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert "INTERN" not in page and "Eerste lezing" not in page
    assert "Goedgekeurd in de bestuursvergadering van maart." in page
    assert world.bestuur.get_full_name() in page


def test_a_parent_does_not_see_the_internal_comments_either(world, client_for):
    version = _through_the_path_with_internal_comments(world)
    page = client_for(world.ouder5).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert "INTERN" not in page


def test_the_board_still_reads_its_internal_comments(world, client_for):
    version = _through_the_path_with_internal_comments(world)
    page = client_for(world.bestuur).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert INTERNAL in page


def test_the_step_form_posts_a_public_note_apart_from_the_comment(world, client_for):
    version = services.adopt(actor=world.directie, version=draft(world))
    client_for(world.bestuur).post(reverse("policy:step", args=[version.pk, "goedkeuren"]),
                                   {"comment": "intern", "public_note": "Voor iedereen"})
    step = VersionStep.objects.filter(version=version).last()
    assert (step.comment, step.public_note) == ("intern", "Voor iedereen")


def test_the_version_in_force_still_tells_visitors_it_was_taken_over_from_the_2022_document(world, client_for):
    versions = client_for(None).get(reverse("policy:versions")).context["versions"]
    page = client_for(None).get(reverse("policy:version", args=[versions[0].pk])).content.decode()
    assert "Overgenomen uit het vastgestelde document 2022-2024." in page
