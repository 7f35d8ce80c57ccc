"""The board's PAdES signature: valid, trusted against the board certificate, over the whole
file, visible on the last page; and the certificate command."""

import hashlib
import io
import re

import pypdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from policy.models import ProtocolVersion, SignedCopy, VersionStatus
from policy.signed_pdf import render as pdf
from policy.signed_pdf import services as pdf_services
from policy.signed_pdf import sign as signing
from tests.policy.pdf_fixtures import PASSPHRASE, flip_byte_in_signed_range

pytest_plugins = ["tests.policy.pdf_fixtures"]


def _board_context(board_p12):
    """pyHanko's validator with the board's certificate as the only trust root."""
    root = signing.load_key(board_p12, PASSPHRASE).certificate
    return ValidationContext(trust_roots=[root], allow_fetching=False)


def _signature(data: bytes):
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(signatures) == 1
    return signatures[0]


def test_signature_is_intact_valid_trusted_and_covers_the_entire_file(signed_v1, board_p12):
    status = validate_pdf_signature(_signature(signed_v1), signer_validation_context=_board_context(board_p12))
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line


def test_signature_is_pades_by_the_board_with_reason_and_signer(signed_v1):
    signature = _signature(signed_v1)
    sig = signature.sig_object
    assert sig["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig["/Reason"] == "Goedgekeurd door het bestuur; gepubliceerd als geldend protocol"
    assert sig["/Name"] == "Margreet Lommerts, voorzitter van het bestuur"
    assert signature.signer_cert.subject.native["common_name"] == "Bestuur Basisschool Prinses Juliana"


def test_visible_signature_block_is_on_the_last_page_in_the_documents_font(signed_v1):
    last_page = pypdf.PdfReader(io.BytesIO(signed_v1)).pages[-1]
    widgets = [a.get_object() for a in last_page.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    x1, y1, x2, y2 = (float(v) for v in widgets[0]["/Rect"])
    assert x2 - x1 > 200 and y2 - y1 > 60  # a readable block, not an invisible field
    # pyHanko draws nothing of its own (no Courier box): the block is the document's text.
    appearance = _all_stream_text(widgets[0]["/AP"]["/N"].get_object())
    assert b"Margreet" not in appearance and b"Courier" not in appearance
    text = re.sub(r"\s+", " ", last_page.extract_text())
    for words in ["Digitaal ondertekend door", "Margreet Lommerts", "voorzitter van het bestuur",
                  "Reden: Goedgekeurd door het bestuur", "Datum:"]:
        assert words in text
    # The verification address comes from PORTAL_BASE_URL (it may wrap over two lines).
    assert "https://portaal.julianaschool.example/protocol/verifieren/" in text.replace(" ", "")
    fonts = {str(f.get_object()["/BaseFont"]) for f in last_page["/Resources"]["/Font"].values()}
    assert fonts and all("Source" in name and "Courier" not in name for name in fonts), fonts


def _all_stream_text(stream) -> bytes:
    """The appearance's content and that of the forms it draws (pyHanko nests the text box)."""
    data = stream.get_data()
    resources = stream.get("/Resources")
    if resources is not None and "/XObject" in resources:
        for xobject in resources["/XObject"].values():
            data += _all_stream_text(xobject.get_object())
    return data


def test_a_draft_cannot_be_signed(world, board_settings):
    draft = _start_draft(world)
    with pytest.raises(pdf_services.NotSignable):
        pdf_services.signed_copy(version=draft, actor=world.bestuur)
    assert not SignedCopy.objects.exists()


def test_an_adopted_but_unapproved_version_cannot_be_signed(world, board_settings):
    draft = _start_draft(world)
    ProtocolVersion.objects.filter(pk=draft.pk).update(status=VersionStatus.ADOPTED)
    draft.refresh_from_db()
    with pytest.raises(pdf_services.NotSignable):
        pdf_services.signed_copy(version=draft, actor=world.bestuur)


def _start_draft(world):
    from policy import services

    return services.start_draft(actor=world.directie)


def test_signed_copy_is_made_once_and_stored_under_the_private_media_root(world, board_settings):
    version = ProtocolVersion.objects.get(major=1, minor=0)
    first = pdf_services.signed_copy(version=version, actor=world.bestuur)
    second = pdf_services.signed_copy(version=version, actor=world.directie)
    assert first.pk == second.pk
    assert SignedCopy.objects.count() == 1
    path = board_settings.MEDIA_ROOT / first.file.name
    assert path.is_file()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == first.sha256


def test_without_a_certificate_nothing_is_signed(world, board_settings, tmp_path):
    board_settings.SIGNING_PKCS12_PATH = tmp_path / "missing.p12"
    version = ProtocolVersion.objects.get(major=1, minor=0)
    with pytest.raises(signing.SigningNotConfigured):
        pdf_services.signed_copy(version=version, actor=world.bestuur)
    assert not SignedCopy.objects.exists()


def test_a_wrong_passphrase_is_reported_as_not_configured(board_settings):
    board_settings.SIGNING_PKCS12_PASSPHRASE = "verkeerd"
    with pytest.raises(signing.SigningNotConfigured):
        signing.board_key()


def test_create_signing_certificate_makes_a_document_signing_certificate(settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = tmp_path / "var" / "signing" / "board.p12"
    settings.SIGNING_PKCS12_PASSPHRASE = "geheim-genoeg"
    call_command("create_signing_certificate", stdout=io.StringIO())
    _key, certificate, _extra = pkcs12.load_key_and_certificates(
        settings.SIGNING_PKCS12_PATH.read_bytes(), b"geheim-genoeg")
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment  # content_commitment is non-repudiation
    assert not usage.key_cert_sign
    assert certificate.subject == certificate.issuer  # self-signed, for demo and development
    assert settings.SIGNING_PKCS12_PATH.stat().st_mode & 0o077 == 0


def test_create_signing_certificate_if_missing_keeps_an_existing_certificate(settings, tmp_path):
    settings.SIGNING_PKCS12_PATH = tmp_path / "board.p12"
    settings.SIGNING_PKCS12_PASSPHRASE = ""
    call_command("create_signing_certificate", stdout=io.StringIO())
    before = settings.SIGNING_PKCS12_PATH.read_bytes()
    call_command("create_signing_certificate", "--if-missing", stdout=io.StringIO())
    assert settings.SIGNING_PKCS12_PATH.read_bytes() == before


def test_flipping_one_byte_inside_the_signed_range_breaks_the_signature(signed_v1, board_p12):
    changed = flip_byte_in_signed_range(signed_v1)
    status = validate_pdf_signature(_signature(changed), signer_validation_context=_board_context(board_p12))
    assert not status.intact
    assert not status.bottom_line


def test_a_signature_by_another_certificate_is_not_trusted(signed_v1, board_p12, other_p12, db):
    version = ProtocolVersion.objects.get(major=1, minor=0)
    rendered = pdf.render_version(version)
    other_key = signing.load_key(other_p12)
    data = signing.sign_pdf(rendered.data, signer_name="M. Lommerts", box=rendered.signature_box,
                            page=rendered.signature_page, key=other_key)
    status = validate_pdf_signature(_signature(data), signer_validation_context=_board_context(board_p12))
    assert status.intact and status.valid
    assert not status.trusted
