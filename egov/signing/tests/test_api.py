"""The signature API: public verification of an uploaded PDF, the test CA's CRL, the certificate list."""

from typing import Any

import pytest
from cryptography import x509
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from egov.identity.roles import Role
from egov.organisation.tests.factories import make_agency, make_citizen, make_staff
from egov.signing.choices import CertificateKind
from egov.signing.services import testca
from egov.signing.services.admin_actions import certificate_revoke
from egov.signing.services.testca import issue_test_certificate
from egov.signing.tests.conftest import LEADER_NAME, SigningSetup, tampered
from egov.signing.trust import load_certificate

VERIFY = "/api/v1/signatures/verify"
CRL = "/api/v1/signatures/test-ca.crl"
CERTIFICATES = "/api/v1/signatures/certificates"


def upload(client: Client, content: bytes, name: str = "quyet-dinh.pdf", **extra: Any) -> Any:
    return client.post(VERIFY, {"file": SimpleUploadedFile(name, content, "application/pdf")}, **extra)


def test_a_signed_pdf_verifies_with_both_signatures(signed_pdf: bytes) -> None:
    response = upload(Client(enforce_csrf_checks=True), signed_pdf)  # anonymous, no session, no CSRF token
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["verdict"] == "valid"
    assert report["file_name"] == "quyet-dinh.pdf"
    assert report["size"] == len(signed_pdf)
    signers = [sig["signer"] for sig in report["signatures"]]
    assert len(signers) == 2
    assert signers[0].startswith(LEADER_NAME)
    leader = report["signatures"][0]
    assert leader["intact"]
    assert leader["signature_valid"]
    assert leader["trusted"]
    assert leader["test_certificate"] is True
    assert leader["revocation"] == "good"
    assert leader["chain"][-1] == leader["trust_anchor"] != ""


def test_a_tampered_pdf_is_not_valid(signed_pdf: bytes) -> None:
    report = upload(Client(), tampered(signed_pdf)).json()
    assert report["verdict"] == "broken"
    assert all(not sig["intact"] for sig in report["signatures"])


def test_a_pdf_without_signatures_says_so(sample_pdf: bytes, db: None) -> None:
    report = upload(Client(), sample_pdf).json()
    assert report["verdict"] == "unsigned"
    assert report["signatures"] == []


def test_a_file_that_is_not_a_pdf_is_refused_in_both_languages(db: None) -> None:
    # The name and the declared type say PDF; the content (a PNG) decides.
    response = upload(Client(), b"\x89PNG\r\n\x1a\n" + b"\0" * 100, name="anh.pdf")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "signing.not_pdf"
    assert body["message_en"] == "The file is not a PDF file. Only PDF documents can be checked."
    assert body["message"] == "Tệp không phải là tệp PDF. Chỉ kiểm tra được văn bản PDF."


def test_an_empty_or_missing_file_is_a_400(db: None) -> None:
    client = Client()
    empty = upload(client, b"")
    assert (empty.status_code, empty.json()["code"]) == (400, "signing.file_empty")
    missing = client.post(VERIFY, {})
    assert (missing.status_code, missing.json()["code"]) == (400, "signing.no_file")


def test_a_file_over_the_limit_is_a_413(settings: Any, db: None) -> None:
    settings.EGOV_SIGNING_VERIFY_MAX_BYTES = 1000
    response = upload(Client(), b"%PDF-1.7\n" + b"0" * 1000)
    assert response.status_code == 413
    assert response.json()["code"] == "signing.file_too_large"
    assert upload(Client(), b"%PDF-1.7\n" + b"0" * 900).json()["code"] == "signing.bad_pdf"  # within: read
    # A body far over the limit is refused from its declared length, before it is parsed.
    huge = upload(Client(), b"%PDF-1.7\n" + b"0" * 100_000)
    assert (huge.status_code, huge.json()["code"]) == (413, "signing.file_too_large")


def test_verification_is_rate_limited_per_client(settings: Any, db: None) -> None:
    settings.SIGNATURE_VERIFY_RATE_LIMIT = 3
    client = Client()
    for _ in range(3):
        assert upload(client, b"not a pdf").status_code == 400  # refused uploads count too
    limited = upload(client, b"not a pdf")
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert int(limited["Retry-After"]) >= 1
    assert upload(client, b"not a pdf", REMOTE_ADDR="203.0.113.9").status_code == 400  # another client


def test_the_crl_lists_a_revoked_test_certificate(signing_setup: SigningSetup) -> None:
    province_admin = make_staff(make_agency(), Role.PROVINCE_ADMIN)
    certificate_revoke(certificate_id=signing_setup.personal.pk, actor=province_admin, reason="Mất thiết bị")
    response = Client().get(CRL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    ca_cert = load_certificate(testca.test_ca().anchor.der)
    assert crl.is_signature_valid(ca_cert.public_key())  # type: ignore[arg-type]
    assert crl.issuer == ca_cert.subject
    revoked = crl.get_revoked_certificate_by_serial_number(int(signing_setup.personal.serial_number, 16))
    assert revoked is not None
    assert crl.get_revoked_certificate_by_serial_number(int(signing_setup.seal.serial_number, 16)) is None


def test_the_crl_is_404_without_a_test_ca(settings: Any, db: None) -> None:
    settings.EGOV_SIGNING_TEST_CA = False
    response = Client().get(CRL)
    assert response.status_code == 404
    assert response.json()["code"] == "signing.test_ca_disabled"


CERTIFICATE_KEYS = {
    "id",
    "kind",
    "subject",
    "organisation",
    "issuer",
    "serial",
    "fingerprint_sha256",
    "agency_id",
    "user_id",
    "not_before",
    "not_after",
    "status",
    "revoked_at",
    "is_test",
    "key_storage",
    "days_to_expiry",
}


def listed(user: Any) -> list[dict[str, Any]]:
    client = Client()
    client.force_login(user)
    response = client.get(CERTIFICATES)
    assert response.status_code == 200, response.content
    items: list[dict[str, Any]] = response.json()["items"]
    assert all(set(item) == CERTIFICATE_KEYS for item in items)  # never a key, never the DER
    return items


def test_certificates_are_listed_by_agency_and_owner(signing_setup: SigningSetup) -> None:
    a = signing_setup.agency
    b = make_agency(name="UBND phường Bắc Lý")
    b_seal = issue_test_certificate(kind=CertificateKind.SEAL, agency=b, subject_name=b.name)
    admin_a = make_staff(a, Role.AGENCY_ADMIN)
    mine = {signing_setup.personal.pk, signing_setup.seal.pk}
    assert {item["id"] for item in listed(admin_a)} == mine
    assert {item["id"] for item in listed(make_staff(b, Role.AGENCY_ADMIN))} == {b_seal.pk}
    # The leader manages no certificates: only their own personal one.
    own = listed(signing_setup.leader)
    assert [item["id"] for item in own] == [signing_setup.personal.pk]
    assert own[0]["kind"] == "personal"
    assert own[0]["key_storage"] == "encrypted"
    assert 3 * 365 - 2 <= own[0]["days_to_expiry"] <= 3 * 365
    everything = {item["id"] for item in listed(make_staff(make_agency(), Role.PROVINCE_ADMIN))}
    assert everything == mine | {b_seal.pk}


def test_certificates_are_for_officers_only(signing_setup: SigningSetup) -> None:
    assert Client().get(CERTIFICATES).status_code == 401
    client = Client()
    client.force_login(make_citizen())
    response = client.get(CERTIFICATES)
    assert response.status_code == 403
    assert response.json()["code"] == "signing.staff_only"


@pytest.mark.parametrize("path", [VERIFY, CRL, CERTIFICATES])
def test_the_endpoints_are_documented(path: str, db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert path in schema["paths"]
    if path == VERIFY:
        body = schema["paths"][path]["post"]["requestBody"]["content"]
        assert "multipart/form-data" in body
        assert set(schema["paths"][path]["post"]["responses"]) >= {"200", "400", "413", "429"}
