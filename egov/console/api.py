"""/api/v1/audit: the audit log for auditors and province administrators (read-only)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from egov.console import selectors
from egov.console.permissions import can_view_audit
from egov.console.schemas import AuditEntryFilterIn, AuditEntryOut, AuditEntryPageOut, AuditVerifyOut
from egov.core.errors import ApplicationError, PermissionDeniedError

router = Router(tags=["audit"])


def _require_audit_access(request: HttpRequest) -> None:
    user = request.auth  # type: ignore[attr-defined]
    if not can_view_audit(user):
        raise PermissionDeniedError(_("Only auditors and province administrators may read the audit log."))


@router.get("/entries", response=AuditEntryPageOut, summary="List audit entries, newest first")
def list_entries(request: HttpRequest, params: Query[AuditEntryFilterIn]) -> dict[str, Any]:
    _require_audit_access(request)
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise ApplicationError(
            _("The end date must not be before the start date."),
            code="invalid_date_range",
            fields={"date_to": [str(_("The end date must not be before the start date."))]},
        )
    entries = selectors.audit_entry_list(filters=params.to_filters())
    return {
        "count": entries.count(),
        "limit": params.limit,
        "offset": params.offset,
        "items": list(entries[params.offset : params.offset + params.limit]),
    }


@router.get("/entries/{seq}", response=AuditEntryOut, summary="One audit entry")
def get_entry(request: HttpRequest, seq: int) -> Any:
    _require_audit_access(request)
    return selectors.audit_entry_get(seq=seq)


@router.get("/verify", response=AuditVerifyOut, summary="Verify the audit log's hash chain")
def verify_chain(request: HttpRequest) -> Any:
    _require_audit_access(request)
    return selectors.audit_chain_check()
