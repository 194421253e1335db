"""The public surface of the signing module for higher modules (dossiers, documents, exchange) and the API.

Heavy libraries (pyHanko, WeasyPrint, signxml) are imported on first use, not when a URL module loads.
"""

from typing import Any

from egov.signing.contracts import SignatureReport, VerificationReport, XmlVerification

__all__ = [
    "SignatureReport",
    "VerificationReport",
    "XmlVerification",
    "sign_result_pdf",
    "verify_pdf",
]


def sign_result_pdf(pdf: bytes, *, leader: Any, agency_id: int, reason: str = "", position: str = "") -> bytes:
    """Sign a result as the leader (image between position and name) and seal it as the agency."""
    from egov.signing.services.signing import sign_result

    return sign_result(pdf, leader=leader, agency_id=agency_id, reason=reason, position=position)


def verify_pdf(data: bytes, *, file_name: str = "") -> VerificationReport:
    from egov.signing.services.verify import verify_pdf_bytes

    return verify_pdf_bytes(data, file_name=file_name)
