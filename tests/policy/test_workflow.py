"""The approval path: concept -> vastgesteld (directie) -> goedgekeurd (bestuur) -> gepubliceerd
(directie) and 'terug naar concept'. Each step only by the right role, in the right state; a
refused step says why and changes nothing."""

import datetime

import pytest
from django.urls import reverse

from julianaschool.errors import Refused
from julianaschool.models import AuditEntry
from policy import services
from policy.audit_actions import Action
from policy.models import ProtocolVersion, VersionStatus, VersionStep

from .helpers import TODAY, adopted, approved, draft, publish

ROLES = ["directie", "leerkracht5", "administratie", "medewerker", "bestuur", "ouder5", "outsider"]


def _state(version):
    version = ProtocolVersion.objects.get(pk=version.pk)
    return (version.status, version.adopted_on, version.approved_on, version.effective_from, version.steps.count())


def _take(step, world, role, version):
    actor = world.users[role]
    if step == "adopt":
        return services.adopt(actor=actor, version=version)
    if step == "approve":
        return services.approve(actor=actor, version=version)
    if step == "return":
        return services.return_to_concept(actor=actor, version=version, comment="Graag aanpassen.")
    return services.publish(actor=actor, version=version, effective_from=TODAY, review_on=TODAY.replace(year=TODAY.year + 2))


STEPS = {
    # step: (state the version must be in, roles allowed, status afterwards)
    "adopt": ("concept", {"directie"}, VersionStatus.ADOPTED),
    "return": ("vastgesteld", {"directie", "bestuur"}, VersionStatus.DRAFT),
    "approve": ("vastgesteld", {"bestuur"}, VersionStatus.APPROVED),
    "publish": ("goedgekeurd", {"directie"}, VersionStatus.PUBLISHED),
}


def _version_in(world, state):
    return {"concept": draft, "vastgesteld": adopted, "goedgekeurd": approved}[state](world)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_each_step_is_taken_only_by_its_role(world, step, role):
    state, allowed, after = STEPS[step]
    version = _version_in(world, state)
    before = _state(version)
    if role in allowed:
        result = _take(step, world, role, version)
        assert result.status == after
        last = result.steps.last()
        assert (last.from_status, last.to_status, last.actor) == (state, after, world.users[role])
    else:
        with pytest.raises(Refused, match="Alleen"):
            _take(step, world, role, version)
        assert _state(version) == before


OUT_OF_ORDER = [
    (step, state) for step in STEPS for state in ["concept", "vastgesteld", "goedgekeurd", "gepubliceerd"]
    if STEPS[step][0] != state
]


@pytest.mark.parametrize("step,state", OUT_OF_ORDER)
def test_a_step_out_of_order_is_refused_and_changes_nothing(world, step, state):
    version = ProtocolVersion.objects.in_force() if state == "gepubliceerd" else _version_in(world, state)
    role = sorted(STEPS[step][1])[0]
    before = _state(version)
    with pytest.raises(Refused, match="kan niet"):
        _take(step, world, role, version)
    assert _state(version) == before


def test_adopting_without_a_change_summary_is_refused(world):
    version = draft(world, summary="")
    with pytest.raises(Refused, match="Wat is er veranderd en waarom"):
        services.adopt(actor=world.directie, version=version)
    assert ProtocolVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT


def test_returning_to_concept_needs_a_reason(world):
    version = adopted(world)
    with pytest.raises(Refused, match="Toelichting"):
        services.return_to_concept(actor=world.bestuur, version=version, comment=" ")
    assert ProtocolVersion.objects.get(pk=version.pk).status == VersionStatus.ADOPTED


def test_publishing_supersedes_the_version_in_force_and_keeps_one_in_force(world):
    old = ProtocolVersion.objects.in_force()
    new = publish(world, approved(world), effective_from=TODAY)
    old.refresh_from_db()
    assert ProtocolVersion.objects.in_force() == new
    assert old.status == VersionStatus.SUPERSEDED and old.superseded_on == TODAY
    assert ProtocolVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == 1
    assert old.steps.last().to_status == VersionStatus.SUPERSEDED
    assert new.period == f"{TODAY.year}-{TODAY.year + 2}"
    assert new.approved_on == TODAY and new.chair_name == "Margreet Lommerts"


def test_publishing_with_an_effective_date_before_the_approval_is_refused(world):
    version = approved(world)
    with pytest.raises(Refused, match="Geldig vanaf"):
        publish(world, version, effective_from=TODAY - datetime.timedelta(days=3))
    assert ProtocolVersion.objects.get(pk=version.pk).status == VersionStatus.APPROVED


def test_only_one_version_is_on_its_way_at_a_time(world):
    adopted(world)
    with pytest.raises(Refused, match="al een versie in behandeling"):
        services.start_draft(actor=world.directie)
    assert ProtocolVersion.objects.count() == 2


def test_every_step_is_in_the_audit_trail(world):
    version = approved(world)
    actions = list(AuditEntry.objects.filter(object_id=str(version.pk)).values_list("action", flat=True))
    assert {Action.DRAFT_STARTED, Action.DETAILS_CHANGED, Action.VERSION_ADOPTED, Action.VERSION_APPROVED} <= set(actions)


def test_board_member_asking_for_changes_through_the_page_sees_it_in_the_history(world, client_for):
    version = adopted(world)
    response = client_for(world.bestuur).post(
        reverse("policy:step", args=[version.pk, "terug-naar-concept"]), {"comment": "Artikel over Parro herzien."},
        follow=True)
    assert "teruggezet naar concept" in response.content.decode()
    page = client_for(world.leerkracht5).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert "Artikel over Parro herzien." in page and "Margreet Lommerts" in page


def test_board_member_trying_to_adopt_through_the_page_gets_a_clear_message_and_nothing_changes(world, client_for):
    version = draft(world)
    response = client_for(world.bestuur).post(reverse("policy:step", args=[version.pk, "vaststellen"]), follow=True)
    assert "Alleen de directie mag een versie vaststellen." in response.content.decode()
    assert ProtocolVersion.objects.get(pk=version.pk).status == VersionStatus.DRAFT
    assert VersionStep.objects.filter(version=version).count() == 1


def test_the_whole_path_through_the_pages_publishes_the_change_for_everyone(world, client_for):
    """The issue's 'done means': draft, change a rule, adopt, approve, publish; /protocol/ shows it."""
    directie, bestuur = client_for(world.directie), client_for(world.bestuur)
    directie.post(reverse("policy:draft_start"), {"kind": "inhoudelijk"})
    version = ProtocolVersion.objects.open_draft()
    section = version.sections.get(key="eigen-telefoons")
    new_body = section.body.replace("De telefoon mag ook in de bureaulade van de leerkracht.",
                                    "De telefoon gaat in de telefoonbak van de groep.")
    directie.post(reverse("policy:section_edit", args=[section.pk]),
                  {"title": section.title, "body": new_body, "style": "normaal", "save": "1"})
    directie.post(reverse("policy:draft_edit", args=[version.pk]),
                  {"kind": "inhoudelijk", "change_summary": "Telefoons in de telefoonbak.", "period": ""})
    directie.post(reverse("policy:step", args=[version.pk, "vaststellen"]), {"comment": ""})
    bestuur.post(reverse("policy:step", args=[version.pk, "goedkeuren"]), {"comment": "Akkoord."})
    directie.post(reverse("policy:step", args=[version.pk, "publiceren"]),
                  {"effective_from": TODAY.isoformat(), "review_on": TODAY.replace(year=TODAY.year + 2).isoformat()})
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.number == "2.0"
    public = client_for(None).get(reverse("policy:current")).content.decode()
    assert "De telefoon gaat in de telefoonbak van de groep." in public
    assert "bureaulade" not in public
    old = ProtocolVersion.objects.get(major=1, minor=0)
    old_page = client_for(None).get(reverse("policy:version", args=[old.pk])).content.decode()
    assert "De telefoon mag ook in de bureaulade van de leerkracht." in old_page


def test_directie_publishes_per_a_future_date_and_the_version_waits_for_it(world, client_for):
    version = approved(world)
    publish(world, version, effective_from=TODAY + datetime.timedelta(days=30))
    version.refresh_from_db()
    assert version.is_scheduled and not version.is_in_force
    assert ProtocolVersion.objects.in_force().number == "1.0"
    assert "gaat in op" in version.status_label