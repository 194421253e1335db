"""Staff page of the one-stop statistics (Biểu II.06a) and its Excel export.

Included by the staff UI under ``/staff/dossiers/`` in the ``dossiers`` namespace:
``dossiers:statistics`` (the page; ``?format=xlsx`` also downloads) and ``dossiers:statistics_xlsx``.
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.dossiers.excel import XLSX_CONTENT_TYPE, one_stop_report_xlsx, report_heading
from egov.dossiers.one_stop_report import (
    AGENCY_ROLES,
    FORM_COLUMNS,
    GROUPINGS,
    VIEW_STATISTICS,
    ReportResult,
    ReportRow,
    one_stop_report,
)
from egov.identity.access import staff_required
from egov.organisation.facade import has_permission

_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StatisticsForm(forms.Form):
    period_from = forms.DateField(label=_("From"), widget=_DATE_WIDGET)
    period_to = forms.DateField(label=_("To"), widget=_DATE_WIDGET)
    group_by = forms.ChoiceField(label=_("Group by"), choices=list(GROUPINGS.items()))
    agency_by = forms.ChoiceField(label=_("Agency counted"), choices=list(AGENCY_ROLES.items()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("Choose a date on or after the start."))
        return data


def _this_month() -> dict[str, Any]:
    today = clock.today()
    return {"period_from": today.replace(day=1), "period_to": today, "group_by": "agency", "agency_by": "receiving"}


def _form(request: HttpRequest) -> StatisticsForm:
    defaults = _this_month()
    if not any(name in request.GET for name in defaults):
        return StatisticsForm(initial=defaults)
    data = {name: request.GET.get(name) or _as_text(value) for name, value in defaults.items()}
    return StatisticsForm(data)


def _as_text(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _report(request: HttpRequest, form: StatisticsForm) -> ReportResult:
    values = form.cleaned_data if form.is_bound else form.initial
    return one_stop_report(
        user=request.user,
        period_from=values["period_from"],
        period_to=values["period_to"],
        group_by=values["group_by"],
        agency_by=values["agency_by"],
    )


def _xlsx(request: HttpRequest, report: ReportResult) -> HttpResponse:
    content = one_stop_report_xlsx(report, report_heading(user=request.user, report=report))
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = f"bao-cao-II06a-{report.period_from:%Y%m%d}-{report.period_to:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cells(row: ReportRow) -> list[str]:
    values = [getattr(row, name) for name in FORM_COLUMNS]
    return ["—" if v is None else number_format(v, 2) if isinstance(v, float) else str(v) for v in values]


def _require_statistics(request: HttpRequest) -> None:
    if not has_permission(request.user, VIEW_STATISTICS):
        raise PermissionDenied(_("Only leaders, auditors and province administrators may view the statistics."))


@staff_required
@require_GET
def statistics(request: HttpRequest, *, as_xlsx: bool = False) -> HttpResponse:
    _require_statistics(request)
    form = _form(request)
    report, status = None, 200
    if not form.is_bound or form.is_valid():
        try:
            report = _report(request, form)
        except ApplicationError as error:
            form.add_error(None, str(error.message))
            status = error.status
    else:
        status = 400
    if report is not None and (as_xlsx or request.GET.get("format") == "xlsx"):
        return _xlsx(request, report)
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "report": report,
        "rows": [{"label": row.label, "values": _cells(row)} for row in report.rows] if report else [],
        "total": _cells(report.total) if report else [],
        "column_numbers": range(1, len(FORM_COLUMNS) + 3),
        "xlsx_query": query.urlencode(),
        "grouping_label": GROUPINGS.get(report.group_by if report else "agency"),
    }
    return render(request, "dossiers/statistics/report.html", context, status=status)


@staff_required
@require_GET
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    return statistics(request, as_xlsx=True)


urlpatterns = [
    path("statistics/", statistics, name="statistics"),
    path("statistics/xlsx/", statistics_xlsx, name="statistics_xlsx"),
]
