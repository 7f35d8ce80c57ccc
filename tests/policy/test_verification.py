"""The public verification page: authentic, altered, someone else's signature, not signed;
limits on what may be uploaded; nothing uploaded is kept."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from policy.models import ProtocolVersion
from policy.signed_pdf import render as pdf
from policy.signed_pdf import services as pdf_services
from policy.signed_pdf import sign as signing
from policy.signed_pdf.verify import Verdict, verify_pdf
from tests.policy.pdf_fixtures import flip_byte_in_signed_range

pytest_plugins = ["tests.policy.pdf_fixtures"]


@pytest.fixture
def issued_copy(world, board_settings) -> bytes:
    """The signed copy of version 1.0 as the portal issued it (stored and on record)."""
    copy = pdf_services.export_signed_copy(version=ProtocolVersion.objects.get(major=1, minor=0),
                                           actor=world.bestuur)
    with copy.file.open("rb") as handle:
        return handle.read()


def _upload(client, data: bytes, name: str = "protocol.pdf", content_type: str = "application/pdf"):
    return client.post(reverse("signing:verify"), {"document": SimpleUploadedFile(name, data, content_type)})


def test_verification_page_is_public(db, client_for):
    response = client_for(None).get(reverse("signing:verify"))
    assert response.status_code == 200
    assert "Is dit protocol echt?" in response.content.decode()


def test_anyone_uploading_the_issued_copy_hears_it_is_authentic_with_version_and_signer(issued_copy, client_for):
    response = _upload(client_for(None), issued_copy)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-verdict="echt"' in page
    assert "Echt en ongewijzigd" in page
    assert "versie 1.0" in page
    assert "Margreet Lommerts, voorzitter van het bestuur" in page


def test_the_issued_copy_with_one_byte_changed_is_reported_as_altered(issued_copy, client_for):
    response = _upload(client_for(None), flip_byte_in_signed_range(issued_copy))
    page = response.content.decode()
    assert 'data-verdict="gewijzigd"' in page
    assert "Gewijzigd na ondertekening" in page
    assert "Echt en ongewijzigd" not in page


def test_a_board_signed_copy_not_on_record_is_authentic_without_a_version(signed_v1, board_settings, db):
    result = verify_pdf(signed_v1)
    assert result.verdict == Verdict.AUTHENTIC
    assert result.version is None and not result.issued_here


def test_a_pdf_signed_with_another_certificate_is_recognised_as_such(board_settings, other_p12, client_for, db):
    version = ProtocolVersion.objects.get(major=1, minor=0)
    rendered = pdf.render_version(version)
    forged = signing.sign_pdf(rendered.data, signer_name="Margreet Lommerts", box=rendered.signature_box,
                              page=rendered.signature_page, key=signing.load_key(other_p12))
    assert verify_pdf(forged).verdict == Verdict.OTHER_SIGNER
    page = _upload(client_for(None), forged).content.decode()
    assert 'data-verdict="ander"' in page
    assert "iemand anders" in page


def test_an_unsigned_pdf_is_reported_as_not_signed(board_settings, client_for, db):
    unsigned = pdf.render_version(ProtocolVersion.objects.get(major=1, minor=0), draft=True).data
    page = _upload(client_for(None), unsigned).content.decode()
    assert 'data-verdict="niet_ondertekend"' in page
    assert "geen digitale handtekening" in page


def test_a_file_that_is_not_a_pdf_gets_a_clear_message(board_settings, client_for, db):
    response = _upload(client_for(None), b"Beste ouders,\nDit is geen PDF.\n", name="brief.pdf")
    assert response.status_code == 400
    assert "dit is geen PDF-bestand" in response.content.decode()
    assert "data-verdict" not in response.content.decode()


def test_a_file_over_the_size_limit_is_refused(board_settings, client_for, db, signed_v1):
    board_settings.MAX_UPLOAD_BYTES = 10_000
    response = _upload(client_for(None), signed_v1)
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_posting_without_a_file_names_the_field(board_settings, client_for, db):
    response = client_for(None).post(reverse("signing:verify"), {})
    assert response.status_code == 400
    assert "PDF-bestand" in response.content.decode()


def test_nothing_uploaded_is_kept_on_disk(issued_copy, board_settings, client_for, tmp_path):
    # Any upload bigger than this would normally be spooled to a temporary file.
    board_settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    board_settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    os.makedirs(board_settings.FILE_UPLOAD_TEMP_DIR)
    media_before = sorted(p.name for p in board_settings.MEDIA_ROOT.rglob("*"))
    response = _upload(client_for(None), issued_copy)
    assert 'data-verdict="echt"' in response.content.decode()
    assert os.listdir(board_settings.FILE_UPLOAD_TEMP_DIR) == []
    assert sorted(p.name for p in board_settings.MEDIA_ROOT.rglob("*")) == media_before


def test_verification_without_a_configured_certificate_says_it_is_unavailable(board_settings, client_for, db,
                                                                              tmp_path, signed_v1):
    board_settings.SIGNING_PKCS12_PATH = tmp_path / "missing.p12"
    response = _upload(client_for(None), signed_v1)
    assert response.status_code == 503
    assert "niet mogelijk" in response.content.decode()


def test_an_upload_without_the_csrf_token_is_refused(board_settings, db, signed_v1):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("signing:verify"),
                           {"document": SimpleUploadedFile("p.pdf", signed_v1, "application/pdf")})
    assert response.status_code == 403
