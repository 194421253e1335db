"""Private keys at rest and who may use them: never stored in clear, bound to their certificate,
rotatable, usable only by their owner (personal) or the agency's clerk (seal), and every use audited."""

import base64
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.apps import apps
from django.db import connection
from django.db.models import Model

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.models import AuditChainHead, AuditEntry
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing.choices import CertificateKind, CertificateStatus
from egov.signing.crypto import KeyDecryptionError, decrypt_private_key
from egov.signing.models import Certificate, CertificateAuthority
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.signing import seal_as_agency, sign_as_person, sign_result, stamp_as_agency
from egov.signing.services.testca import issue_test_certificate
from egov.signing.services.xml import sign_xml

pytestmark = pytest.mark.django_db
AGENCY = "UBND phường Đồng Hới"
XML = "<hoSo><ma>000.00.16.H16-260101-0001</ma><chuHoSo>Lê Thị Cúc</chuHoSo></hoSo>".encode()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return sample_official_document_pdf(SampleDocument(agency_name=AGENCY, signer_name="Nguyễn Văn An"))


@pytest.fixture
def office() -> dict[str, Any]:
    agency = make_agency(name=AGENCY)
    leader = make_staff(agency, Role.LEADER, full_name="Nguyễn Văn An")
    clerk = make_staff(agency, Role.CLERK, full_name="Trần Thị Bình")
    personal = issue_test_certificate(
        kind=CertificateKind.PERSONAL, agency=agency, subject_name="Nguyễn Văn An", user=leader
    )
    seal = issue_test_certificate(kind=CertificateKind.SEAL, agency=agency, subject_name=AGENCY)
    return {"agency": agency, "leader": leader, "clerk": clerk, "personal": personal, "seal": seal}


def _fresh_kek() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


Secrets = dict[int, set[bytes]]  # window size -> every window of that size of a secret


def _add_secrets(secrets: Secrets, der: bytes) -> None:
    """Every way a private key could be written down: PKCS#8/PKCS#1 DER and PEM, base64, and its secret
    numbers in binary, hex and decimal, as overlapping windows, so a truncated or partial copy is caught."""
    key = serialization.load_der_private_key(der, password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    numbers = key.private_numbers()
    forms = [der, base64.b64encode(der)]
    for fmt in (serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL):
        for encoding in (serialization.Encoding.DER, serialization.Encoding.PEM):
            forms.append(key.private_bytes(encoding, fmt, serialization.NoEncryption()))
    # The whole forms also hold the public modulus (which certificates rightly carry): look at their middle.
    secrets.setdefault(32, set()).update(form[len(form) // 2 : len(form) // 2 + 32] for form in forms)
    for secret in (numbers.d, numbers.p, numbers.q, numbers.dmp1, numbers.dmq1, numbers.iqmp):
        raw = secret.to_bytes((secret.bit_length() + 7) // 8, "big")
        for size, text in ((16, raw), (24, raw.hex().encode()), (24, raw.hex().upper().encode()), (28, b"%d" % secret)):
            secrets.setdefault(size, set()).update(text[i : i + size] for i in range(len(text) - size + 1))


def _stored_values() -> Iterator[tuple[str, bytes]]:
    """Every column of every row of the signing tables and the audit log, as stored."""
    models: list[type[Model]] = [*apps.get_app_config("signing").get_models(), AuditEntry, AuditChainHead]
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names from our own models
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    yield f"{model._meta.db_table}.{column}", _as_bytes(value)


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, bytes | memoryview | bytearray):
        return bytes(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).encode()
    return str(value).encode()


def test_no_private_key_is_stored_in_clear(office: dict[str, Any], pdf: bytes) -> None:
    sign_result(pdf, leader=office["leader"], agency_id=office["agency"].pk)
    sign_xml(XML, actor=office["clerk"], seal_agency_id=office["agency"].pk)
    ca = CertificateAuthority.objects.get()
    secrets: Secrets = {}
    _add_secrets(secrets, decrypt_private_key(bytes(ca.encrypted_key), bound_to="test-ca"))
    for cert in (office["personal"], office["seal"]):
        _add_secrets(secrets, decrypt_private_key(bytes(cert.encrypted_key or b""), bound_to=cert.fingerprint_sha256))
    stored = list(_stored_values())
    # The scan does read binary columns: the (public) certificates are found in it.
    assert any(bytes(office["seal"].der) == value for _, value in stored)
    assert AuditEntry.objects.filter(action="signing.key_use").count() == 3
    _assert_absent(secrets, stored)


def _assert_absent(secrets: Secrets, stored: list[tuple[str, bytes]]) -> None:
    for where, value in stored:
        assert b"PRIVATE KEY" not in value, where
        for size, windows in secrets.items():
            assert not any(value[i : i + size] in windows for i in range(len(value) - size + 1)), where


def test_another_key_encryption_key_cannot_decrypt(office: dict[str, Any], settings: Any) -> None:
    cert = office["personal"]
    settings.SIGNING_KEY_ENCRYPTION_KEY = _fresh_kek()
    with pytest.raises(KeyDecryptionError):
        decrypt_private_key(bytes(cert.encrypted_key or b""), bound_to=cert.fingerprint_sha256)


def test_a_key_blob_copied_onto_another_certificate_does_not_decrypt(office: dict[str, Any], pdf: bytes) -> None:
    personal, seal = office["personal"], office["seal"]
    Certificate.objects.filter(pk=seal.pk).update(encrypted_key=personal.encrypted_key)
    seal.refresh_from_db()
    with pytest.raises(KeyDecryptionError):
        decrypt_private_key(bytes(seal.encrypted_key or b""), bound_to=seal.fingerprint_sha256)
    signed = sign_as_person(pdf, actor=office["leader"]).pdf
    with pytest.raises(KeyDecryptionError):
        seal_as_agency(signed, actor=office["clerk"], agency_id=office["agency"].pk)


def test_rotation_keeps_old_keys_readable(settings: Any, pdf: bytes) -> None:
    old, new = _fresh_kek(), _fresh_kek()
    settings.SIGNING_KEY_ENCRYPTION_KEY = old
    agency = make_agency(name=AGENCY)
    leader = make_staff(agency, Role.LEADER, full_name="Nguyễn Văn An")
    first = issue_test_certificate(kind=CertificateKind.PERSONAL, agency=agency, subject_name="A", user=leader)
    settings.SIGNING_KEY_ENCRYPTION_KEY = f"{old},{new}"
    assert decrypt_private_key(bytes(first.encrypted_key or b""), bound_to=first.fingerprint_sha256)
    settings.SIGNING_KEY_ENCRYPTION_KEY = f"{new},{old}"  # the new key now encrypts; the old still decrypts
    assert decrypt_private_key(bytes(first.encrypted_key or b""), bound_to=first.fingerprint_sha256)
    assert sign_as_person(pdf, actor=leader, certificate=first).pdf.startswith(b"%PDF")
    second = issue_test_certificate(kind=CertificateKind.SEAL, agency=agency, subject_name=AGENCY)
    settings.SIGNING_KEY_ENCRYPTION_KEY = new
    assert decrypt_private_key(bytes(second.encrypted_key or b""), bound_to=second.fingerprint_sha256)
    with pytest.raises(KeyDecryptionError):
        decrypt_private_key(bytes(first.encrypted_key or b""), bound_to=first.fingerprint_sha256)


def test_personal_key_is_usable_only_by_its_owner(office: dict[str, Any], pdf: bytes) -> None:
    other_leader = make_staff(office["agency"], Role.LEADER, full_name="Phạm Văn Dũng")
    for actor in (office["clerk"], other_leader, None):
        with pytest.raises(PermissionDeniedError):
            sign_as_person(pdf, actor=actor, certificate=office["personal"])
        with pytest.raises(PermissionDeniedError):
            sign_xml(XML, actor=actor, certificate=office["personal"])
    assert not AuditEntry.objects.filter(action="signing.key_use").exists()


def test_seal_needs_signing_seal_in_that_agency(office: dict[str, Any], pdf: bytes) -> None:
    other_clerk = make_staff(make_agency(name="UBND xã Bảo Ninh"), Role.CLERK, full_name="Võ Thị Em")
    signed = sign_as_person(pdf, actor=office["leader"]).pdf
    for actor in (other_clerk, office["leader"]):  # another agency's clerk; a leader without signing.seal
        with pytest.raises(PermissionDeniedError):
            seal_as_agency(signed, actor=actor, agency_id=office["agency"].pk)
    sealed = seal_as_agency(signed, actor=office["clerk"], agency_id=office["agency"].pk)
    assert sealed.certificate_id == office["seal"].pk


@pytest.mark.parametrize(
    "change",
    [
        {"status": CertificateStatus.REVOKED},
        {"status": CertificateStatus.SUSPENDED},
        {"not_after": timedelta(days=-1)},
        {"not_before": timedelta(days=1)},
    ],
    ids=["revoked", "suspended", "expired", "not_yet_valid"],
)
def test_inactive_certificate_cannot_sign(office: dict[str, Any], pdf: bytes, change: dict[str, Any]) -> None:
    values = {k: clock.now() + v if isinstance(v, timedelta) else v for k, v in change.items()}
    Certificate.objects.filter(pk=office["personal"].pk).update(**values)
    cert = Certificate.objects.get(pk=office["personal"].pk)
    with pytest.raises(ApplicationError) as error:
        sign_as_person(pdf, actor=office["leader"], certificate=cert)
    assert error.value.status == 409
    with pytest.raises(ApplicationError) as error:
        sign_xml(XML, actor=office["leader"], certificate=cert)
    assert error.value.status == 409


def test_every_key_use_is_audited_with_the_document_hash(office: dict[str, Any], pdf: bytes) -> None:
    personal = sign_as_person(pdf, actor=office["leader"]).pdf
    sealed = seal_as_agency(personal, actor=office["clerk"], agency_id=office["agency"].pk).pdf
    stamp_as_agency(pdf, actor=office["clerk"], agency_id=office["agency"].pk, first_line="SAO Y")
    sign_xml(XML, actor=office["leader"])
    entries = list(AuditEntry.objects.filter(action="signing.key_use").order_by("seq"))
    expected = [
        (office["leader"].pk, office["personal"].pk, pdf),
        (office["clerk"].pk, office["seal"].pk, personal),
        (office["clerk"].pk, office["seal"].pk, pdf),
        (office["leader"].pk, office["personal"].pk, XML),
    ]
    assert [(e.actor_id, e.object_id, e.changes["document_sha256"]) for e in entries] == [
        (actor, str(cert), hashlib.sha256(doc).hexdigest()) for actor, cert, doc in expected
    ]
    for entry in entries:
        assert set(entry.changes) <= {"purpose", "document_sha256", "detail"}
        assert entry.object_type == "signing.certificate"
    assert hashlib.sha256(sealed).hexdigest() not in {e.changes["document_sha256"] for e in entries}
