"""The trust store: shipped government roots (pinned), administrator-added CAs, and the test CA.

The shipped certificates are public (ca.gov.vn, rootca.gov.vn); their SHA-256 fingerprints are pinned
here, so a swapped file is refused rather than trusted.
"""

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.conf import settings
from django.db import transaction

from egov.signing.choices import AnchorRole, AnchorSource
from egov.signing.models import TrustAnchor

_TRUST_DIR = Path(__file__).resolve().parent / "trust"

# file → (role, pinned SHA-256 fingerprint). Fingerprints as published by the CAs (see SOURCE in docs).
SHIPPED: dict[str, tuple[AnchorRole, str]] = {
    # RootCA chuyên dùng Chính phủ G2 — Ban Cơ yếu Chính phủ (official signatures, ND 68/2024)
    "rootcag2.crt": (AnchorRole.ROOT, "F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8"),
    # CA phục vụ các cơ quan Nhà nước G2 — issues agency and official certificates under the G2 root
    "cpcag2.crt": (AnchorRole.INTERMEDIATE, "D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B"),
    # Vietnam National Root CA — NEAC (public/commercial CAs)
    "vnrca256.crt": (AnchorRole.ROOT, "BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7"),
    # VNPT-CA SHA2 — a public CA under the National Root
    "vnpt-ca-sha2.crt": (AnchorRole.INTERMEDIATE, "7D6BA5245317F9ED5D8BC765A4634D26AC6340D36B9F584DF3B52D9C4A81A306"),
}


class UntrustedFileError(Exception):
    """A shipped certificate does not match its pinned fingerprint."""


def load_certificate(data: bytes | memoryview) -> x509.Certificate:
    data = bytes(data)
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex().upper()


def common_name(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else name.rfc4514_string()


def organisation_name(name: x509.Name) -> str:
    attrs = name.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    return str(attrs[0].value) if attrs else ""


def anchor_fields(cert: x509.Certificate) -> dict[str, object]:
    return {
        "name": common_name(cert.subject),
        "subject": cert.subject.rfc4514_string()[:500],
        "issuer": cert.issuer.rfc4514_string()[:500],
        "der": cert.public_bytes(serialization.Encoding.DER),
        "not_before": cert.not_valid_before_utc,
        "not_after": cert.not_valid_after_utc,
    }


def shipped_certificates() -> list[tuple[AnchorRole, x509.Certificate]]:
    out = []
    for file_name, (role, pinned) in SHIPPED.items():
        cert = load_certificate((_TRUST_DIR / file_name).read_bytes())
        if fingerprint(cert) != pinned:
            raise UntrustedFileError(f"{file_name}: fingerprint {fingerprint(cert)} is not the pinned {pinned}")
        out.append((role, cert))
    return out


def ensure_shipped_anchors() -> None:
    """Install the shipped anchors once (idempotent); an administrator may later disable one."""
    with transaction.atomic():
        for role, cert in shipped_certificates():
            TrustAnchor.objects.get_or_create(
                fingerprint_sha256=fingerprint(cert),
                defaults={"role": role, "source": AnchorSource.SHIPPED, **anchor_fields(cert)},
            )


@dataclass(frozen=True)
class TrustSnapshot:
    roots: list[x509.Certificate]
    intermediates: list[x509.Certificate]


def trust_snapshot() -> TrustSnapshot:
    if not TrustAnchor.objects.filter(source=AnchorSource.SHIPPED).exists():
        ensure_shipped_anchors()
    rows = TrustAnchor.objects.filter(enabled=True)
    if not getattr(settings, "EGOV_SIGNING_TEST_CA", False):
        rows = rows.exclude(source=AnchorSource.TEST)
    roots: list[x509.Certificate] = []
    intermediates: list[x509.Certificate] = []
    for row in rows:
        cert = load_certificate(row.der)
        (roots if row.role == AnchorRole.ROOT else intermediates).append(cert)
    return TrustSnapshot(roots=roots, intermediates=intermediates)
