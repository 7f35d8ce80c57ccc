"""Downloading the signed PDF (bestuur, directie), the concept preview (directie), the audit
trail of exports, and the archiving command."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from julianaschool.models import AuditEntry
from policy import services
from policy.audit_actions import Action as PolicyAction
from policy.models import ProtocolVersion, SignedCopy, VersionStatus

pytest_plugins = ["tests.policy.pdf_fixtures"]

OTHER_ROLES = ["leerkracht5", "leerkracht7", "ouder5", "ouder7", "administratie", "medewerker", "outsider"]


def _v1():
    return ProtocolVersion.objects.get(major=1, minor=0)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_board_member_downloads_the_signed_pdf_and_the_export_is_audited(world, client_for, board_settings):
    board = world.bestuur
    response = client_for(board).get(reverse("signing:signed_pdf", args=[_v1().pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    data = _body(response)
    assert data.startswith(b"%PDF-")
    digest = hashlib.sha256(data).hexdigest()
    export = AuditEntry.objects.get(action=PolicyAction.PDF_EXPORTED)
    assert export.actor == board
    assert export.changes["sha256"] == digest
    assert export.at is not None
    assert export.object_id == str(_v1().pk)


def test_repeated_downloads_are_byte_identical_and_each_one_is_recorded(world, client_for, board_settings):
    url = reverse("signing:signed_pdf", args=[_v1().pk])
    first = _body(client_for(world.bestuur).get(url))
    second = _body(client_for(world.bestuur).get(url))
    by_director = _body(client_for(world.directie).get(url))
    assert first == second == by_director
    assert SignedCopy.objects.count() == 1
    exports = AuditEntry.objects.filter(action=PolicyAction.PDF_EXPORTED)
    assert exports.count() == 3
    assert {e.changes["sha256"] for e in exports} == {hashlib.sha256(first).hexdigest()}
    assert AuditEntry.objects.filter(action=PolicyAction.PDF_SIGNED).count() == 1


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_every_role_downloads_the_signed_pdf_of_a_published_version(world, client_for, board_settings, role):
    response = client_for(world.users[role]).get(reverse("signing:signed_pdf", args=[_v1().pk]))
    assert response.status_code == 200
    assert _body(response).startswith(b"%PDF-")


def test_a_visitor_without_login_downloads_the_signed_pdf_of_a_published_version(db, client_for, board_settings):
    response = client_for(None).get(reverse("signing:signed_pdf", args=[_v1().pk]))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    export = AuditEntry.objects.get(action=PolicyAction.PDF_EXPORTED)
    assert export.actor is None and export.changes["via"] == "publiek"


@pytest.mark.parametrize("role", ["leerkracht5", "administratie", "medewerker"])
def test_other_staff_cannot_download_an_approved_version_not_yet_published(world, client_for, board_settings, role):
    draft = services.start_draft(actor=world.directie)
    ProtocolVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.APPROVED)
    response = client_for(world.users[role]).get(reverse("signing:signed_pdf", args=[draft.pk]))
    assert response.status_code == 403
    assert not SignedCopy.objects.exists()


@pytest.mark.parametrize("role", ["ouder5", "outsider", None])
def test_outsiders_do_not_learn_an_approved_version_exists(world, client_for, board_settings, role):
    draft = services.start_draft(actor=world.directie)
    ProtocolVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.APPROVED)
    user = world.users[role] if role else None
    assert client_for(user).get(reverse("signing:signed_pdf", args=[draft.pk])).status_code == 404
    assert client_for(user).get(reverse("signing:approval_pdf", args=[draft.pk])).status_code in (302, 403, 404)


def test_a_version_that_does_not_exist_is_a_404(world, client_for, board_settings):
    response = client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[99999]))
    assert response.status_code == 404


def test_board_asking_for_a_signed_draft_is_refused_clearly(world, client_for, board_settings):
    draft = services.start_draft(actor=world.directie)
    response = client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[draft.pk]))
    assert response.status_code == 409
    assert "kan niet ondertekend worden" in response.content.decode()
    assert not SignedCopy.objects.exists()
    assert not AuditEntry.objects.filter(action__in=[PolicyAction.PDF_SIGNED, PolicyAction.PDF_EXPORTED]).exists()


def test_an_approved_version_can_be_signed(world, client_for, board_settings):
    draft = services.start_draft(actor=world.directie)
    ProtocolVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.APPROVED)
    response = client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert SignedCopy.objects.get().version == draft


def test_without_a_certificate_the_download_says_so(world, client_for, board_settings, tmp_path):
    board_settings.SIGNING_PKCS12_PATH = tmp_path / "missing.p12"
    response = client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[_v1().pk]))
    assert response.status_code == 503
    assert "certificaat van het bestuur" in response.content.decode()


def test_director_previews_a_draft_as_concept_pdf(world, client_for):
    draft = services.start_draft(actor=world.directie)
    response = client_for(world.directie).get(reverse("signing:concept_pdf", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"/ByteRange" not in response.content
    assert not SignedCopy.objects.exists()


@pytest.mark.parametrize("role", ["bestuur", *OTHER_ROLES])
def test_only_the_director_previews_concept_pdfs(world, client_for, role):
    draft = services.start_draft(actor=world.directie)
    response = client_for(world.users[role]).get(reverse("signing:concept_pdf", args=[draft.pk]))
    assert response.status_code == 403


def test_version_page_shows_the_pdf_buttons_to_the_right_roles(world, client_for):
    url = reverse("policy:version", args=[_v1().pk])
    board_page = client_for(world.bestuur).get(url).content.decode()
    director_page = client_for(world.directie).get(url).content.decode()
    teacher_page = client_for(world.leerkracht5).get(url).content.decode()
    assert "PDF (ondertekend)" in board_page and "Concept-PDF" not in board_page
    assert "PDF (ondertekend)" in director_page and "Concept-PDF" in director_page
    # A published version's PDF is public; the concept preview is not.
    assert "PDF (ondertekend)" in teacher_page and "Concept-PDF" not in teacher_page


def test_export_command_writes_the_same_stored_file_as_the_download(world, client_for, board_settings, tmp_path):
    downloaded = _body(client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[_v1().pk])))
    current = tmp_path / "current.pdf"
    numbered = tmp_path / "numbered.pdf"
    call_command("export_protocol_pdf", "--version", "current", "--output", str(current), stdout=io.StringIO())
    call_command("export_protocol_pdf", "--version", "1.0", "--output", str(numbered), stdout=io.StringIO())
    assert current.read_bytes() == numbered.read_bytes() == downloaded
    exports = AuditEntry.objects.filter(action=PolicyAction.PDF_EXPORTED, changes__via="export_protocol_pdf")
    assert exports.count() == 2
    assert all(e.actor is None and e.actor_name == "systeem" for e in exports)


def test_export_command_refuses_a_draft_and_an_unknown_version(world, board_settings, tmp_path):
    draft = services.start_draft(actor=world.directie)
    with pytest.raises(CommandError, match="niet goedgekeurd"):
        call_command("export_protocol_pdf", "--version", draft.number, "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("export_protocol_pdf", "--version", "7.3", "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_superseded_version_keeps_serving_the_copy_signed_while_it_was_in_force(world, client_for, board_settings):
    url = reverse("signing:signed_pdf", args=[_v1().pk])
    signed_in_force = _body(client_for(world.bestuur).get(url))
    ProtocolVersion.objects.filter(pk=_v1().pk).update(status=VersionStatus.SUPERSEDED)
    response = client_for(world.bestuur).get(url)
    assert response.status_code == 200
    assert _body(response) == signed_in_force


def test_a_superseded_version_without_a_signed_copy_is_not_signed_afterwards(world, client_for, board_settings):
    ProtocolVersion.objects.filter(pk=_v1().pk).update(status=VersionStatus.SUPERSEDED)
    response = client_for(world.bestuur).get(reverse("signing:signed_pdf", args=[_v1().pk]))
    assert response.status_code == 409
    assert not SignedCopy.objects.exists()
