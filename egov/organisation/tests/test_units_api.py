"""``/api/v1/admin-units``: public reads over the full shipped data (loaded once for this module)."""

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from ninja.testing import TestClient

from config.api import api
from egov.organisation.services.units import LoadResult, admin_units_load

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="module")
def loaded_units(django_db_setup, django_db_blocker) -> Iterator[LoadResult]:
    """Load the full file once, inside a transaction rolled back after the module: every test runs in
    a savepoint within it, and no other module ever sees these rows."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            result = admin_units_load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield result
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def client(loaded_units, db, time_machine) -> TestClient:
    time_machine.move_to(datetime(2026, 1, 15, 9, 0, tzinfo=VN), tick=False)
    return TestClient(api)


def get(client: TestClient, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def test_current_provinces_anonymously(client):
    body = get(client, "/admin-units/provinces?limit=500")
    assert body["count"] == 34
    assert [p["code"] for p in body["items"]][:3] == ["01", "04", "08"]
    assert body["items"][0] == {
        "code": "01",
        "name": "Thành phố Hà Nội",
        "short_name": "Hà Nội",
        "unit_type": "Thành phố",
        "level": "province",
        "parent_code": None,
        "valid_from": "2025-07-01",
        "valid_to": None,
    }


def test_provinces_on_a_day_before_the_reform(client):
    body = get(client, "/admin-units/provinces?at=2025-06-30&limit=2&offset=28")
    assert body["count"] == 63
    assert [(p["code"], p["name"], p["valid_to"]) for p in body["items"]] == [
        ("44", "Tỉnh Quảng Bình", "2025-06-30"),
        ("45", "Tỉnh Quảng Trị", "2025-06-30"),
    ]


@pytest.mark.parametrize("limit", [0, 501])
def test_page_size_is_limited_to_500(client, limit):
    body = get(client, f"/admin-units/provinces?limit={limit}", status=422)
    assert body["code"] == "invalid_input"


def test_communes_of_a_province_are_paginated(client):
    first = get(client, "/admin-units/provinces/44/communes?limit=100")
    second = get(client, "/admin-units/provinces/44/communes?limit=100&offset=100")
    assert first["count"] == second["count"] == 78
    assert (len(first["items"]), len(second["items"])) == (78, 0)
    assert {c["parent_code"] for c in first["items"]} == {"44"}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("dong hoi", [("18880", "Phường Đồng Hới")]),
        ("ĐỒNG HỚI", [("18880", "Phường Đồng Hới")]),
        ("Phuong Dong Hoi", [("18880", "Phường Đồng Hới")]),
        ("quang tri", [("19360", "Phường Quảng Trị")]),
        ("zzz", []),
    ],
)
def test_commune_search_ignores_accents_case_and_d_stroke(client, q, expected):
    body = get(client, f"/admin-units/provinces/44/communes?q={q}")
    assert [(c["code"], c["name"]) for c in body["items"]] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=quang tri", [("44", "Tỉnh Quảng Trị")]),
        ("q=QUẢNG TRỊ", [("44", "Tỉnh Quảng Trị")]),
        ("q=da nang", [("48", "Thành phố Đà Nẵng")]),
        ("q=quang tri&at=2025-06-30", [("45", "Tỉnh Quảng Trị")]),
        (
            "q=thanh pho",
            [
                ("01", "Thành phố Hà Nội"),
                ("31", "Thành phố Hải Phòng"),
                ("46", "Thành phố Huế"),
                ("48", "Thành phố Đà Nẵng"),
                ("79", "Thành phố Hồ Chí Minh"),
                ("92", "Thành phố Cần Thơ"),
            ],
        ),
    ],
)
def test_province_search_ignores_accents_and_d_stroke(client, query, expected):
    body = get(client, f"/admin-units/provinces?{query}")
    assert [(p["code"], p["name"]) for p in body["items"]] == expected


def test_old_communes_of_an_old_province(client):
    body = get(client, "/admin-units/provinces/44/communes?at=2025-06-30&q=hai thanh")
    assert [(c["code"], c["name"], c["parent_code"]) for c in body["items"]] == [("18853", "Phường Hải Thành", "450")]


def test_unknown_province_is_a_bilingual_404(client):
    body = get(client, "/admin-units/provinces/45/communes", status=404)
    assert body["code"] == "admin_unit_not_found"
    assert body["message_en"] == "Administrative unit not found."
    assert set(body) == {"code", "message", "message_en"}


def test_unit_detail_of_an_old_ward_shows_its_new_commune(client):
    body = get(client, "/admin-units/18853?level=commune")
    assert (body["name"], body["valid_to"], body["parent"]["name"], body["province"]["name"]) == (
        "Phường Hải Thành",
        "2025-06-30",
        "Thành phố Đồng Hới",
        "Tỉnh Quảng Bình",
    )
    assert [
        (s["code"], s["name"], s["parent_name"], s["is_partial"], s["effective_date"]) for s in body["successors"]
    ] == [("18880", "Phường Đồng Hới", "Tỉnh Quảng Trị", False, "2025-07-01")]


def test_unit_detail_of_a_new_commune_lists_its_predecessors(client):
    body = get(client, "/admin-units/18880")
    assert (body["name"], body["valid_from"], body["parent_code"]) == ("Phường Đồng Hới", "2025-07-01", "44")
    assert body["successors"] == []
    assert [p["name"] for p in body["predecessors"]] == [
        "Phường Hải Thành",
        "Phường Đồng Phú",
        "Phường Nam Lý",
        "Phường Đồng Hải",
        "Phường Phú Hải",
        "Phường Đức Ninh Đông",
        "Xã Bảo Ninh",
        "Xã Đức Ninh",
    ]


def test_same_code_different_periods(client):
    assert get(client, "/admin-units/44")["name"] == "Tỉnh Quảng Trị"
    old = get(client, "/admin-units/44?at=2025-06-30")
    assert (old["name"], [s["name"] for s in old["successors"]]) == ("Tỉnh Quảng Bình", ["Tỉnh Quảng Trị"])


def test_split_ward_lists_every_new_ward_as_partial(client):
    body = get(client, "/admin-units/00634?at=2025-06-30")
    assert body["name"] == "Phường Đại Mỗ"
    assert [(s["code"], s["is_partial"]) for s in body["successors"]] == [
        ("00622", True),
        ("00634", True),
        ("00637", True),
        ("09556", True),
        ("09886", True),
    ]


@pytest.mark.parametrize(
    "url",
    ["/admin-units/99999", "/admin-units/18853?level=province", "/admin-units/abc", "/admin-units/450?at=2025-07-01"],
)
def test_unknown_unit_is_a_bilingual_404(client, url):
    body = get(client, url, status=404)
    assert (body["code"], body["message_en"]) == ("admin_unit_not_found", "Administrative unit not found.")


def test_invalid_level_is_rejected(client):
    assert get(client, "/admin-units/44?level=hamlet", status=422)["code"] == "invalid_input"


def test_legacy_lookup_old_address_without_accents(client):
    body = get(client, "/admin-units/legacy-lookup?province=quang binh&district=tp dong hoi&ward=phuong hai thanh")
    assert body["count"] == 1
    match = body["items"][0]
    assert (match["unit"]["code"], match["district"]["name"], match["province"]["name"]) == (
        "18853",
        "Thành phố Đồng Hới",
        "Tỉnh Quảng Bình",
    )
    assert [(s["code"], s["name"], s["parent_code"], s["is_partial"]) for s in match["successors"]] == [
        ("18880", "Phường Đồng Hới", "44", False)
    ]


def test_legacy_lookup_with_d_stroke_folded(client):
    body = get(client, "/admin-units/legacy-lookup?province=Ha Noi&district=nam tu liem&ward=dai mo")
    assert [s["name"] for s in body["items"][0]["successors"]] == [
        "Phường Xuân Phương",
        "Phường Tây Mỗ",
        "Phường Đại Mỗ",
        "Phường Hà Đông",
        "Phường Dương Nội",
    ]
    assert {s["is_partial"] for s in body["items"][0]["successors"]} == {True}


def test_legacy_lookup_of_an_island_district(client):
    body = get(client, "/admin-units/legacy-lookup?province=Bà Rịa - Vũng Tàu&district=Côn Đảo")
    assert [(s["name"], s["parent_name"], s["is_partial"]) for s in body["items"][0]["successors"]] == [
        ("Đặc khu Côn Đảo", "Thành phố Hồ Chí Minh", False)
    ]


def test_legacy_lookup_same_ward_name_in_several_districts(client):
    body = get(client, "/admin-units/legacy-lookup?province=Lạng Sơn&ward=Tân Thành")
    assert [(m["unit"]["code"], m["district"]["name"]) for m in body["items"]] == [
        ("06250", "Huyện Cao Lộc"),
        ("06379", "Huyện Bắc Sơn"),
        ("06442", "Huyện Hữu Lũng"),
    ]


def test_legacy_lookup_without_accents_finds_every_spelling(client):
    body = get(client, "/admin-units/legacy-lookup?province=lang son&ward=tan thanh")
    assert [(m["unit"]["code"], m["unit"]["name"]) for m in body["items"]] == [
        ("06166", "Xã Tân Thanh"),
        ("06250", "Xã Tân Thành"),
        ("06379", "Xã Tân Thành"),
        ("06442", "Xã Tân Thành"),
    ]


def test_legacy_lookup_ignores_apostrophe_style(client):
    body = get(client, "/admin-units/legacy-lookup?province=Đắk Lắk&district=Ea H\u2019Leo&ward=xa ea hleo")
    assert [(m["unit"]["code"], m["district"]["name"]) for m in body["items"]] == [("24184", "Huyện Ea H'leo")]
    assert [s["name"] for s in body["items"][0]["successors"]] == ["Xã Ea H'Leo"]


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("province=Atlantis", 404, "admin_unit_not_found"),
        ("province=Quảng Bình&ward=Trúc Bạch", 404, "admin_unit_not_found"),
        ("province=-", 400, "admin_unit_province_required"),
        ("ward=Hải Thành", 422, "invalid_input"),
    ],
)
def test_legacy_lookup_errors(client, query, status, code):
    assert get(client, f"/admin-units/legacy-lookup?{query}", status=status)["code"] == code
