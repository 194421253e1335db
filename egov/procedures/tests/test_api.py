"""``/api/v1/procedures``: public search, one procedure in full, filter choices, errors, rate limit.

Through Django's test client, so the whole middleware stack runs as for an anonymous integrator.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from egov.procedures.models import Procedure
from egov.procedures.tests.search_data import BIRTH_REGISTRATION, make_sample

API = "/api/v1/procedures"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def sample(db: None) -> dict[str, Procedure]:
    return make_sample(detailed={"1.001193": BIRTH_REGISTRATION})


def get(client: Client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_search_is_public_ranked_and_paginated(client, sample):
    # when
    body = get(client, f"{API}?q=Dang%20ky%20khai%20sinh&limit=2")
    # then
    assert body["count"] == 5  # "đăng ký khai tử" holds "đăng ký" but not "khai sinh": not listed
    whole = [item["code"] for item in get(client, f"{API}?q=dang+ky+khai+sinh&limit=10")["items"]]
    assert [item["code"] for item in body["items"]] == whole[:2]
    assert whole[0] == "1.001193"
    assert body["items"][0] == {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "field": {"code": "ho-tich", "name": "Hộ tịch"},
        "levels": [{"code": "commune", "name": "Cấp Xã"}],
        "online": "full",
        "processing_time": {"value": 1.0, "unit": "working_day", "text": "1 Ngày làm việc"},
    }
    # and the next page continues the ranking
    assert [item["code"] for item in get(client, f"{API}?q=dang+ky+khai+sinh&limit=2&offset=2")["items"]] == whole[2:4]


def test_search_filters_and_code(client, sample):
    assert [i["code"] for i in get(client, f"{API}?q=khai+sinh&online=full")["items"]] == ["1.001193"]
    assert {i["code"] for i in get(client, f"{API}?q=khai&online=full")["items"]} == {"1.001193", "1.000656"}
    assert [i["code"] for i in get(client, f"{API}?level=province")["items"]] == ["1.000105", "2.000635"]
    assert [i["code"] for i in get(client, f"{API}?field=ho-tich&q=ket+hon")["items"]] == ["1.000894"]
    assert [i["code"] for i in get(client, f"{API}?q=1.001193")["items"]] == ["1.001193"]
    assert get(client, f"{API}?q=dang+ky+khia+sinh")["items"][0]["code"] == "1.001193"
    assert get(client, f"{API}?agency=000.00.06.H44") == {"count": 0, "items": []}
    assert get(client, API)["count"] == 11


def test_levels_in_hierarchical_order(client, sample):
    item = get(client, f"{API}?q=2.000635")["items"][0]
    assert item["levels"] == [{"code": "province", "name": "Cấp Tỉnh"}, {"code": "commune", "name": "Cấp Xã"}]


def test_online_levels_in_the_list(client, sample):
    items = {item["code"]: item["online"] for item in get(client, f"{API}?q=dang+ky&limit=100")["items"]}
    assert (items["1.001193"], items["1.000894"], items["1.003583"]) == ("full", "partial", "none")


@pytest.mark.parametrize(
    "query",
    ["limit=101", "limit=0", "offset=-1", "online=sometimes", "q=" + "a" * 201, "limit=ten"],
)
def test_bad_parameters_are_422_in_both_languages(client, sample, query):
    body = get(client, f"{API}?{query}", status=422)
    assert body["code"] == "invalid_input"
    assert body["message_en"] == "The request is not valid."


def test_one_procedure_in_full(client, sample, settings, tmp_path):
    # given a template file attached to the first paper
    settings.MEDIA_ROOT = str(tmp_path)
    version = sample["1.001193"].current_version
    assert version is not None
    version.valid_from = date(2025, 7, 1)
    version.save(update_fields=["valid_from"])
    paper = version.papers.get(order=1)
    paper.template_file.save("to-khai-khai-sinh.docx", ContentFile(b"PK\x03\x04"), save=True)
    # when
    body = get(client, f"{API}/1.001193")
    # then
    assert body["code"] == "1.001193"
    assert (body["name"], body["version"], body["valid_from"]) == ("Thủ tục đăng ký khai sinh", 1, "2025-07-01")
    assert (body["field"], body["levels"], body["online"]) == (
        {"code": "ho-tich", "name": "Hộ tịch"},
        [{"code": "commune", "name": "Cấp Xã"}],
        "full",
    )
    assert body["decision_number"] == "163/QĐ-BTP"
    assert body["target_applicants"] == "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài"
    assert body["results"] == [{"name": "Giấy khai sinh", "code": "KQ.G15.000031"}]
    assert [channel["kind"] for channel in body["channels"]] == ["counter", "online_full", "post"]
    assert body["channels"][0] == {
        "kind": "counter",
        "processing_time": {"value": 1.0, "unit": "working_day", "text": "1 Ngày làm việc"},
        "fees": [{"amount": "0", "currency": "VND", "description": "Lệ phí"}],
        "fee_text": "",
        "description": "",
    }
    assert len(body["papers"]) == 4
    assert body["papers"][0] == {
        "name": "Tờ khai đăng ký khai sinh",
        "group": "",
        "originals": 1,
        "copies": 0,
        "quantity_text": "",
        "kind": "paper",
        "requirement": "mandatory",
        "is_mandatory": True,
        "condition": "",
        "template_name": "Tờ khai đăng ký khai sinh (Thông tư 04/2024/TT-BTP)",
        "template_url": "/media/procedures/templates/to-khai-khai-sinh.docx",
    }
    assert (body["papers"][2]["requirement"], body["papers"][2]["is_mandatory"]) == ("conditional", False)
    assert body["papers"][3]["group"] == "Trường hợp trẻ em bị bỏ rơi"
    assert body["legal_bases"] == [{"document_number": "123/2015/NĐ-CP", "title": "Nghị định quy định chi tiết"}]
    assert (body["agencies"], body["has_form"]) == ([], False)
    assert body["source_url"].startswith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/")


@pytest.mark.parametrize("code", ["9.999999", "1.00119", "%20"])
def test_unknown_code_is_404_in_both_languages(client, sample, code):
    body = get(client, f"{API}/{code}", status=404)
    assert body["code"] == "procedure_not_found"
    assert body["message_en"] == "Procedure not found."
    assert isinstance(body["message"], str)
    assert body["message"]


def test_inactive_procedure_is_404(client, sample):
    Procedure.objects.filter(code="1.001193").update(is_active=False)
    assert get(client, f"{API}/1.001193", status=404)["code"] == "procedure_not_found"
    assert get(client, f"{API}?q=1.001193")["count"] == 0


def test_fields_with_counts(client, sample):
    assert get(client, f"{API}/fields") == [
        {"code": "da-dang-sinh-hoc", "name": "Đa dạng sinh học", "procedure_count": 1},
        {"code": "ho-tich", "name": "Hộ tịch", "procedure_count": 8},
        {"code": "hoat-dong-xay-dung", "name": "Hoạt động xây dựng", "procedure_count": 1},
        {
            "code": "thanh-lap-va-hoat-dong-cua-ho-kinh-doanh",
            "name": "Thành lập và hoạt động của hộ kinh doanh",
            "procedure_count": 1,
        },
    ]


def test_levels_in_force(client, db, time_machine):
    # after the two-level reform (1/7/2025) there is no district level
    time_machine.move_to(datetime(2026, 1, 15, 9, 0, tzinfo=VN), tick=False)
    assert [level["code"] for level in get(client, f"{API}/levels")] == ["ministry", "province", "commune", "other"]
    time_machine.move_to(datetime(2025, 6, 30, 9, 0, tzinfo=VN), tick=False)
    assert [level["code"] for level in get(client, f"{API}/levels")] == [
        "ministry",
        "province",
        "district",
        "commune",
        "other",
    ]


def test_rate_limited_per_client(client, sample, settings):
    # given
    settings.PROCEDURES_API_RATE_LIMIT = 3
    for url in (f"{API}?q=khai+sinh", f"{API}/1.001193", f"{API}/fields"):
        assert client.get(url).status_code == 200
    # when one more request comes in the same minute
    response = client.get(f"{API}/levels")
    # then
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    # and another client is not affected
    assert Client(REMOTE_ADDR="203.0.113.9").get(f"{API}?q=khai+sinh").status_code == 200


def test_openapi_documents_the_endpoints(client, db):
    paths = get(client, "/api/v1/openapi.json")["paths"]
    assert {"/api/v1/procedures", "/api/v1/procedures/{code}", "/api/v1/procedures/fields"} <= set(paths)
    assert paths["/api/v1/procedures"]["get"].get("security") is None
