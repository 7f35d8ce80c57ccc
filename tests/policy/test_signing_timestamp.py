"""With SIGNING_TIMESTAMP_URL set, the signature carries an RFC 3161 timestamp from that server.

The server is a small one on 127.0.0.1 for this test, answering with pyHanko's own test TSA.
"""

import datetime
import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from policy.models import ProtocolVersion
from policy.signed_pdf import services as pdf_services
from policy.signed_pdf.verify import Verdict, verify_pdf

pytest_plugins = ["tests.policy.pdf_fixtures"]


def _tsa_identity():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return (
        asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
    )


@pytest.fixture
def local_tsa():
    tsa_cert, tsa_key = _tsa_identity()
    stamper = DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key)
    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            requests_seen.append(request)
            body = stamper.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa", requests_seen
    server.shutdown()
    server.server_close()


def test_signature_carries_a_timestamp_when_a_server_is_configured(world, board_settings, local_tsa):
    url, requests_seen = local_tsa
    board_settings.SIGNING_TIMESTAMP_URL = url
    copy = pdf_services.signed_copy(version=ProtocolVersion.objects.get(major=1, minor=0),
                                    actor=world.bestuur)
    with copy.file.open("rb") as handle:
        data = handle.read()
    assert len(requests_seen) == 1
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    unsigned_attrs = signature.signer_info["unsigned_attrs"]
    assert any(attr["type"].native == "signature_time_stamp_token" for attr in unsigned_attrs)
    # Still the board's intact signature over the whole file.
    assert verify_pdf(data).verdict == Verdict.AUTHENTIC


def test_without_a_timestamp_server_nothing_is_requested(world, board_settings, local_tsa):
    _url, requests_seen = local_tsa
    copy = pdf_services.signed_copy(version=ProtocolVersion.objects.get(major=1, minor=0),
                                    actor=world.bestuur)
    with copy.file.open("rb") as handle:
        signature = PdfFileReader(io.BytesIO(handle.read())).embedded_signatures[0]
    assert requests_seen == []
    assert not signature.signer_info["unsigned_attrs"]
