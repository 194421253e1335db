"""``GET /api/v1/track/{code}``: public, what a code holder may see and nothing more, rate-limited."""

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.contracts import ActionData, ApplicantData
from egov.dossiers.facade import dossier_act
from egov.dossiers.models import Dossier
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.dossiers.tracking import mask_name, public_tracking_url

# Everything that identifies the applicant or reveals the content of the request or the officers.
SECRETS = (
    "Nguyễn Văn Bình",
    "Văn Bình",
    "044085001234",
    "0905110001",
    "nguyenvanbinh@example.com",
    "Tổ dân phố 7",
    "Đăng ký khai sinh cho con",  # the request text
    "Nguyễn Thị Mẹ",  # form data
    "Lê Văn Đại Diện",  # the representative
    "ghi chú nội bộ",  # a note
    "Thiếu giấy chứng sinh của bệnh viện",  # the reasons of the supplementation request
    "Ngô Thị Thanh Tâm",  # officers
    "Trần Văn Dũng",
)


@pytest.fixture
def received(receive_birth: ReceiveFn, travel: Any) -> Dossier:
    travel(MONDAY_9AM)
    dossier = receive_birth(
        applicant=ApplicantData(
            full_name="Nguyễn Văn Bình",
            id_number="044085001234",
            address="Tổ dân phố 7, phường Đồng Hới",
            phone="0905110001",
            email="nguyenvanbinh@example.com",
        ),
        form_data={"ho_ten_me": "Nguyễn Thị Mẹ"},
        representative={"full_name": "Lê Văn Đại Diện"},
        note="ghi chú nội bộ",
    )
    desk, specialist = user("ttpdonghoi_ngothithanhtam"), user("pdonghoi_tranvandung")
    dossier = dossier_act(
        actor=desk, code=dossier.code, action="forward", data=ActionData(version=dossier.version, note="ghi chú nội bộ")
    )
    dossier = dossier_act(actor=specialist, code=dossier.code, action="claim", data=ActionData(version=dossier.version))
    return dossier_act(
        actor=specialist,
        code=dossier.code,
        action="request_supplement",
        data=ActionData(version=dossier.version, reasons=("Thiếu giấy chứng sinh của bệnh viện",)),
    )


def test_tracking_shows_the_progress_and_hides_personal_data(received: Dossier) -> None:
    response = Client().get(f"/api/v1/track/{received.code}")
    assert response.status_code == 200
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text, secret
    body = response.json()
    assert body["applicant"] == "Nguyễn V. B."
    assert body["procedure"]["code"] == "1.001193"
    assert body["receiving_agency"]  # the agencies are public
    assert body["status"]["code"] == "waiting_supplement"
    assert (body["status"]["national_code"], body["status"]["national_label"]) == ("5", "Yêu cầu bổ sung giấy tờ")
    assert body["due_at"] is not None
    assert [row["action"] for row in body["timeline"]] == ["receive", "forward", "request_supplement"]
    assert body["timeline"][1]["step"]  # the step the desk completed, by name
    assert [step["state"] for step in body["steps"]] == ["done", "active"]


def test_a_lower_case_copy_of_the_code_is_found(received: Dossier) -> None:
    response = Client().get(f"/api/v1/track/{received.code.lower()}")
    assert (response.status_code, response.json()["code"]) == (200, received.code)


def test_an_unknown_code_is_404_with_a_bilingual_message(db: None) -> None:
    response = Client().get("/api/v1/track/H44.101.01-261102-9999")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "dossier.track_not_found"
    assert "No dossier has this code" in body["message_en"]
    assert body["message"]


@pytest.mark.parametrize("code", ["A" * 61, "H44_101", "H44%20101", "abc%3Cscript%3E", "H44,101"])
def test_a_malformed_code_is_400(db: None, code: str) -> None:
    response = Client().get(f"/api/v1/track/{code}")
    assert response.status_code == 400
    assert response.json()["code"] == "dossier.track_code_invalid"


def test_tracking_is_rate_limited_per_client(db: None, settings: Any) -> None:
    settings.DOSSIER_TRACKING_RATE_LIMIT = 2
    client = Client()
    statuses = [client.get("/api/v1/track/H44-0001").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
    refused = client.get("/api/v1/track/H44-0001")
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) >= 1
    # Another client still has its own budget.
    assert Client(REMOTE_ADDR="10.0.0.9").get("/api/v1/track/H44-0001").status_code == 404


def test_names_are_masked_to_the_family_name_and_initials() -> None:
    assert mask_name("Nguyễn Văn Bình") == "Nguyễn V. B."
    assert mask_name("  Trần   Thị Ngọc Anh ") == "Trần T. N. A."
    assert mask_name("Bình") == "B."
    assert mask_name("") == ""


def test_the_receipt_qr_opens_the_public_page(settings: Any) -> None:
    settings.EGOV_PUBLIC_BASE_URL = "https://dichvucong.quangtri.gov.vn/"
    assert public_tracking_url("H44.101.01-261102-0001") == (
        "https://dichvucong.quangtri.gov.vn/tra-cuu/H44.101.01-261102-0001/"
    )
