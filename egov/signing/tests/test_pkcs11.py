"""Signing with keys on a PKCS#11 token (SoftHSM): the key signs on the token and never leaves it."""

import shutil
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from pkcs11 import Attribute
from pkcs11.exceptions import AttributeSensitive
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from egov.core.errors import ApplicationError
from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_staff
from egov.signing.choices import CertificateKind, KeyStorage
from egov.signing.models import Certificate
from egov.signing.services import testca
from egov.signing.services.documents import SampleDocument, sample_official_document_pdf
from egov.signing.services.signing import sign_as_person, sign_result
from egov.signing.services.testca import issue_test_certificate
from egov.signing.services.xml import sign_xml, verify_xml
from egov.signing.tests.softhsm import PERSONAL_KEY_LABEL, SEAL_KEY_LABEL, SoftHsm, softhsm

pytestmark = pytest.mark.django_db
AGENCY = "UBND phường Đồng Hới"


@pytest.fixture(scope="session")
def hsm() -> SoftHsm:
    return softhsm()


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return sample_official_document_pdf(SampleDocument(agency_name=AGENCY, signer_name="Nguyễn Văn An"))


@pytest.fixture
def on_token(hsm: SoftHsm, settings: Any) -> dict[str, Any]:
    """An agency whose leader's key and seal key are on the token (only labels in the database)."""
    settings.EGOV_PKCS11_MODULE = hsm.module
    settings.EGOV_PKCS11_PIN = hsm.pin
    agency = make_agency(name=AGENCY)
    leader = make_staff(agency, Role.LEADER, full_name="Nguyễn Văn An")
    clerk = make_staff(agency, Role.CLERK, full_name="Trần Thị Bình")
    personal = issue_test_certificate(
        kind=CertificateKind.PERSONAL,
        agency=agency,
        subject_name="Nguyễn Văn An",
        user=leader,
        public_key=hsm.public_keys[PERSONAL_KEY_LABEL],
        pkcs11_token_label=hsm.token_label,
        pkcs11_key_label=PERSONAL_KEY_LABEL,
        image_size_mm=(45, 15),
    )
    seal = issue_test_certificate(
        kind=CertificateKind.SEAL,
        agency=agency,
        subject_name=AGENCY,
        public_key=hsm.public_keys[SEAL_KEY_LABEL],
        pkcs11_token_label=hsm.token_label,
        pkcs11_key_label=SEAL_KEY_LABEL,
    )
    return {"agency": agency, "leader": leader, "clerk": clerk, "personal": personal, "seal": seal, "pin": hsm.pin}


def _pyhanko_statuses(pdf: bytes) -> list[Any]:
    root = asn1_x509.Certificate.load(bytes(testca.test_ca().anchor.der))
    reader = PdfFileReader(BytesIO(pdf))
    return [
        validate_pdf_signature(sig, ValidationContext(trust_roots=[root], allow_fetching=False))
        for sig in reader.embedded_signatures
    ]


def _pdfsig(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    tool = shutil.which("pdfsig") or "/usr/bin/pdfsig"
    out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False).stdout  # noqa: S603
    return [line.split(":", 1)[1].strip() for line in out.splitlines() if "Signature Validation:" in line]


def test_leader_signs_and_agency_seals_with_token_keys(on_token: dict[str, Any], pdf: bytes, tmp_path: Path) -> None:
    signed = sign_result(pdf, leader=on_token["leader"], agency_id=on_token["agency"].pk)
    statuses = _pyhanko_statuses(signed)
    assert len(statuses) == 2
    for status in statuses:
        assert status.intact
        assert status.valid
        assert status.trusted
    signers = [s.signing_cert.subject.native["common_name"] for s in statuses]
    assert signers == ["Nguyễn Văn An (THỬ NGHIỆM)", f"{AGENCY} (THỬ NGHIỆM)"]
    assert _pdfsig(signed, tmp_path) == ["Signature is Valid.", "Signature is Valid."]


def test_xml_seal_on_the_token(on_token: dict[str, Any]) -> None:
    signed = sign_xml(b"<hoSo><ma>H16.1</ma></hoSo>", actor=on_token["clerk"], seal_agency_id=on_token["agency"].pk)
    result = verify_xml(signed)
    assert result.intact, result.messages
    assert result.trusted, result.messages
    assert result.signer == f"{AGENCY} (THỬ NGHIỆM)"


def test_the_key_never_left_the_token(on_token: dict[str, Any], hsm: SoftHsm) -> None:
    for cert in (on_token["personal"], on_token["seal"]):
        row = Certificate.objects.get(pk=cert.pk)
        assert row.key_storage == KeyStorage.PKCS11
        assert row.encrypted_key is None
    with hsm.session() as session:
        for label in (PERSONAL_KEY_LABEL, SEAL_KEY_LABEL):
            key = hsm.private_key(session, label)
            assert key[Attribute.SENSITIVE] is True
            assert key[Attribute.EXTRACTABLE] is False
            assert key[Attribute.ALWAYS_SENSITIVE] is True
            assert key[Attribute.NEVER_EXTRACTABLE] is True
            with pytest.raises(AttributeSensitive):
                key[Attribute.PRIVATE_EXPONENT]


def test_wrong_pin_is_a_clear_error_for_xml(on_token: dict[str, Any], settings: Any) -> None:
    settings.EGOV_PKCS11_PIN = "0000-wrong"
    with pytest.raises(ApplicationError) as error:
        sign_xml(b"<hoSo/>", actor=on_token["leader"])
    assert (error.value.code, error.value.status) == ("signing.pkcs11_pin", 503)
    settings.EGOV_PKCS11_PIN = on_token["pin"]  # the token is not locked and no login is left behind
    assert verify_xml(sign_xml(b"<hoSo/>", actor=on_token["leader"])).intact


def test_wrong_pin_is_a_clear_error_for_pdf(on_token: dict[str, Any], pdf: bytes, settings: Any) -> None:
    """Needs open_signer (services/keys.py) to translate pkcs11.PKCS11Error into an ApplicationError."""
    settings.EGOV_PKCS11_PIN = "0000-wrong"
    with pytest.raises(ApplicationError) as error:
        sign_as_person(pdf, actor=on_token["leader"])
    assert (error.value.code, error.value.status) == ("signing.pkcs11_pin", 503)


def test_missing_module_is_a_clear_error(on_token: dict[str, Any], pdf: bytes, settings: Any) -> None:
    settings.EGOV_PKCS11_MODULE = ""
    with pytest.raises(ApplicationError) as error:
        sign_as_person(pdf, actor=on_token["leader"])
    assert error.value.code == "signing.pkcs11_missing"
