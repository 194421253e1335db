"""What the signing module hands to other modules, the API and the UI."""

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class SignatureReport:
    """One signature of a PDF, as the verifier saw it. Times are ISO 8601 strings with offset."""

    field_name: str
    signer: str  # the certificate's common name
    organisation: str  # O= of the certificate
    issuer: str  # common name of the issuing CA
    serial_number: str  # hex
    signing_time: str | None  # claimed by the signer (CMS signingTime / PDF /M)
    timestamp_time: str | None  # from an RFC 3161 signature timestamp, when there is one
    reason: str
    location: str
    intact: bool  # the signed bytes are unchanged (digest matches)
    signature_valid: bool  # the cryptographic signature over the signed attributes checks out
    covers_whole_document: bool  # the signature covers the whole file as it is now
    modification: str  # "none" | "signatures" | "form_filling" | "annotations" | "other"
    trusted: bool  # the certificate chains to an enabled trust anchor
    chain: list[str]  # common names from the signer to the root
    trust_anchor: str  # the root it chains to ("" when untrusted)
    test_certificate: bool  # issued by the internal test CA
    not_before: str
    not_after: str
    valid_at_signing: bool  # the certificate was within validity (and not revoked) when signing
    valid_now: bool  # … and still is
    revocation: str  # "good" | "revoked" | "unknown" (no CRL/OCSP data available)
    revoked_at: str | None
    verdict: str  # "valid" | "valid_expired" | "untrusted" | "revoked" | "modified" | "broken"
    messages: list[str] = field(default_factory=list)  # plain-language explanations (current language)


@dataclass(frozen=True)
class VerificationReport:
    file_name: str
    sha256: str
    size: int
    signatures: list[SignatureReport]
    verdict: str  # "valid" (every signature valid) | "unsigned" | the worst signature verdict
    summary: str  # one sentence in the current language

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class XmlVerification:
    intact: bool
    trusted: bool
    signer: str
    organisation: str
    issuer: str
    signature_algorithm: str  # URI
    digest_algorithm: str  # URI
    chain: list[str]
    messages: list[str] = field(default_factory=list)
