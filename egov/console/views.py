"""Staff console pages: thin views over ``selectors`` and ``permissions``."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.console import selectors
from egov.console.forms import AuditFilterForm
from egov.console.permissions import can_use_admin, can_view_audit, is_staff_account
from egov.console.selectors import AuditFilters
from egov.core import clock
from egov.core.errors import NotFoundError
from egov.core.models import AuditEntry
from egov.dossiers.facade import work_summary
from egov.workflow.facade import CalendarRangeError, is_working_day

AUDIT_PAGE_SIZE = 50


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_account(request.user):
        raise PermissionDenied(_("This page is for staff accounts only."))


def _require_audit_access(request: HttpRequest) -> None:
    if not can_view_audit(request.user):
        raise PermissionDenied(_("Only auditors and province administrators may read the audit log."))


@dataclass(frozen=True)
class TodaySummary:
    day: date
    is_working_day: bool | None  # None outside the years the working-day calendar covers


def _today_summary() -> TodaySummary:
    today = clock.today()
    try:
        return TodaySummary(day=today, is_working_day=is_working_day(today))
    except CalendarRangeError:
        return TodaySummary(day=today, is_working_day=None)


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    context = {
        "posts": selectors.staff_post_list_for_user(user=request.user),
        "work": work_summary(user=request.user),
        "today": _today_summary(),
        "can_view_audit": can_view_audit(request.user),
        "can_use_admin": can_use_admin(request.user),
    }
    return render(request, "console/home.html", context)


def _audit_rows(entries: Iterable[AuditEntry]) -> list[tuple[AuditEntry, str]]:
    """Each entry with its agency's name (one query for the page)."""
    entries = list(entries)
    names = selectors.agency_name_map(entry.agency_id for entry in entries)
    return [(entry, names.get(entry.agency_id, "") if entry.agency_id else "") for entry in entries]


@login_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    _require_audit_access(request)
    form = AuditFilterForm(request.GET or None)
    is_valid = not form.is_bound or form.is_valid()
    filters = form.to_filters() if form.is_bound and is_valid else AuditFilters()
    entries = selectors.audit_entry_list(filters=filters)
    if not is_valid:
        entries = entries.none()
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "rows": _audit_rows(page.object_list),
        "is_filtered": filters != AuditFilters() or not is_valid,
    }
    return render(request, "console/audit/list.html", context)


@login_required
@require_GET
def audit_detail(request: HttpRequest, seq: int) -> HttpResponse:
    _require_audit_access(request)
    try:
        entry = selectors.audit_entry_get(seq=seq)
    except NotFoundError as exc:
        raise Http404(str(exc)) from exc
    agency_name = selectors.agency_name_map([entry.agency_id]).get(entry.agency_id or 0, "")
    list_url = reverse("console:audit_list")
    context: dict[str, Any] = {
        "entry": entry,
        "changes_pretty": selectors.audit_entry_changes_pretty(entry),
        "agency_name": agency_name,
        "object_history_url": f"{list_url}?{urlencode({'object_type': entry.object_type, 'object_id': entry.object_id})}",
        "breadcrumbs": [(_("Audit log"), list_url), (f"#{entry.seq}", "")],
    }
    return render(request, "console/audit/detail.html", context)


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    _require_audit_access(request)
    context = {
        "check": selectors.audit_chain_check(),
        "breadcrumbs": [(_("Audit log"), reverse("console:audit_list")), (_("Verification"), "")],
    }
    return render(request, "console/audit/verify.html", context)
