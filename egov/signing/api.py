"""REST API of digital signatures (``/api/v1/signatures``).

``POST /verify`` is public: anyone holding a PDF may check its signatures (no session, so no CSRF;
rate-limited per client). ``GET /test-ca.crl`` publishes the internal test CA's revocation list at
the address its certificates name. ``GET /certificates`` lists, for officers, the certificates they
may see. Every refusal is the bilingual error body ``{code, message, message_en, fields}``.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from egov.core import clock
from egov.core.errors import NotFoundError, PermissionDeniedError
from egov.core.ratelimit import ip_key, ninja_rate_limit
from egov.identity.models import User, UserKind
from egov.organisation.facade import has_permission
from egov.signing import facade
from egov.signing.forms import (
    RATE_LIMIT_SCOPE,
    RATE_LIMIT_WINDOW_SECONDS,
    check_request_size,
    read_pdf_upload,
    verify_rate_limit,
)
from egov.signing.models import Certificate
from egov.signing.schemas import CertificateFilter, CertificatePageOut, ErrorOut, VerificationReportOut
from egov.signing.selectors import MANAGE_CERTIFICATES, certificates_visible_to, days_to_expiry
from egov.signing.services.testca import test_ca_crl as build_crl

router = Router(tags=["signatures"])


def _errors(*codes: int) -> dict[int, type[ErrorOut]]:
    return dict.fromkeys(codes, ErrorOut)


_VERIFY_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary", "description": "the PDF to check"}},
            }
        }
    },
}


@router.post(
    "/verify",
    auth=None,
    response={200: VerificationReportOut, **_errors(400, 413, 429)},
    summary="Verify the digital signatures of a PDF (public)",
    description="Send one `file` part (`multipart/form-data`): a PDF, recognised by its content (`%PDF-`), of at "
    "most `EGOV_SIGNING_VERIFY_MAX_BYTES` (default 30 MB). The answer says, per signature, who signed, when, "
    "whether the signed content is intact and unchanged since, whether the certificate chains to a trusted "
    "root (Ban Cơ yếu Chính phủ G2, Vietnam National Root CA, or one the province added), whether it was valid "
    "at signing and is now, and its revocation status. The file is not stored. No authentication; rate-limited "
    "per client (`SIGNATURE_VERIFY_RATE_LIMIT` a minute, default 20). Errors: `signing.no_file`, "
    "`signing.file_empty`, `signing.not_pdf`, `signing.bad_pdf` (400), `signing.file_too_large` (413).",
    openapi_extra={"requestBody": _VERIFY_BODY},
)
@ninja_rate_limit(RATE_LIMIT_SCOPE, limit=verify_rate_limit, window=RATE_LIMIT_WINDOW_SECONDS, key=ip_key)
def verify(request: HttpRequest) -> dict[str, Any]:
    check_request_size(request.META.get("CONTENT_LENGTH"))
    upload = request.FILES.get("file")
    data = read_pdf_upload(upload)
    file_name = ((upload.name if upload is not None else "") or "")[:255]
    return facade.verify_pdf(data, file_name=file_name).as_dict()


@router.get(
    "/test-ca.crl",
    auth=None,
    response=_errors(404),
    url_name="test_ca_crl",
    summary="Revocation list of the internal test CA",
    description="The CRL (DER, RFC 5280) of the test CA, named in its certificates' CRL distribution point. "
    "404 where the test CA is disabled (`EGOV_SIGNING_TEST_CA=false`, as in production).",
    openapi_extra={"responses": {200: {"description": "the CRL", "content": {"application/pkix-crl": {}}}}},
)
def test_ca_crl(request: HttpRequest) -> HttpResponse:
    if not getattr(settings, "EGOV_SIGNING_TEST_CA", False):
        raise NotFoundError(_("There is no test certification authority here."), code="signing.test_ca_disabled")
    response = HttpResponse(build_crl(), content_type="application/pkix-crl")
    response["Content-Disposition"] = 'inline; filename="test-ca.crl"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def _serialise(cert: Certificate, now: Any) -> dict[str, Any]:
    return {
        "id": cert.pk,
        "kind": cert.kind,
        "subject": cert.subject_name,
        "organisation": cert.organisation,
        "issuer": cert.issuer_name,
        "serial": cert.serial_number,
        "fingerprint_sha256": cert.fingerprint_sha256,
        "agency_id": cert.agency_id,
        "user_id": cert.user_id,
        "not_before": cert.not_before,
        "not_after": cert.not_after,
        "status": cert.status,
        "revoked_at": cert.revoked_at,
        "is_test": cert.is_test,
        "key_storage": cert.key_storage,
        "days_to_expiry": days_to_expiry(cert, now),
    }


@router.get(
    "/certificates",
    response={200: CertificatePageOut, **_errors(401, 403, 422)},
    summary="Signing certificates you may see",
    description="Agency administrators see their agency's certificates (personal and seal), province "
    "administrators all, every officer their own personal certificates; soonest expiry first. Public facts "
    "only: no key material is ever returned.",
)
def list_certificates(request: HttpRequest, params: Query[CertificateFilter]) -> dict[str, Any]:
    user: User = request.auth  # type: ignore[attr-defined]
    if not (user.kind == UserKind.STAFF or has_permission(user, MANAGE_CERTIFICATES)):
        raise PermissionDeniedError(
            _("This part of the API is for officers of the province's agencies."), code="signing.staff_only"
        )
    qs = certificates_visible_to(user)
    now = clock.now()
    page = list(qs[params.offset : params.offset + params.limit])
    return {
        "count": qs.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": [_serialise(cert, now) for cert in page],
    }
