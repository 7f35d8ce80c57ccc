"""Bestuur downloads the signed PDF of the protocol; the file's signature is the board's, intact and valid."""

import pytest
from django.conf import settings as django_settings
from pyhanko.sign.validation import SignatureCoverageLevel

from tests.e2e.helpers import board_certificate, open_menu, render_first_page, validate_signature

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]



def test_bestuur_downloads_the_signed_pdf_and_its_signature_is_the_boards_intact_and_valid(
    board_key, desktop, login, check, tmp_path
):
    bestuur = login(desktop, "bestuur")
    open_menu(bestuur, "Protocol")
    bestuur.get_by_role("link", name="Geschiedenis van deze versie").click()
    check(bestuur, "version in force (bestuur)")
    with bestuur.expect_download() as download_info:
        bestuur.get_by_role("link", name="PDF (ondertekend)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    signed = tmp_path / download.suggested_filename
    download.save_as(signed)

    status = validate_signature(signed, board_certificate(board_key, django_settings.SIGNING_PKCS12_PASSPHRASE))
    assert status.intact, status.pretty_print_details()
    assert status.valid, status.pretty_print_details()
    assert status.trusted, status.pretty_print_details()
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert "Bestuur Basisschool Prinses Juliana" in status.signing_cert.subject.human_friendly

    render_first_page(signed, "signed-pdf-first-page", docs=True)
