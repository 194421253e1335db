"""The late path end to end through the API: intake → the chairman apologises before the
appointment and sets a new one (once) → the result comes after the legal appointment → the dossier
is classified late, the apology slip (Mẫu 04) prints with both dates, and the statistics count it late."""

from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

from django.test import Client
from pypdf import PdfReader

from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, user
from egov.dossiers.tests.test_api_lifecycle import act, bearer
from egov.workflow.facade import VIETNAM_TZ


def test_a_late_dossier_gets_its_apology_slip_and_counts_as_late(
    demo: None, travel: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client = Client()
    desk, specialist, chairman = (
        bearer("ttpdonghoi_ngothithanhtam"),
        bearer("pdonghoi_tranvandung"),
        bearer("pdonghoi_nguyenvanhai"),
    )
    travel(MONDAY_9AM)
    response = client.post(
        "/api/v1/dossiers",
        {
            "agency_id": agency_of("ttpdonghoi").pk,
            "procedure_code": "1.001193",
            "channel": "counter",
            "applicant": {"full_name": "Trần Thị Ngọc Anh", "id_number": "045190002345"},
        },
        content_type="application/json",
        headers=desk,
    )
    assert response.status_code == 201, response.json()
    code = response.json()["code"]
    dossier = act(client, desk, code, "forward", version=response.json()["version"])
    dossier = act(client, specialist, code, "claim", version=dossier["version"])
    # Tuesday 14:00, before the 17:00 appointment: the chairman apologises and sets Friday
    travel(datetime(2026, 11, 3, 14, 0, tzinfo=VIETNAM_TZ))
    dossier = act(
        client,
        chairman,
        code,
        "extend",
        version=dossier["version"],
        reasons=["Cần xác minh với cơ sở y tế"],
        new_due_date=date(2026, 11, 6).isoformat(),
    )
    again = client.post(
        f"/api/v1/dossiers/{code}/actions/extend",
        {"version": dossier["version"], "reasons": ["Lần hai"], "new_due_date": "2026-11-09"},
        content_type="application/json",
        headers=chairman,
    )
    assert (again.status_code, again.json()["code"]) == (409, "dossier.extend_once")
    # Thursday: finished within the new appointment but after the legal one
    travel(datetime(2026, 11, 5, 10, 0, tzinfo=VIETNAM_TZ))
    dossier = act(client, specialist, code, "forward", version=dossier["version"])
    dossier = act(client, chairman, code, "sign", version=dossier["version"])
    assert "late" in str(dossier["timeliness"])
    # the apology slip prints the first and the new appointment
    staff = Client()
    staff.force_login(user("ttpdonghoi_ngothithanhtam"))
    pdf = staff.get(f"/staff/dossiers/{code}/pdf/apology/")
    assert pdf.status_code == 200
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages).split())
    assert code in text
    assert "03 tháng 11 năm 2026" in text
    assert "ngày 06 tháng 11 năm 2026" in text
    assert "Cần xác minh với cơ sở y tế" in text
    # and the one-stop report counts it late
    travel(datetime(2026, 11, 30, 17, 0, tzinfo=VIETNAM_TZ) + timedelta(minutes=1))
    report = client.get(
        "/api/v1/dossier-statistics/?period_from=2026-11-01&period_to=2026-11-30",
        headers=bearer("ttpdonghoi_dovanthanh"),
    )
    assert report.status_code == 200, report.json()
    body = report.json()
    assert body["total"]["resolved_late"] == 1, body["total"]
