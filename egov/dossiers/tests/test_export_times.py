"""Times in exports are Vietnamese times (Asia/Ho_Chi_Minh), as on the pages: at 19:20 UTC it is
already 02:20 the next day in Vietnam, and the Excel report must say so."""

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from egov.dossiers.tests.conftest import user
from egov.dossiers.tests.test_statistics_scenario import CENTRE_LEADER, November, november
from egov.dossiers.tests.test_statistics_views import NOVEMBER_QUERY, PAGE, XLSX

__all__ = ["november"]
pytestmark = pytest.mark.urls("egov.dossiers.tests.test_statistics_views")

NEAR_MIDNIGHT_UTC = datetime(2026, 11, 20, 19, 20, tzinfo=UTC)  # 02:20 on 21/11/2026 in Vietnam


def test_the_excel_report_is_stamped_with_the_vietnamese_time_the_page_shows(
    november: November, travel: Any, client: Client
) -> None:
    travel(NEAR_MIDNIGHT_UTC)
    client.force_login(user(CENTRE_LEADER))
    page = client.get(PAGE, NOVEMBER_QUERY).content.decode()
    assert "02:20 21/11/2026" in page
    sheet = load_workbook(BytesIO(client.get(XLSX, NOVEMBER_QUERY).content)).active
    assert sheet is not None
    assert sheet["A6"].value == "(Số liệu theo cơ quan tiếp nhận; tính đến 02:20 ngày 21/11/2026)"
