"""The protocol's life after approval (issue 17): a compare people can read, the signed PDF of
the document in force, the public PDF, publication per a date, the mails, the MR, the poster."""

import datetime
import io
import re

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from julianaschool.errors import Refused
from julianaschool.mail import MailKind
from julianaschool.models import OutgoingMail
from policy import acknowledgements, services
from policy.diff import ADDED, CHANGED, REMOVED, compare
from policy.models import MrDecision, ProtocolVersion, SignedCopy, VersionStatus

from .helpers import TODAY, adopted, approved, draft, edit, publish

pytest_plugins = ["tests.policy.pdf_fixtures"]

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages))


# --- 1. A compare people can read


def _ux_review_edits(world):
    """The edits of the UX review: a rule reworded, a rule added in the middle of a list, a bold
    phrase added, a section renamed and moved."""
    version = draft(world)
    edit(world, version, "eigen-telefoons", "De telefoon mag ook in de bureaulade van de leerkracht.",
         "De telefoon gaat bij binnenkomst in de telefoonbak van de groep.")
    edit(world, version, "specifiek-voor-leerlingen",
         "- Als je op een chromebook werkt: log altijd in op je eigen MOO.\n",
         "- Als je op een chromebook werkt: log altijd in op je eigen MOO.\n- Deel je wachtwoord met niemand.\n")
    edit(world, version, "eigen-telefoons", "Kinderen mogen op school nooit zonder toestemming foto's nemen",
         "Kinderen mogen op school **nooit zonder toestemming** foto's nemen")
    website = version.sections.get(key="schoolwebsite")
    services.update_section(actor=world.directie, section=website, title="De website van de school", body=website.body)
    services.move_section(actor=world.directie, section=version.sections.get(key="schoolwebsite"), direction="down")
    return version


def test_the_compare_pairs_rules_and_marks_only_what_changed(world):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = _ux_review_edits(world)
    diffs = {d.key: d for d in compare(seeded, version)}
    phones = [r for r in diffs["eigen-telefoons"].rules if r.is_changed]
    assert [r.status for r in phones] == [CHANGED, CHANGED]
    reworded, bold = phones
    # Old and new rule, the changed words marked inside each, no space lost around them.
    assert "De telefoon <del>" in reworded.old_html and "mag ook</del> in de <del>" in reworded.old_html
    assert "De telefoon <ins>" in reworded.new_html and "gaat bij binnenkomst</ins> in de <ins>" in reworded.new_html
    # A bold phrase added is a change although the words stayed.
    assert "<strong>nooit zonder toestemming</strong></ins> foto" in bold.new_html
    assert "school <del>" in bold.old_html
    pupils = diffs["specifiek-voor-leerlingen"].rules
    added = [i for i, r in enumerate(pupils) if r.status == ADDED]
    assert len(added) == 1 and 0 < added[0] < len(pupils) - 1  # in the middle of the list
    assert "Deel je wachtwoord met niemand." in pupils[added[0]].new_html
    assert all(r.status != REMOVED for r in pupils)
    website = diffs["schoolwebsite"]
    assert website.status == CHANGED and set(website.notes) == {"renamed", "moved"}
    assert website.changed_rules == []
    for d in diffs.values():
        for r in d.rules:
            for html in (r.old_html or "", r.new_html or ""):
                assert not re.search(r"\w<(ins|del)>|</(ins|del)>\w", html), html  # words never run together


def test_a_medewerker_reads_the_compare_with_labels_as_text(world, client_for):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = _ux_review_edits(world)
    page = client_for(world.medewerker).get(reverse("policy:compare"), {"old": seeded.pk, "new": version.pk}).content.decode()
    assert ">nieuw</span>" in page and ">gewijzigd</span>" in page
    assert 'class="visually-hidden">verwijderd: </span>' in page and 'class="visually-hidden">nieuw: </span>' in page
    assert 'Heette: "Schoolwebsite"' in page
    assert "Dit hoofdstuk staat op een andere plaats in het protocol." in page
    assert "**" not in page  # the rendered text, never the Markdown source


def test_a_removed_rule_is_struck_through_and_labelled(world):
    seeded = ProtocolVersion.objects.get(major=1, minor=0)
    version = draft(world)
    edit(world, version, "eigen-telefoons", "- De telefoon mag ook in de bureaulade van de leerkracht.\n", "")
    rules = [r for r in {d.key: d for d in compare(seeded, version)}["eigen-telefoons"].rules if r.is_changed]
    assert [r.status for r in rules] == [REMOVED]
    assert "bureaulade van de leerkracht." in rules[0].old_html and rules[0].new_html is None


def test_staff_acknowledging_a_substantive_version_see_the_changes_then_the_new_text(world, client_for):
    services.acknowledge(user=world.medewerker, version=ProtocolVersion.objects.get(major=1, minor=0))
    version = services.adopt(actor=world.directie, version=_ux_review_edits(world))
    publish(world, services.approve(actor=world.bestuur, version=version))
    page = client_for(world.medewerker).get(reverse("policy:acknowledge")).content.decode()
    changes, new_text = page.split("De nieuwe tekst (versie 2.0)")
    assert ">gewijzigd</span>" in changes and "Deel je wachtwoord met niemand." in changes
    assert "Sancties en gevolgen" not in changes and "Sancties en gevolgen" in new_text


# --- 2. The signed PDF is the document in force


def test_publishing_signs_the_document_in_force_and_keeps_the_approval_record(world, board_settings, client_for):
    version = approved(world)
    approval = SignedCopy.objects.get(version=version, kind=SignedCopy.Kind.APPROVAL)
    publish(world, version, effective_from=TODAY)
    copy = SignedCopy.objects.get(version=version, kind=SignedCopy.Kind.PUBLICATION)
    text = _text(copy.file.read())
    assert f"Geldig vanaf {TODAY.day} " in text
    assert "Beleid te herzien" in text and "Status Gepubliceerd" in text
    # Who approved, and when.
    assert f"Goedkeuring {TODAY.day} " in text and f"{TODAY.year}, door Margreet Lommerts" in text
    assert "Status Goedgekeurd door bestuur" in _text(approval.file.read())
    # The approval record stays available to the board and directie.
    response = client_for(world.bestuur).get(reverse("signing:approval_pdf", args=[version.pk]))
    assert response.status_code == 200 and _body(response) == approval.file.open("rb").read()


def test_publishing_without_the_boards_certificate_still_publishes(world, settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = tmp_path / "missing.p12"
    version = publish(world, approved(world))
    assert version.is_in_force and not SignedCopy.objects.filter(version=version).exists()


# --- 3. The public PDF


def test_a_visitor_downloads_the_pdf_in_force_without_login_and_pyhanko_validates_it(
        world, client_for, board_settings, board_p12):
    version = publish(world, approved(world))
    visitor = client_for(None)
    page = visitor.get(reverse("policy:current")).content.decode()
    assert reverse("signing:signed_pdf", args=[version.pk]) in page
    assert page.index(reverse("signing:signed_pdf", args=[version.pk])) < page.index(
        reverse("signing:signed_pdf", args=[ProtocolVersion.objects.get(major=1, minor=0).pk]))
    response = visitor.get(reverse("signing:current_pdf"))
    assert response.status_code == 200
    data = _body(response)
    assert data == SignedCopy.objects.get(version=version, kind=SignedCopy.Kind.PUBLICATION).file.open("rb").read()
    _validate(data, board_settings)


def _validate(data: bytes, settings):
    from policy.signed_pdf import sign as signing

    key = signing.board_key()
    context = ValidationContext(trust_roots=[key.certificate])
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(signature, context)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.dump() == key.certificate.dump()


def test_drafts_and_approved_versions_stay_internal(world, client_for):
    version = approved(world)
    for user in (None, world.ouder5):
        assert client_for(user).get(reverse("signing:signed_pdf", args=[version.pk])).status_code == 404
        listing = client_for(user).get(reverse("policy:versions")).content.decode()
        assert "2.0" not in listing


def test_the_stable_address_is_a_404_when_nothing_is_in_force(db, client_for):
    ProtocolVersion.objects.update(status=VersionStatus.SUPERSEDED, superseded_on=TODAY)
    assert client_for(None).get(reverse("signing:current_pdf")).status_code == 404


# --- 4. Publication per a date


def test_a_version_published_per_a_date_takes_over_on_that_day_without_a_job(world, client_for):
    old = ProtocolVersion.objects.get(major=1, minor=0)
    services.acknowledge(user=world.medewerker, version=old)
    start = TODAY + datetime.timedelta(days=30)
    version = publish(world, approved(world), effective_from=start)
    old.refresh_from_db()
    assert ProtocolVersion.objects.in_force() == old
    assert ProtocolVersion.objects.in_force(start - datetime.timedelta(days=1)) == old
    assert ProtocolVersion.objects.in_force(start) == version
    assert old.superseded_on == start and old.status == VersionStatus.PUBLISHED
    # Staff and board see "gaat in op"; visitors do not see it yet; staff are not asked yet.
    for user in (world.directie, world.bestuur, world.medewerker):
        page = client_for(user).get(reverse("policy:version", args=[version.pk])).content.decode()
        assert "gaat in op" in page.lower()
    assert client_for(None).get(reverse("policy:version", args=[version.pk])).status_code == 404
    assert acknowledgements.pending_for(world.medewerker) is None
    # The day comes (the dates say so): the new version is in force, the old one superseded.
    ProtocolVersion.objects.filter(pk=version.pk).update(effective_from=TODAY)
    ProtocolVersion.objects.filter(pk=old.pk).update(superseded_on=TODAY)
    version.refresh_from_db()
    old.refresh_from_db()
    assert version.is_in_force and old.is_superseded and old.status_label == "Vervallen"
    assert acknowledgements.pending_for(world.medewerker)["version"] == version
    assert client_for(None).get(reverse("policy:version", args=[version.pk])).status_code == 200


def test_no_new_draft_while_a_version_waits_for_its_date(world):
    publish(world, approved(world), effective_from=TODAY + datetime.timedelta(days=10))
    with pytest.raises(Refused, match="gaat in op"):
        services.start_draft(actor=world.directie)


# --- 5. Notifications


def _mails(kind):
    return list(OutgoingMail.objects.filter(kind=kind))


def test_adopting_mails_the_board_approving_mails_directie_publishing_mails_all_staff(world):
    version = adopted(world)
    [to_board] = _mails(MailKind.POLICY_ADOPTED)
    assert to_board.to == [world.bestuur.email]
    services.approve(actor=world.bestuur, version=version)
    [to_directie] = _mails(MailKind.POLICY_APPROVED)
    assert to_directie.to == [world.directie.email]
    publish(world, version)
    staff_mails = _mails(MailKind.POLICY_PUBLISHED)
    addresses = {m.to[0] for m in staff_mails}
    assert world.medewerker.email in addresses and world.directie.email in addresses
    assert world.ouder5.email not in addresses
    assert all(not m.urgent for m in staff_mails)  # quiet hours: waits for a school day
    assert "bevestigen" in staff_mails[0].body


def test_a_version_published_per_a_date_is_announced_to_staff_on_that_day(world):
    start = TODAY + datetime.timedelta(days=20)
    publish(world, approved(world), effective_from=start)
    from django.utils import timezone

    mails = _mails(MailKind.POLICY_PUBLISHED)
    assert mails and all(timezone.localtime(m.send_after).date() >= start for m in mails)


def test_directie_informs_parents_after_seeing_the_count(world, client_for):
    version = publish(world, approved(world))
    client = client_for(world.directie)
    url = reverse("policy:inform_parents", args=[version.pk])
    confirm = client.get(url).content.decode()
    count = services.parents_to_inform().count()
    assert count >= 2 and f"{count} ouders/verzorgers" in confirm
    assert not _mails(MailKind.POLICY_PARENTS)  # the GET sends nothing
    client.post(url)
    mails = _mails(MailKind.POLICY_PARENTS)
    assert len(mails) == count and world.ouder5.email in {m.to[0] for m in mails}
    assert reverse("policy:current") in mails[0].body
    client.post(url)  # asked twice: sent once
    assert len(_mails(MailKind.POLICY_PARENTS)) == count


# --- 6. The MR


@override_settings(PROTOCOL_MR_STEP=True)
def test_with_the_mr_step_on_the_board_cannot_approve_before_the_mr_is_recorded(world):
    version = adopted(world)
    with pytest.raises(Refused, match="medezeggenschapsraad"):
        services.approve(actor=world.bestuur, version=version)
    decision = services.record_mr_decision(
        actor=world.directie, version=version, decided_on=TODAY, outcome=MrDecision.Outcome.CONSENT,
        minutes=SimpleUploadedFile("notulen.pdf", PDF_BYTES, content_type="application/pdf"))
    assert decision.minutes_content_type == "application/pdf"
    assert services.approve(actor=world.bestuur, version=version).status == VersionStatus.APPROVED


def test_directie_turns_the_mr_step_on_for_one_version_and_refused_consent_blocks(world, client_for):
    version = draft(world)
    services.update_details(actor=world.directie, version=version, kind=version.kind,
                            change_summary=version.change_summary, needs_mr=True)
    version = services.adopt(actor=world.directie, version=version)
    page = client_for(world.bestuur).get(reverse("policy:version", args=[version.pk])).content.decode()
    assert "Wacht op het advies of de instemming van de MR" in page
    response = client_for(world.directie).post(reverse("policy:mr_record", args=[version.pk]), {
        "decided_on": TODAY.isoformat(), "outcome": MrDecision.Outcome.NO_CONSENT,
        "minutes": SimpleUploadedFile("notulen.pdf", PDF_BYTES, content_type="application/pdf")})
    assert response.status_code == 302 and MrDecision.objects.filter(version=version).count() == 1
    with pytest.raises(Refused, match="geweigerd"):
        services.approve(actor=world.bestuur, version=version)


def test_minutes_that_are_not_a_pdf_or_image_are_refused_and_nothing_is_recorded(world, client_for):
    version = draft(world)
    services.update_details(actor=world.directie, version=version, kind=version.kind,
                            change_summary=version.change_summary, needs_mr=True)
    version = services.adopt(actor=world.directie, version=version)
    response = client_for(world.directie).post(reverse("policy:mr_record", args=[version.pk]), {
        "decided_on": TODAY.isoformat(), "outcome": MrDecision.Outcome.CONSENT,
        "minutes": SimpleUploadedFile("notulen.pdf", b"#!/bin/sh\necho hoi\n", content_type="application/pdf")},
        follow=True)
    assert "Dit soort bestand kunnen wij niet aannemen" in response.content.decode()
    assert not MrDecision.objects.exists()


# --- 7. The classroom poster


@pytest.mark.parametrize("size,width_mm", [("a4", 210), ("a3", 297)])
def test_staff_download_the_poster_from_the_version_in_force(world, client_for, size, width_mm):
    response = client_for(world.leerkracht5).get(reverse("signing:poster_pdf", args=[size]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1  # one poster, one sheet
    assert round(float(reader.pages[0].mediabox.width) / 72 * 25.4) == width_mm
    text = _text(response.content)
    assert "Onze internetregels" in text and "Voor je iets plaatst: DENK NA" in text
    assert "Vraag eerst aan de leerkracht of je op internet mag." in text
    assert "K = Klopt het?" in text


def test_the_poster_changes_when_a_version_with_other_rules_comes_into_force(world, client_for):
    version = draft(world)
    edit(world, version, "specifiek-voor-leerlingen", "Vraag eerst aan de leerkracht of je op internet mag.",
         "Vraag altijd eerst aan de juf of meester of je op internet mag.")
    publish(world, services.approve(actor=world.bestuur, version=services.adopt(actor=world.directie, version=version)))
    text = _text(client_for(world.leerkracht5).get(reverse("signing:poster_pdf", args=["a4"])).content)
    assert "Vraag altijd eerst aan de juf of meester" in text


def test_parents_do_not_get_the_poster(world, client_for):
    assert client_for(world.ouder5).get(reverse("signing:poster_pdf", args=["a4"])).status_code == 403


def test_directie_and_bestuur_see_on_the_dashboard_when_a_version_comes_into_force(world, client_for):
    publish(world, approved(world), effective_from=TODAY + datetime.timedelta(days=14))
    for user in (world.directie, world.bestuur):
        assert "gaat in op" in client_for(user).get(reverse("dashboard")).content.decode()
    page = client_for(world.medewerker).get(reverse("policy:current")).content.decode()
    assert "Versie 2.0 gaat in op" in page
    assert "gaat in op" not in client_for(None).get(reverse("policy:current")).content.decode()


def test_a_concept_the_mr_decided_on_cannot_be_thrown_away(world):
    version = draft(world)
    services.update_details(actor=world.directie, version=version, kind=version.kind,
                            change_summary=version.change_summary, needs_mr=True)
    version = services.adopt(actor=world.directie, version=version)
    services.record_mr_decision(actor=world.directie, version=version, decided_on=TODAY,
                                outcome=MrDecision.Outcome.NEGATIVE_ADVICE,
                                minutes=SimpleUploadedFile("notulen.pdf", PDF_BYTES, content_type="application/pdf"))
    version = services.return_to_concept(actor=world.bestuur, version=version, comment="Eerst het MR-advies verwerken.")
    with pytest.raises(Refused, match="medezeggenschapsraad"):
        services.discard_draft(actor=world.directie, version=version)
    assert MrDecision.objects.filter(version=version).exists()


@override_settings(PROTOCOL_MR_STEP=True)
def test_after_a_change_the_mr_is_asked_again(world):
    version = adopted(world)
    services.record_mr_decision(actor=world.directie, version=version, decided_on=TODAY,
                                outcome=MrDecision.Outcome.POSITIVE_ADVICE,
                                minutes=SimpleUploadedFile("notulen.pdf", PDF_BYTES, content_type="application/pdf"))
    version = services.return_to_concept(actor=world.bestuur, version=version, comment="Regel 3 anders.")
    version = services.adopt(actor=world.directie, version=version)
    with pytest.raises(Refused, match="medezeggenschapsraad"):
        services.approve(actor=world.bestuur, version=version)
