"""The internal test CA: issues agency-seal and personal certificates for the demo and the tests.

Everything it issues says so: the CA and every certificate carry "THỬ NGHIỆM / TEST" in their names,
``is_test`` is set, and a production verifier (``EGOV_SIGNING_TEST_CA=false``) does not trust it.
"""

from datetime import timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.db import transaction

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.signing.choices import AnchorRole, AnchorSource, CertificateKind, CertificateStatus, KeyStorage
from egov.signing.crypto import decrypt_private_key, encrypt_private_key
from egov.signing.models import Certificate, CertificateAuthority, TrustAnchor
from egov.signing.trust import anchor_fields, fingerprint, load_certificate

TEST_CA_NAME = "egov CA THỬ NGHIỆM (TEST)"
TEST_CA_NOTE = "Chỉ dùng thử nghiệm - không có giá trị pháp lý"
TEST_MARK = "THỬ NGHIỆM"
_CA_KEY_BINDING = "test-ca"
KEY_SIZE = 2048


def _require_enabled() -> None:
    if not getattr(settings, "EGOV_SIGNING_TEST_CA", False):
        raise ApplicationError(
            "The internal test CA is disabled (EGOV_SIGNING_TEST_CA=false).", code="signing.test_ca_disabled"
        )


def test_ca() -> CertificateAuthority:
    """The test CA, created on first use (one per installation)."""
    _require_enabled()
    existing = CertificateAuthority.objects.select_related("anchor").first()
    if existing is not None:
        return existing
    with transaction.atomic():
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        name = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "egov (THỬ NGHIỆM)"),
                x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, TEST_CA_NOTE),
                x509.NameAttribute(NameOID.COMMON_NAME, TEST_CA_NAME),
            ]
        )
        now = clock.now()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )
        anchor = TrustAnchor.objects.create(
            fingerprint_sha256=fingerprint(cert), role=AnchorRole.ROOT, source=AnchorSource.TEST, **anchor_fields(cert)
        )
        der_key = key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        ca = CertificateAuthority.objects.create(
            anchor=anchor, encrypted_key=encrypt_private_key(der_key, bound_to=_CA_KEY_BINDING)
        )
        audit_record(actor=None, action="signing.test_ca_create", obj=anchor, changes={"name": TEST_CA_NAME})
        return ca


def _ca_key(ca: CertificateAuthority) -> rsa.RSAPrivateKey:
    der = decrypt_private_key(ca.encrypted_key, bound_to=_CA_KEY_BINDING)
    key = serialization.load_der_private_key(der, password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("the test CA key is not RSA")
    return key


def _cap(text: str, limit: int = 64) -> str:
    """X.520 caps names at 64 characters, which cryptography counts in UTF-8 bytes."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text


def crl_url() -> str:
    return settings.EGOV_PUBLIC_BASE_URL.rstrip("/") + "/api/v1/signatures/test-ca.crl"


def issue_test_certificate(
    *,
    kind: CertificateKind,
    agency: Any,
    subject_name: str,
    user: Any = None,
    title: str = "",
    email: str = "",
    days: int = 3 * 365,
    public_key: CertificatePublicKeyTypes | None = None,
    pkcs11_token_label: str = "",
    pkcs11_key_label: str = "",
    image_png: bytes | None = None,
    image_size_mm: tuple[float, float] = (36.0, 36.0),
    actor: Any = None,
) -> Certificate:
    """Issue a certificate from the test CA. Without ``public_key`` a key pair is made here and the key
    is stored encrypted; with one (a PKCS#11 token's key) only the labels are stored."""
    ca = test_ca()
    key = None
    if public_key is None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
        public_key = key.public_key()
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, _cap(agency.name)),
    ]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, _cap(title)))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, _cap(f"{subject_name} ({TEST_MARK})")))
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    ca_cert = load_certificate(ca.anchor.der)
    now = clock.now()
    with transaction.atomic():
        ca = CertificateAuthority.objects.select_for_update().get(pk=ca.pk)
        serial = (ca.next_serial << 64) | x509.random_serial_number() >> 96
        ca.next_serial += 1
        ca.save(update_fields=["next_serial"])
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name(attrs))
            .issuer_name(ca_cert.subject)
            .public_key(public_key)
            .serial_number(serial)
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url())], None, None, None)]
                ),
                critical=False,
            )
        )
        cert = builder.sign(_ca_key(ca), hashes.SHA256())
        fp = fingerprint(cert)
        row = Certificate(
            kind=kind,
            user=user,
            agency=agency,
            subject_name=subject_name,
            organisation=agency.name[:300],
            issuer_name=TEST_CA_NAME,
            serial_number=format(cert.serial_number, "X"),
            fingerprint_sha256=fp,
            der=cert.public_bytes(serialization.Encoding.DER),
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            status=CertificateStatus.ACTIVE,
            is_test=True,
            image_png=image_png,
            image_width_mm=image_size_mm[0],
            image_height_mm=image_size_mm[1],
        )
        if key is not None:
            der_key = key.private_bytes(
                serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            row.key_storage = KeyStorage.ENCRYPTED
            row.encrypted_key = encrypt_private_key(der_key, bound_to=fp)
        else:
            row.key_storage = KeyStorage.PKCS11 if pkcs11_key_label else KeyStorage.NONE
            row.pkcs11_token_label = pkcs11_token_label
            row.pkcs11_key_label = pkcs11_key_label
        row.save()
        audit_record(
            actor=actor,
            action="signing.certificate_issue",
            obj=row,
            agency_id=agency.pk,
            changes={"kind": str(kind), "subject": subject_name, "serial": row.serial_number, "test": True},
        )
    return row


def test_ca_crl() -> bytes:
    """The test CA's current CRL (DER): every revoked test certificate."""
    ca = test_ca()
    ca_cert = load_certificate(ca.anchor.der)
    now = clock.now()
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - timedelta(minutes=1))
        .next_update(now + timedelta(days=1))
        .add_extension(x509.CRLNumber(ca.crl_number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    revoked = Certificate.objects.filter(is_test=True, status=CertificateStatus.REVOKED, revoked_at__isnull=False)
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(int(cert.serial_number, 16))
            .revocation_date(cert.revoked_at)  # type: ignore[arg-type]
            .build()
        )
    return builder.sign(_ca_key(ca), hashes.SHA256()).public_bytes(serialization.Encoding.DER)
