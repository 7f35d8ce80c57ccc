"""Shared fixtures of the signed-PDF tests: a board certificate made once per test session in a
temporary folder, the settings pointed at it, and the 2022-2024 version signed once.

Import the fixtures a test file needs: `from tests.policy.pdf_fixtures import board_settings`.
"""

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from policy.models import ProtocolVersion
from policy.signed_pdf import render as pdf
from policy.signed_pdf import sign as signing

# The address the signed PDF names for checking it: from settings, never the request.
PORTAL_BASE_URL = "https://portaal.julianaschool.example"

PASSPHRASE = "bestuur-test-wachtwoord"


@pytest.fixture(scope="session")
def board_p12(tmp_path_factory):
    path = tmp_path_factory.mktemp("signing") / "board.p12"
    signing.create_board_certificate(
        path=path, passphrase=PASSPHRASE, common_name="Bestuur Basisschool Prinses Juliana",
        organization=django_settings.SCHOOL_FOUNDATION,
    )
    return path


@pytest.fixture(scope="session")
def other_p12(tmp_path_factory):
    """A certificate that looks like the board's but is not: same name, another key."""
    path = tmp_path_factory.mktemp("other") / "other.p12"
    signing.create_board_certificate(
        path=path, passphrase="", common_name="Bestuur Basisschool Prinses Juliana", organization="Iemand anders",
    )
    return path


@pytest.fixture
def board_settings(settings, board_p12, tmp_path):
    """The board's certificate configured, and signed copies stored in this test's own folder."""
    settings.SIGNING_PKCS12_PATH = board_p12
    settings.SIGNING_PKCS12_PASSPHRASE = PASSPHRASE
    settings.SIGNING_TIMESTAMP_URL = ""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings


@pytest.fixture(scope="session")
def signed_v1(board_p12, django_db_setup, django_db_blocker) -> bytes:
    """The seeded 2022-2024 version (in force) rendered as the published document and signed with
    the board key, once per session."""
    with django_db_blocker.unblock(), override_settings(
        SIGNING_PKCS12_PATH=board_p12, SIGNING_PKCS12_PASSPHRASE=PASSPHRASE, SIGNING_TIMESTAMP_URL="",
        PORTAL_BASE_URL=PORTAL_BASE_URL,
    ):
        version = ProtocolVersion.objects.get(major=1, minor=0)
        rendered = pdf.render_version(version, publication=True)
        return signing.sign_pdf(
            rendered.data, signer_name=version.chair_name, box=rendered.signature_box, page=rendered.signature_page,
            reason=signing.REASON_PUBLICATION,
        )


def flip_byte_in_signed_range(data: bytes) -> bytes:
    """`data` with one bit of one byte changed, in the middle of the signature's first byte range."""
    import re

    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    start, length = int(match.group(1)), int(match.group(2))
    position = start + length // 2
    changed = bytearray(data)
    changed[position] ^= 0x01
    return bytes(changed)
