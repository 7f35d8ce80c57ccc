"""The board's digital signature: its key and certificate, and a PAdES signature over a PDF.

The key and certificate come from one PKCS#12 file (settings.SIGNING_PKCS12_PATH and
SIGNING_PKCS12_PASSPHRASE). For demo and development `create_board_certificate` makes a
self-signed one; a school uses the file its certificate authority issued instead.
"""

import datetime
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.stamp import TextStampStyle

SIGNATURE_FIELD = "Handtekening bestuur"
REASON = "Goedgekeurd door het bestuur"
REASON_PUBLICATION = "Goedgekeurd door het bestuur; gepubliceerd als geldend protocol"
SIGNER_ROLE = "voorzitter van het bestuur"


class SigningNotConfigured(Exception):
    """The board's PKCS#12 file is missing or cannot be opened with the configured passphrase."""


class _BoardSigner(signers.SimpleSigner):
    """pyHanko parses the private key again for every signature it makes (twice per PDF: once to
    size the signature). For an RSA key the checks on parsing cost about 0.1 s; this signer
    parses it once and keeps it."""

    _parsed_key = None

    def _key(self):
        if self._parsed_key is None:
            self._parsed_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        return self._parsed_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        key = self._key()
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


@dataclass(frozen=True)
class BoardKey:
    signer: signers.SimpleSigner
    certificate: asn1_x509.Certificate

    @property
    def subject(self) -> str:
        return self.certificate.subject.human_friendly

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.certificate.dump()).hexdigest()


_cache: dict = {}


def load_key(path: Path, passphrase: str = "") -> BoardKey:
    """A signer and its certificate from a PKCS#12 file."""
    try:
        signer = _BoardSigner.load_pkcs12(str(path), passphrase=passphrase.encode() if passphrase else None)
    except Exception as exc:  # pyHanko raises several kinds for a wrong passphrase or a bad file
        raise SigningNotConfigured(f"Het ondertekeningscertificaat in {path} kan niet worden geopend") from exc
    if signer is None:
        raise SigningNotConfigured(f"Het ondertekeningscertificaat in {path} kan niet worden geopend")
    return BoardKey(signer=signer, certificate=signer.signing_cert)


def board_key() -> BoardKey:
    """The board's signer, loaded from settings.SIGNING_PKCS12_PATH once per file version
    (decrypting the file costs more than a signature)."""
    path = Path(settings.SIGNING_PKCS12_PATH)
    try:
        stat = path.stat()
    except FileNotFoundError as exc:
        raise SigningNotConfigured(f"Geen ondertekeningscertificaat gevonden in {path}") from exc
    cache_key = (str(path), stat.st_mtime_ns, stat.st_size, settings.SIGNING_PKCS12_PASSPHRASE)
    if cache_key not in _cache:
        key = load_key(path, settings.SIGNING_PKCS12_PASSPHRASE)
        _cache.clear()
        _cache[cache_key] = key
    return _cache[cache_key]


def create_board_certificate(
    *, path: Path, passphrase: str = "", common_name: str, organization: str, valid_days: int = 5 * 365
) -> x509.Certificate:
    """Write a new self-signed board certificate and key to `path` (PKCS#12) and return it.

    The key usage says what the certificate is for: digital signatures with non-repudiation,
    which is what a reader's signature panel and pyHanko's validator expect of a document signer.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "NL"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(
        name=common_name.encode(), key=key, cert=certificate, cas=None, encryption_algorithm=encryption
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # The key is the board's signature: readable by the portal's user only.
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.chmod(0o600)
    tmp.replace(path)
    return certificate


@dataclass(frozen=True)
class Box:
    """Where the visible signature goes, in PDF points from the page's lower left corner."""

    left: float
    bottom: float
    right: float
    top: float

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.left), round(self.bottom), round(self.right), round(self.top))


def sign_pdf(pdf: bytes, *, signer_name: str, box: Box, page: int = -1, key: BoardKey | None = None,
             reason: str = REASON) -> bytes:
    """A copy of `pdf` with the board's PAdES signature over the entire file, its field in `box`
    on `page` (default the last). The document itself shows the signature block there, in its
    own font (see templates/policy/pdf/protocol.html); the field draws nothing over it. A certification
    signature that allows no later change, so any edit shows as a modification in a reader's
    signature panel. A timestamp is added when settings.SIGNING_TIMESTAMP_URL names a server."""
    key = key or board_key()
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        name=f"{signer_name}, {SIGNER_ROLE}" if signer_name else SIGNER_ROLE,
        location=settings.SCHOOL_NAME,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    # No border, no text of pyHanko's own (its built-in font is Courier): the block the reader
    # sees is the document's, laid out by WeasyPrint under this field.
    stamp = TextStampStyle(
        stamp_text=" ",
        border_width=0,
        text_box_style=TextBoxStyle(font_size=1),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins.uniform(0)
        ),
    )
    timestamper = (
        timestamps.HTTPTimeStamper(settings.SIGNING_TIMESTAMP_URL) if settings.SIGNING_TIMESTAMP_URL else None
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=key.signer,
        timestamper=timestamper,
        stamp_style=stamp,
        new_field_spec=fields.SigFieldSpec(sig_field_name=SIGNATURE_FIELD, on_page=page, box=box.as_tuple()),
    )
    # Reserving the room for the signature up front spares pyHanko a trial signature to size it.
    # Counted in hex digits: twice the DER size of the CMS structure (certificates, signature,
    # attributes, and the timestamp token when there is one).
    certificates = sum(len(cert.dump()) for cert in [key.certificate, *key.signer.cert_registry])
    reserved = 2 * (4096 + certificates + (8192 if timestamper else 0))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    out = pdf_signer.sign_pdf(
        writer, bytes_reserved=reserved, appearance_text_params={"signer": signer_name or SIGNER_ROLE}
    )
    return out.getvalue()
