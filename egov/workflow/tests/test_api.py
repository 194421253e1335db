"""The public calendar API: no login, exact answers, bilingual 4xx for bad input."""

from datetime import date

import pytest
from django.test import Client

from egov.identity.models import User
from egov.workflow.models import CalendarOverride

pytestmark = pytest.mark.django_db

BASE = "/api/v1/calendar"


@pytest.fixture
def client() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-02-13", 1, "2026-02-23"),
        ("2026-04-24", 1, "2026-04-28"),
        ("2026-08-21", 1, "2026-08-22"),
        ("2026-08-28", 1, "2026-09-03"),
        ("2026-03-06", 1, "2026-03-09"),
        ("2026-03-07", 0, "2026-03-09"),
        ("2026-03-06", 0, "2026-03-06"),
        ("2025-12-31", 1, "2026-01-05"),
    ],
)
def test_add_working_days_examples(client, start, days, expected):
    response = client.get(f"{BASE}/add-working-days", {"start": start, "days": days})
    assert response.status_code == 200
    body = response.json()
    assert (body["date"], body["start"], body["days"]) == (expected, start, days)


def test_add_working_days_lists_every_skipped_day_with_its_reason(client):
    response = client.get(f"{BASE}/add-working-days", {"start": "2026-02-13", "days": 1}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.json() == {
        "date": "2026-02-23",
        "start": "2026-02-13",
        "days": 1,
        "skipped": [
            {"date": "2026-02-14", "kind": "weekly_rest_day", "reason": "Thứ Bảy (ngày nghỉ hằng tuần)"},
            {"date": "2026-02-15", "kind": "weekly_rest_day", "reason": "Chủ nhật (ngày nghỉ hằng tuần)"},
            *[
                {"date": f"2026-02-{day}", "kind": "public_holiday", "reason": "Nghỉ Tết Âm lịch Bính Ngọ 2026"}
                for day in range(16, 21)
            ],
            {"date": "2026-02-21", "kind": "weekly_rest_day", "reason": "Thứ Bảy (ngày nghỉ hằng tuần)"},
            {"date": "2026-02-22", "kind": "weekly_rest_day", "reason": "Chủ nhật (ngày nghỉ hằng tuần)"},
        ],
    }


def test_compensatory_day_reason_is_translated(client):
    response = client.get(f"{BASE}/add-working-days", {"start": "2027-04-30", "days": 1}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert body["date"] == "2027-05-04"
    assert body["skipped"][-1] == {
        "date": "2027-05-03",
        "kind": "compensatory_day_off",
        "reason": "Compensatory day off for International Labour Day (1 May)",
    }
    response = client.get(f"{BASE}/add-working-days", {"start": "2027-04-30", "days": 1}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.json()["skipped"][-1]["reason"] == "Nghỉ bù Ngày Quốc tế lao động (01/5)"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"start": "2026-02-30", "days": 1}, 422, "invalid_input"),
        ({"start": "13/02/2026", "days": 1}, 422, "invalid_input"),
        ({"start": "2026-02-13", "days": "một"}, 422, "invalid_input"),
        ({"start": "2026-02-13"}, 422, "invalid_input"),
        ({"start": "2026-02-13", "days": -1}, 400, "days_negative"),
        ({"start": "2026-02-13", "days": 3651}, 400, "days_too_many"),
        ({"start": "2026-02-13", "days": 10**30}, 400, "days_too_many"),
        ({"start": "2100-12-20", "days": 30}, 400, "date_out_of_range"),
        ({"start": "0001-01-01", "days": 1}, 400, "date_out_of_range"),
        ({"start": "9999-12-31", "days": 1}, 400, "date_out_of_range"),
    ],
)
def test_add_working_days_bad_input_gets_a_bilingual_4xx(client, params, status, code):
    response = client.get(f"{BASE}/add-working-days", params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    assert body["message_en"]


def test_error_message_is_in_vietnamese_and_english(client):
    body = client.get(f"{BASE}/add-working-days", {"start": "2026-02-13", "days": 3651}).json()
    assert body["message"] == "Chỉ được cộng tối đa 3650 ngày làm việc."
    assert body["message_en"] == "At most 3650 working days can be added."


def test_days_lists_a_period_with_reasons_and_office_hours(client):
    response = client.get(f"{BASE}/days", {"from": "2026-08-21", "to": "2026-08-24"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"], body["working_days"]) == ("2026-08-21", "2026-08-24", 3)
    assert [(d["date"], d["weekday"], d["is_working"], d["kind"]) for d in body["days"]] == [
        ("2026-08-21", 5, True, "working_day"),
        ("2026-08-22", 6, True, "make_up_working_day"),
        ("2026-08-23", 7, False, "weekly_rest_day"),
        ("2026-08-24", 1, True, "working_day"),
    ]
    saturday = body["days"][1]
    assert saturday["reason"] == "Làm bù cho ngày nghỉ Thứ Hai 31/8/2026"
    assert saturday["legal_reference"].startswith("TB 9441/TB-BNV ngày 16/10/2025")
    assert saturday["is_override"] is True
    assert saturday["office_hours"] == [{"opens": "07:30", "closes": "11:30"}, {"opens": "13:00", "closes": "17:00"}]
    assert body["days"][2]["office_hours"] == []
    assert body["days"][0]["reason"] == ""


def test_days_shows_computed_holidays_with_their_article(client):
    body = client.get(f"{BASE}/days", {"from": "2026-04-26", "to": "2026-04-27"}, HTTP_ACCEPT_LANGUAGE="vi").json()
    sunday, monday = body["days"]
    assert (sunday["kind"], sunday["reason"]) == ("public_holiday", "Giỗ Tổ Hùng Vương (10/3 âm lịch)")
    assert sunday["legal_reference"] == "BLLĐ 2019 Điều 112 k1 điểm e"
    assert sunday["is_override"] is False
    assert (monday["kind"], monday["is_override"], monday["legal_reference"]) == (
        "compensatory_day_off",
        True,
        "BLLĐ 2019 Điều 111 k3 — suy ra, chưa đọc trong thông báo",
    )


def test_days_accepts_a_whole_year_and_counts_working_days(client):
    body = client.get(f"{BASE}/days", {"from": "2026-01-01", "to": "2026-12-31"}).json()
    assert (len(body["days"]), body["working_days"]) == (365, 250)


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"from": "2026-01-01", "to": "2027-01-02"}, 400, "range_too_long"),
        ({"from": "2026-02-01", "to": "2026-01-31"}, 400, "range_reversed"),
        ({"from": "2026-02-01"}, 422, "invalid_input"),
        ({"from": "2026-02-31", "to": "2026-03-01"}, 422, "invalid_input"),
        ({"from": "2100-12-01", "to": "2101-01-05"}, 400, "date_out_of_range"),
    ],
)
def test_days_bad_input(client, params, status, code):
    response = client.get(f"{BASE}/days", params)
    assert response.status_code == status
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("start", "hours", "expected_end", "expected_counted_from"),
    [
        ("2026-03-06T16:00:00+07:00", "2", "2026-03-09T08:30:00+07:00", "2026-03-06T16:00:00+07:00"),
        ("2026-03-06T16:00:00", "2", "2026-03-09T08:30:00+07:00", "2026-03-06T16:00:00+07:00"),  # naive = Vietnam
        ("2026-03-06T09:00:00Z", "1", "2026-03-06T17:00:00+07:00", "2026-03-06T16:00:00+07:00"),
        ("2026-02-13T16:00:00+07:00", "2", "2026-02-23T08:30:00+07:00", "2026-02-13T16:00:00+07:00"),
        ("2026-03-07T10:00:00+07:00", "1.5", "2026-03-09T09:00:00+07:00", "2026-03-09T07:30:00+07:00"),
        ("2026-08-21T16:00:00+07:00", "2", "2026-08-22T08:30:00+07:00", "2026-08-21T16:00:00+07:00"),
    ],
)
def test_add_working_hours(client, start, hours, expected_end, expected_counted_from):
    response = client.get(f"{BASE}/add-working-hours", {"start": start, "hours": hours})
    assert response.status_code == 200
    body = response.json()
    assert body["end"] == expected_end
    assert body["counted_from"] == expected_counted_from
    assert body["hours"] == float(hours)


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"start": "2026-03-06T16:00:00+07:00", "hours": "-1"}, 400, "hours_negative"),
        ({"start": "2026-03-06T16:00:00+07:00", "hours": "29201"}, 400, "hours_too_many"),
        ({"start": "2026-03-06T16:00:00+07:00", "hours": "NaN"}, 422, "invalid_input"),
        ({"start": "2026-03-06T16:00:00+07:00", "hours": "abc"}, 422, "invalid_input"),
        ({"start": "yesterday", "hours": "1"}, 422, "invalid_input"),
        ({"start": "0001-01-01T00:00:00+14:00", "hours": "1"}, 400, "date_out_of_range"),
        ({"start": "9999-12-31T23:59:59-12:00", "hours": "1"}, 400, "date_out_of_range"),
    ],
)
def test_add_working_hours_bad_input(client, params, status, code):
    response = client.get(f"{BASE}/add-working-hours", params)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_working_time(client):
    response = client.get(f"{BASE}/working-time", {"start": "2026-03-06T16:00:00", "end": "2026-03-09T09:00:00+07:00"})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2026-03-06T16:00:00+07:00",
        "end": "2026-03-09T09:00:00+07:00",
        "seconds": 9000,
        "hours": 2.5,
    }
    response = client.get(f"{BASE}/working-time", {"start": "2026-03-06T16:00:00", "end": "2000-01-01T00:00:00"})
    assert response.status_code == 400


def test_anonymous_and_logged_in_users_get_the_same_answer(client):
    # given a logged-in staff member and an anonymous visitor
    anonymous = client.get(f"{BASE}/add-working-days", {"start": "2026-02-13", "days": 1}).json()
    user = User.objects.create_user(username="canbo", password="x" * 12)
    client.force_login(user)
    logged_in = client.get(f"{BASE}/add-working-days", {"start": "2026-02-13", "days": 1}).json()
    assert anonymous == logged_in


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_calendar_cannot_be_changed_through_the_public_api(client, method):
    # when anyone tries to write through the read-only endpoints
    response = getattr(client, method)(f"{BASE}/add-working-days?start=2026-02-13&days=1")
    # then it is refused and the table is unchanged
    assert response.status_code == 405
    assert CalendarOverride.objects.filter(date=date(2026, 2, 16)).count() == 1


def test_openapi_documents_the_endpoints_as_public(client):
    spec = client.get("/api/v1/openapi.json").json()
    for path in ("add-working-days", "days", "add-working-hours", "working-time"):
        operation = spec["paths"][f"{BASE}/{path}"]["get"]
        assert "security" not in operation or operation["security"] in ([], [{}])
