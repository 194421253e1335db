"""Schemas of the signature API (``/api/v1/signatures``): the verification report and the certificate list.

The report mirrors ``egov.signing.contracts``; times are ISO 8601 strings with their offset.
"""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

MAX_LIMIT = 500


class ErrorOut(Schema):
    """Every 4xx: a stable machine code and the message in Vietnamese and English."""

    code: str = Field(description="stable error code, e.g. signing.not_pdf, signing.file_too_large, rate_limited")
    message: str = Field(description="in Vietnamese")
    message_en: str = Field(description="in English")
    fields: dict[str, Any] | None = Field(None, description="per-field messages, when the input is at fault")
    errors: list[Any] | None = Field(None, description="schema validation details (422 only)")


class SignatureReportOut(Schema):
    field_name: str = Field(description="the PDF signature field")
    signer: str = Field(description="the certificate's common name")
    organisation: str = Field(description="O= of the certificate")
    issuer: str = Field(description="common name of the issuing CA")
    serial_number: str = Field(description="the certificate's serial number, hex")
    signing_time: str | None = Field(description="claimed by the signer (CMS signingTime or the PDF's /M)")
    timestamp_time: str | None = Field(description="from an RFC 3161 signature timestamp, when there is one")
    reason: str
    location: str
    intact: bool = Field(description="the signed bytes are unchanged (the digest matches)")
    signature_valid: bool = Field(description="the cryptographic signature over the signed attributes checks out")
    covers_whole_document: bool = Field(description="the signature covers the whole file as it is now")
    modification: str = Field(
        description="changes after this signature: none, signatures, form_filling, annotations, other"
    )
    trusted: bool = Field(description="the certificate chains to an enabled trust anchor")
    chain: list[str] = Field(description="common names from the signer's certificate to the root")
    trust_anchor: str = Field(description="the root it chains to (empty when untrusted)")
    test_certificate: bool = Field(description="issued by the internal test CA: no legal value")
    not_before: str
    not_after: str
    valid_at_signing: bool = Field(description="the certificate was within validity and not revoked when signing")
    valid_now: bool = Field(description="… and still is")
    revocation: str = Field(description="good, revoked or unknown (no CRL/OCSP data available)")
    revoked_at: str | None
    verdict: str = Field(description="valid, valid_expired, untrusted, revoked, modified or broken")
    messages: list[str] = Field(description="plain-language explanations, in the request's language")


class VerificationReportOut(Schema):
    file_name: str
    sha256: str = Field(description="SHA-256 of the uploaded file, hex")
    size: int = Field(description="bytes")
    signatures: list[SignatureReportOut]
    verdict: str = Field(
        description="valid (every signature valid), unsigned, or the worst signature verdict: valid_expired, "
        "untrusted, revoked, modified, broken"
    )
    summary: str = Field(description="one sentence, in the request's language")


class CertificateOut(Schema):
    """A certificate's public facts; never any key material."""

    id: int
    kind: str = Field(description="personal (an official's) or seal (the agency's)")
    subject: str
    organisation: str
    issuer: str
    serial: str = Field(description="hex")
    fingerprint_sha256: str
    agency_id: int
    user_id: int | None = Field(description="the owner of a personal certificate")
    not_before: datetime
    not_after: datetime
    status: str = Field(description="active, suspended or revoked")
    revoked_at: datetime | None
    is_test: bool = Field(description="issued by the internal test CA")
    key_storage: str = Field(description="encrypted (in the database), pkcs11 (token/HSM) or none")
    days_to_expiry: int = Field(description="whole days left; negative once expired")


class CertificateFilter(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")
    offset: int = Field(0, ge=0)


class CertificatePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CertificateOut]
