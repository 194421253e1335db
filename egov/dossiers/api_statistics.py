"""/api/v1/dossier-statistics: the one-stop report (Biểu II.06a) as JSON and as an Excel workbook.

Same scope as the staff page: the agencies where the caller holds ``dossiers.view_statistics``.
Rate-limited per account, since a province-wide report reads the whole dossier table.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from egov.core import clock
from egov.core.ratelimit import ninja_rate_limit
from egov.dossiers.excel import XLSX_CONTENT_TYPE, one_stop_report_xlsx, report_heading
from egov.dossiers.one_stop_report import ReportResult, one_stop_report

router = Router(tags=["dossier statistics"])
RATE_WINDOW_SECONDS = 60


def _rate_limit() -> int:
    return int(getattr(settings, "EGOV_STATISTICS_API_RATE_LIMIT", 30))


class ReportQuery(Schema):
    period_from: date | None = Field(None, description="First day (default: the first day of this month)")
    period_to: date | None = Field(None, description="Last day, included (default: today)")
    group_by: Literal["agency", "field", "agency_field"] = "agency"
    agency_by: Literal["receiving", "handling"] = Field(
        "receiving", description="Count dossiers under their receiving (one-stop) or handling agency"
    )
    agency: list[int] = Field(default_factory=list, description="Only these agencies (within your scope)")


class RowOut(Schema):
    agency_id: int | None
    agency_code: str
    agency_name: str
    field_id: int | None
    field_name: str
    label: str
    received_total: int = Field(description="(3) = (4) + (5) + (6)")
    received_online: int = Field(description="(4) received online in the period")
    received_desk: int = Field(description="(5) received at the desk or by post in the period")
    carried_over: int = Field(description="(6) received earlier, not finished when the period began")
    resolved_total: int = Field(description="(7) = (8) + (9) + (10)")
    resolved_early: int = Field(description="(8)")
    resolved_on_time: int = Field(description="(9), withdrawn dossiers included")
    resolved_late: int = Field(description="(10)")
    pending_total: int = Field(description="(11) in progress at the end of the period")
    pending_on_time: int = Field(description="(12), dossiers waiting for the applicant included")
    pending_overdue: int = Field(description="(13)")
    returned: int = Field(description="results delivered in the period")
    withdrawn: int = Field(description="withdrawn in the period (part of (7) and (9))")
    rejected: int = Field(description="online submissions not accepted in the period")
    on_time_rate: float | None = Field(description="((8) + (9)) / (7) in percent")


class ReportOut(Schema):
    period_from: date
    period_to: date
    group_by: str
    agency_by: str
    as_of: datetime
    rows: list[RowOut]
    total: RowOut


def _report(request: HttpRequest, params: ReportQuery) -> ReportResult:
    today = clock.today()
    return one_stop_report(
        user=request.auth,  # type: ignore[attr-defined]
        period_from=params.period_from or today.replace(day=1),
        period_to=params.period_to or today,
        group_by=params.group_by,
        agency_by=params.agency_by,
        agency_ids=params.agency or None,
    )


@router.get("/", response=ReportOut, summary="The one-stop report (form II.06a) for a period")
@ninja_rate_limit("dossier-statistics", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def get_report(request: HttpRequest, params: Query[ReportQuery]) -> Any:
    return _report(request, params)


@router.get("/xlsx", summary="The one-stop report as an Excel workbook laid out like form II.06a")
@ninja_rate_limit("dossier-statistics", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def get_report_xlsx(request: HttpRequest, params: Query[ReportQuery]) -> HttpResponse:
    report = _report(request, params)
    content = one_stop_report_xlsx(report, report_heading(user=request.auth, report=report))  # type: ignore[attr-defined]
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"bao-cao-II06a-{report.period_from:%Y%m%d}-{report.period_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
