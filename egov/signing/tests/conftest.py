"""Shared fixtures for the signing tests (verifier, signing services, API): all real crypto.

Certificates come from the internal test CA (created in the test database on first use), PDFs are
drawn by WeasyPrint and signed PAdES by pyHanko; nothing of ours is mocked.

Fixtures
    agency              "UBND phường Đồng Hới" (an organisation Agency)
    leader              its leader "Nguyễn Văn An" (a User; may sign with a personal certificate)
    clerk               its clerk (holds ``signing.seal``: may apply the agency seal / text stamp)
    leader_certificate  the leader's personal test certificate (signature image 45 x 15 mm)
    seal_certificate    the agency's seal test certificate
    signing_setup       all of the above in one ``SigningSetup``
    sample_pdf          an unsigned one-page ND 30/2020 sample decision (bytes, built once per session)
    signed_pdf          ``sample_pdf`` signed by the leader and sealed by the agency (two revisions)
    official_pdf        ``official_pdf("g2_cong_ttdt_chinh_phu.pdf")``: a real signed PDF from tests/data

Helper functions (for use inside ``time_machine.travel``, where a fixture would run too early):
    make_signing_setup(days=...)  agency, leader, clerk and both certificates, valid for ``days``
    tampered(pdf)                 a copy with one byte changed inside every signature's signed range
    make_timestamper(fixed_dt=)   an in-process RFC 3161 TSA (pyHanko DummyTimeStamper) whose root is
                                  added to the trust store as an administrator-added anchor
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from egov.core import clock
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing.choices import AnchorRole, AnchorSource, CertificateKind
from egov.signing.models import Certificate, TrustAnchor
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.signing import sign_result
from egov.signing.services.testca import issue_test_certificate
from egov.signing.trust import anchor_fields, fingerprint

DATA_DIR = Path(__file__).resolve().parent / "data"
AGENCY_NAME = "UBND phường Đồng Hới"
LEADER_NAME = "Nguyễn Văn An"


@dataclass(frozen=True)
class SigningSetup:
    agency: Agency
    leader: User
    clerk: User
    personal: Certificate
    seal: Certificate


def make_signing_setup(*, days: int = 3 * 365, agency_name: str = AGENCY_NAME) -> SigningSetup:
    """An agency with a leader and a clerk, the leader's personal and the agency's seal certificates."""
    agency = make_agency(name=agency_name)
    leader = make_staff(agency, Role.LEADER, full_name=LEADER_NAME)
    clerk = make_staff(agency, Role.CLERK, full_name="Trần Thị Bình")
    personal = issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=agency,
        subject_name=LEADER_NAME,
        user=leader,
        title="Chủ tịch",
        days=days,
        image_size_mm=(45, 15),
    )
    seal = issue_test_certificate(kind=CertificateKind.SEAL, agency=agency, subject_name=agency.name, days=days)
    return SigningSetup(agency, leader, clerk, personal, seal)


def tampered(pdf: bytes) -> bytes:
    """Change one character of the PDF header comment: inside the signed range of every signature."""
    marker = pdf.index(b"\n", 0) + 1  # the line after "%PDF-1.x" is a comment of high bytes
    data = bytearray(pdf)
    data[marker + 1] ^= 0x01
    return bytes(data)


def _cert(
    subject: str, key: rsa.RSAPrivateKey, issuer: x509.Certificate | None, signer: rsa.RSAPrivateKey, *, ca: bool
) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = clock.now()
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(now + timedelta(days=400))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    return builder.sign(signer, hashes.SHA256())


def make_timestamper(*, fixed_dt: datetime | None = None) -> tuple[DummyTimeStamper, TrustAnchor]:
    """A TSA under its own root; the root is a trust anchor (disable it to make the TSA untrusted)."""
    root_key, tsa_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    root = _cert("TSA Root THỬ NGHIỆM", root_key, None, root_key, ca=True)
    tsa = _cert("Máy chủ dấu thời gian THỬ NGHIỆM", tsa_key, root, root_key, ca=False)
    anchor = TrustAnchor.objects.create(
        fingerprint_sha256=fingerprint(root), role=AnchorRole.ROOT, source=AnchorSource.ADDED, **anchor_fields(root)
    )
    der = serialization.Encoding.DER
    key_info = tsa_key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key_info),
        certs_to_embed=SimpleCertificateStore.from_certs([asn1_x509.Certificate.load(root.public_bytes(der))]),
        fixed_dt=fixed_dt,
    )
    return stamper, anchor


@pytest.fixture
def signing_setup(db: None) -> SigningSetup:
    return make_signing_setup()


@pytest.fixture
def agency(signing_setup: SigningSetup) -> Agency:
    return signing_setup.agency


@pytest.fixture
def leader(signing_setup: SigningSetup) -> User:
    return signing_setup.leader


@pytest.fixture
def clerk(signing_setup: SigningSetup) -> User:
    return signing_setup.clerk


@pytest.fixture
def leader_certificate(signing_setup: SigningSetup) -> Certificate:
    return signing_setup.personal


@pytest.fixture
def seal_certificate(signing_setup: SigningSetup) -> Certificate:
    return signing_setup.seal


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    return sample_official_document_pdf(SampleDocument(agency_name=AGENCY_NAME, signer_name=LEADER_NAME))


@pytest.fixture
def signed_pdf(signing_setup: SigningSetup, sample_pdf: bytes) -> bytes:
    return sign_result(sample_pdf, leader=signing_setup.leader, agency_id=signing_setup.agency.pk)


@pytest.fixture
def official_pdf() -> Callable[[str], bytes]:
    """Read a real government-signed PDF kept in tests/data (see data/README.md for the sources)."""

    def read(name: str) -> bytes:
        return (DATA_DIR / name).read_bytes()

    return read
