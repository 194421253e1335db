"""The whole life of a dossier through the REST API, as an integrator drives it with bearer tokens:
intake → forward → claim → request supplementation → supplement (a file) → forward → sign →
attach the result (a file) → return → rating; then the public tracking shows the way it went."""

import json
from datetime import datetime, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.test import Client

from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, user
from egov.identity.services.tokens import api_token_create
from egov.workflow.facade import VIETNAM_TZ

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def bearer(username: str) -> dict[str, str]:
    _token, secret = api_token_create(user=user(username), name="test", acting_user=None)
    return {"Authorization": f"Bearer {secret}"}


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def act(client: Client, who: dict[str, str], code: str, action: str, **body: Any) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/dossiers/{code}/actions/{action}", body, content_type="application/json", headers=who
    )
    assert response.status_code == 200, response.json()
    result: dict[str, Any] = response.json()
    return result


def act_with_file(client: Client, who: dict[str, str], code: str, action: str, **body: Any) -> dict[str, Any]:
    upload = BytesIO(PDF)
    upload.name = "ket-qua.pdf"
    response = client.post(
        f"/api/v1/dossiers/{code}/actions/{action}", {"data": json.dumps(body), "files": [upload]}, headers=who
    )
    assert response.status_code == 200, response.json()
    result: dict[str, Any] = response.json()
    return result


def test_a_dossier_goes_through_its_whole_life_through_the_api(demo: None, travel: Any) -> None:
    client = Client()
    desk, specialist, chairman = (
        bearer("ttpdonghoi_ngothithanhtam"),
        bearer("pdonghoi_tranvandung"),
        bearer("pdonghoi_nguyenvanhai"),
    )
    # Intake at the Đồng Hới ward desk on a Monday at 9:00 (birth registration: 1 working day).
    travel(MONDAY_9AM)
    response = client.post(
        "/api/v1/dossiers",
        {
            "agency_id": agency_of("ttpdonghoi").pk,
            "procedure_code": "1.001193",
            "channel": "counter",
            "applicant": {"full_name": "Nguyễn Văn Bình", "id_number": "044085001234", "phone": "0905110001"},
            "subject": "Đăng ký khai sinh cho con",
            "papers": [{"name": "Tờ khai đăng ký khai sinh", "originals": 1}],
        },
        content_type="application/json",
        headers=desk,
    )
    assert response.status_code == 201, response.json()
    dossier = response.json()
    code = dossier["code"]
    assert code.startswith("H44.101.01-261102-")
    assert dossier["status"] | {"label": ""} == {
        "code": "processing",
        "label": "",
        "national_code": "4",
        "national_label": "Đang xử lý",
    }
    assert at(dossier["due_at"]) == datetime(2026, 11, 3, 17, 0, tzinfo=VIETNAM_TZ)
    assert at(dossier["received_at"]) == MONDAY_9AM
    assert "forward" in dossier["allowed_actions"]

    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = act(client, desk, code, "forward", version=dossier["version"])
    dossier = act(client, specialist, code, "claim", version=dossier["version"])
    dossier = act(
        client, specialist, code, "request_supplement", version=dossier["version"], reasons=["Thiếu giấy chứng sinh"]
    )
    assert dossier["status"]["code"] == "waiting_supplement"
    assert dossier["status"]["national_code"] == "5"

    # The applicant comes back the next morning with the paper; the desk scans it in.
    travel(MONDAY_9AM + timedelta(days=1))
    dossier = act_with_file(client, desk, code, "supplement", version=dossier["version"], note="Giấy chứng sinh")
    assert dossier["status"]["code"] == "processing"
    assert [f["kind"] for f in dossier["files"]] == ["supplement"]
    assert dossier["paused_seconds"] > 0  # the time waiting for the applicant moved the appointment
    assert at(dossier["due_at"]) > datetime(2026, 11, 3, 17, 0, tzinfo=VIETNAM_TZ)

    dossier = act(client, specialist, code, "forward", version=dossier["version"])
    dossier = act(client, chairman, code, "sign", version=dossier["version"])
    assert dossier["status"]["code"] == "resolved"
    assert dossier["outcome"] == "granted"
    dossier = act_with_file(client, desk, code, "attach_result", version=dossier["version"])
    assert [f["kind"] for f in dossier["files"]] == ["supplement", "result"]
    dossier = act(client, desk, code, "return_result", version=dossier["version"], return_method="desk")
    assert dossier["status"]["code"] == "returned"
    assert dossier["returned_at"] is not None

    response = client.post(
        f"/api/v1/dossiers/{code}/rating",
        {"score": 5, "comment": "Nhanh"},
        content_type="application/json",
        headers=desk,
    )
    assert response.status_code == 201, response.json()
    assert response.json()["score"] == 5

    # The staff timeline has every step; the files download; the public sees the way it went.
    events = client.get(f"/api/v1/dossiers/{code}/events", headers=desk).json()
    assert [e["action"] for e in events] == [
        "receive",
        "forward",
        "claim",
        "request_supplement",
        "supplement",
        "forward",
        "sign",
        "resolve",
        "attach_result",
        "return_result",
        "rate",
    ]
    result_file = dossier["files"][1]
    download = client.get(result_file["url"], headers=desk)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    tracking = Client().get(f"/api/v1/track/{code}").json()
    assert tracking["status"]["national_code"] == "10"
    assert [row["action"] for row in tracking["timeline"]] == [
        "receive",
        "forward",
        "request_supplement",
        "supplement",
        "forward",
        "sign",
        "resolve",
        "return_result",
    ]
