"""The statistics page, its Excel export (opened with openpyxl) and the API, over the November scenario.

This module is also the URLconf of its tests: the project's URLs, plus the statistics pages and the
statistics API router where the project does not mount them (yet).
"""

from datetime import date
from io import BytesIO
from typing import Any, cast

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, include, path
from ninja import NinjaAPI
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from config import urls as project_urls
from egov.core.api_errors import install_error_handlers
from egov.dossiers import views_statistics
from egov.dossiers.api_statistics import router as statistics_router
from egov.dossiers.tests.conftest import agency_of, user
from egov.dossiers.tests.test_statistics_scenario import (
    CENTRE_LEADER,
    DESK,
    DONGHA_LEADER,
    EXPECTED_DONGHA,
    EXPECTED_DONGHOI,
    November,
    november,
)
from egov.identity.api_auth import api_auth

__all__ = ["november"]

_api = NinjaAPI(auth=api_auth, urls_namespace="dossier-statistics-test")
install_error_handlers(_api)
_api.add_router("/dossier-statistics", statistics_router)
urlpatterns = cast(list[URLPattern | URLResolver], [path("test-api/", _api.urls), *project_urls.urlpatterns])
if not any(getattr(pattern, "namespace", None) == "dossiers" for pattern in urlpatterns):
    urlpatterns.insert(0, path("staff/dossiers/", include((views_statistics.urlpatterns, "dossiers"))))

pytestmark = pytest.mark.urls(__name__)
PAGE = "/staff/dossiers/statistics/"
XLSX = "/staff/dossiers/statistics/xlsx/"
API = "/test-api/dossier-statistics/"
NOVEMBER_QUERY = {"period_from": "2026-11-01", "period_to": "2026-11-30", "group_by": "agency"}
# Columns (3)…(13) then returned, withdrawn, not accepted, on-time rate: the order of the form.
FORM_ORDER = (
    "received_total",
    "received_online",
    "received_desk",
    "carried_over",
    "resolved_total",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_total",
    "pending_on_time",
    "pending_overdue",
    "returned",
    "withdrawn",
    "rejected",
    "on_time_rate",
)


def _login(client: Client, username: str) -> Client:
    client.force_login(user(username))
    return client


def _sheet(content: bytes) -> Worksheet:
    sheet = load_workbook(BytesIO(content)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def test_an_officer_without_the_permission_gets_403(november: November, client: Client) -> None:
    _login(client, DESK)
    assert client.get(PAGE).status_code == 403
    assert client.get(XLSX, NOVEMBER_QUERY).status_code == 403
    response = client.get(API, NOVEMBER_QUERY)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_the_page_defaults_to_this_month(november: November, client: Client) -> None:
    response = _login(client, CENTRE_LEADER).get(PAGE)
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.period_from, report.period_to) == (date(2026, 12, 1), date(2026, 12, 15))
    assert report.rows[0].carried_over == 5  # November's dossiers in progress
    assert f'href="{XLSX}"' in response.content.decode()


def test_the_page_shows_every_column_for_the_period(november: November, client: Client) -> None:
    response = _login(client, CENTRE_LEADER).get(PAGE, NOVEMBER_QUERY)
    assert response.status_code == 200
    expected = [str(EXPECTED_DONGHOI[name]) for name in FORM_ORDER[:-1]] + ["66,67"]
    assert response.context["rows"] == [{"label": agency_of("ttpdonghoi").name, "values": expected}]
    assert response.context["total"] == expected
    html = response.content.decode()
    assert agency_of("ttpdonghoi").name in html
    assert agency_of("ttpdongha").name not in html


def test_a_leader_of_another_ward_does_not_see_this_centre(november: November, client: Client) -> None:
    response = _login(client, DONGHA_LEADER).get(PAGE, NOVEMBER_QUERY)
    assert [row["label"] for row in response.context["rows"]] == [agency_of("ttpdongha").name]
    assert agency_of("ttpdonghoi").name not in response.content.decode()


def test_an_inverted_period_is_a_form_error(november: November, client: Client) -> None:
    response = _login(client, CENTRE_LEADER).get(PAGE, {**NOVEMBER_QUERY, "period_from": "2026-12-01"})
    assert response.status_code == 400
    assert response.context["report"] is None
    assert response.context["form"].errors["period_to"]


@pytest.mark.parametrize(("url", "extra"), [(XLSX, {}), (PAGE, {"format": "xlsx"})])
def test_the_excel_export_is_laid_out_like_the_national_form(
    november: November, client: Client, url: str, extra: dict[str, str]
) -> None:
    response = _login(client, CENTRE_LEADER).get(url, {**NOVEMBER_QUERY, **extra})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "bao-cao-II06a-20261101-20261130.xlsx" in response["Content-Disposition"]
    sheet = _sheet(response.content)
    centre, ward = agency_of("ttpdonghoi"), agency_of("pdonghoi")
    assert sheet["A1"].value == "Biểu số II.06a/VPCP/KSTT"
    assert sheet["L1"].value == f"Đơn vị báo cáo: {centre.name}"
    assert sheet["L2"].value == f"Đơn vị nhận báo cáo: {ward.name}"
    assert sheet["A4"].value == f"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI {centre.name.upper()}"
    assert sheet["A5"].value == "Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026"
    headers = {cell: sheet[cell].value for cell in ("A8", "B8", "C8", "C9", "D9", "D10", "E10", "F9", "G8", "K8")}
    assert headers == {
        "A8": "STT",
        "B8": "Đơn vị",
        "C8": "Số hồ sơ tiếp nhận",
        "C9": "Tổng số",
        "D9": "Trong kỳ",
        "D10": "Trực tuyến",
        "E10": "Trực tiếp, dịch vụ bưu chính",
        "F9": "Từ kỳ trước",
        "G8": "Số lượng hồ sơ đã giải quyết",
        "K8": "Số lượng hồ sơ đang xử lý",
    }
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A8:A10", "C8:F8", "D9:E9", "G8:J8", "K8:M8", "A4:Q4"} <= merged
    assert [sheet.cell(row=11, column=c).value for c in range(1, 18)] == [f"({n})" for n in range(1, 18)]
    row = [sheet.cell(row=12, column=c).value for c in range(1, 18)]
    assert row == [1, centre.name, *(EXPECTED_DONGHOI[name] for name in FORM_ORDER)]
    total = [sheet.cell(row=13, column=c).value for c in range(2, 18)]
    assert total == ["Tổng cộng", *(EXPECTED_DONGHOI[name] for name in FORM_ORDER)]
    assert sheet["C12"].font.name == "Times New Roman"
    assert sheet["C12"].font.size == 12
    assert sheet["C8"].border.left.style == "thin"
    assert sheet.freeze_panes == "C12"
    assert sheet.column_dimensions["B"].width == 42


def test_the_api_returns_the_report_as_json(november: November, client: Client) -> None:
    response = _login(client, CENTRE_LEADER).get(API, NOVEMBER_QUERY)
    assert response.status_code == 200
    body = response.json()
    assert [r["agency_code"] for r in body["rows"]] == [agency_of("ttpdonghoi").code]
    assert {name: body["rows"][0][name] for name in FORM_ORDER} == EXPECTED_DONGHOI
    assert {name: body["total"][name] for name in FORM_ORDER} == EXPECTED_DONGHOI
    other = _login(Client(), DONGHA_LEADER).get(API, NOVEMBER_QUERY).json()
    assert {name: other["total"][name] for name in FORM_ORDER} == EXPECTED_DONGHA


def test_the_api_groups_by_field_and_exports_excel(november: November, client: Client) -> None:
    _login(client, CENTRE_LEADER)
    body = client.get(API, {**NOVEMBER_QUERY, "group_by": "field"}).json()
    assert sorted(r["field_name"] for r in body["rows"]) == ["Chứng thực", "Hộ tịch"]
    response = client.get(API + "xlsx", {**NOVEMBER_QUERY, "group_by": "field"})
    assert response.status_code == 200
    sheet = _sheet(response.content)
    assert sheet["B8"].value == "Lĩnh vực"
    assert [sheet.cell(row=r, column=2).value for r in (12, 13, 14)] == ["Chứng thực", "Hộ tịch", "Tổng cộng"]
    assert sheet.cell(row=14, column=3).value == EXPECTED_DONGHOI["received_total"]


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ({**NOVEMBER_QUERY, "period_to": "2026-10-01"}, 400, "statistics.period"),
        ({**NOVEMBER_QUERY, "group_by": "nonsense"}, 422, "invalid_input"),
    ],
)
def test_the_api_refuses_bad_parameters_clearly(
    november: November, client: Client, query: dict[str, Any], status: int, code: str
) -> None:
    response = _login(client, CENTRE_LEADER).get(API, query)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_a_province_wide_export_is_about_the_province(november: November, client: Client) -> None:
    # the province administrator works at the Department of Science and Technology
    response = _login(client, "skhcn_nguyenducthang").get(API + "xlsx", NOVEMBER_QUERY)
    sheet = _sheet(response.content)
    province, department = agency_of("ubndt"), agency_of("skhcn")
    assert sheet["A4"].value.endswith(f"TẠI {province.name.upper()}")
    assert sheet["L1"].value == f"Đơn vị báo cáo: {department.name}"
    assert sheet["L2"].value == f"Đơn vị nhận báo cáo: {province.name}"
    labels = [sheet.cell(row=r, column=2).value for r in (12, 13, 14)]
    assert labels == [agency_of("ttpdonghoi").name, agency_of("ttpdongha").name, "Tổng cộng"]
