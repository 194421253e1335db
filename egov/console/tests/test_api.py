"""/api/v1/audit: entries and chain verification, with the break-in attempts."""

import pytest
from django.test import Client

from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency

from .conftest import MakeOfficer

ENTRIES = "/api/v1/audit/entries"
VERIFY = "/api/v1/audit/verify"

DENIED = {
    "code": "permission_denied",
    "message": "Chỉ kiểm toán viên và quản trị viên cấp tỉnh được xem nhật ký kiểm toán.",
    "message_en": "Only auditors and province administrators may read the audit log.",
}


def _record(n: int, **kwargs: object) -> None:
    for i in range(n):
        audit_record(**{"actor": None, "action": "core.test", "object_type": "core.thing", "object_id": i, **kwargs})  # type: ignore[arg-type]


@pytest.mark.parametrize("url", [ENTRIES, VERIFY, f"{ENTRIES}/1"])
def test_anonymous_gets_401(client: Client, db: None, url: str) -> None:
    # given
    _record(1)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("url", [ENTRIES, VERIFY, f"{ENTRIES}/1"])
def test_citizen_gets_bilingual_403(client: Client, citizen: User, url: str) -> None:
    # given
    _record(1)
    client.force_login(citizen)
    # when
    response = client.get(url)
    # then
    assert response.status_code == 403
    assert response.json() == DENIED


@pytest.mark.parametrize("role", [Role.DESK_OFFICER, Role.LEADER, Role.AGENCY_ADMIN])
@pytest.mark.parametrize("url", [ENTRIES, VERIFY, f"{ENTRIES}/1"])
def test_officer_without_audit_role_gets_403(client: Client, make_officer: MakeOfficer, role: Role, url: str) -> None:
    # given
    _record(1)
    client.force_login(make_officer("nosy", roles=[role]))
    # when
    response = client.get(url)
    # then
    assert response.status_code == 403
    assert response.json() == DENIED


def test_entries_are_newest_first_with_limit_and_offset(client: Client, auditor: User) -> None:
    # given
    _record(5)
    client.force_login(auditor)
    # when
    body = client.get(ENTRIES, {"limit": 2, "offset": 1}).json()
    # then
    assert (body["count"], body["limit"], body["offset"]) == (5, 2, 1)
    assert [item["seq"] for item in body["items"]] == [4, 3]


def test_entry_fields(client: Client, auditor: User, justice_department: Agency) -> None:
    # given
    entry = audit_record(
        actor=auditor,
        action="organisation.agency_update",
        obj=justice_department,
        agency_id=justice_department.pk,
        changes={"phone": ["", "0233 3 852 000"]},
    )
    client.force_login(auditor)
    # when
    item = client.get(f"{ENTRIES}/{entry.seq}").json()
    # then
    assert item == {
        "seq": 1,
        "occurred_at": item["occurred_at"],
        "actor_id": auditor.pk,
        "actor_label": "Lê Thị Kiểm (auditor1)",
        "action": "organisation.agency_update",
        "object_type": "organisation.agency",
        "object_id": str(justice_department.pk),
        "object_repr": "Sở Tư pháp tỉnh Quảng Trị",
        "agency_id": justice_department.pk,
        "changes": {"phone": ["", "0233 3 852 000"]},
        "change_digest": entry.change_digest,
        "prev_hash": "0" * 64,
        "hash": entry.hash,
    }


def test_entries_filters(client: Client, auditor: User, justice_department: Agency) -> None:
    # given
    _record(2, action="organisation.agency_create", agency_id=justice_department.pk)
    _record(1, action="identity.login", object_type="identity.user")
    client.force_login(auditor)
    # when
    by_action = client.get(ENTRIES, {"action": "identity.login"}).json()
    by_agency = client.get(ENTRIES, {"agency_id": justice_department.pk}).json()
    by_actor = client.get(ENTRIES, {"actor": "system"}).json()
    # then
    assert [i["seq"] for i in by_action["items"]] == [3]
    assert [i["seq"] for i in by_agency["items"]] == [2, 1]
    assert by_actor["count"] == 3


def test_inverted_date_range_is_a_bilingual_400(client: Client, auditor: User) -> None:
    # given
    client.force_login(auditor)
    # when
    response = client.get(ENTRIES, {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_date_range"
    assert body["message_en"] == "The end date must not be before the start date."
    assert body["message"] == "Ngày kết thúc không được trước ngày bắt đầu."


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"date_from": "05/03/2026"}])
def test_bad_paging_or_dates_are_422(client: Client, auditor: User, params: dict[str, str | int]) -> None:
    # given
    client.force_login(auditor)
    # when
    response = client.get(ENTRIES, params)
    # then
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_missing_entry_is_a_bilingual_404(client: Client, auditor: User) -> None:
    # given
    client.force_login(auditor)
    # when
    response = client.get(f"{ENTRIES}/999")
    # then
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Không tìm thấy mục nhật ký kiểm toán.",
        "message_en": "Audit entry not found.",
    }


def test_verify_intact_and_tampered(client: Client, make_officer: MakeOfficer) -> None:
    # given
    _record(3)
    client.force_login(make_officer("padmin", roles=[Role.PROVINCE_ADMIN]))
    # when
    intact = client.get(VERIFY).json()
    AuditEntry.objects.filter(seq=3).delete()
    broken = client.get(VERIFY).json()
    # then
    assert (intact["is_intact"], intact["entries_checked"], intact["problems"]) == (True, 3, [])
    assert (broken["is_intact"], broken["entries_checked"]) == (False, 2)
    assert broken["problems"] == [{"seq": 3, "problem": "chain head says 3; newest entries deleted"}]


def test_audit_api_writes_nothing(client: Client, auditor: User) -> None:
    # given
    _record(2)
    client.force_login(auditor)
    # when
    client.get(ENTRIES)
    client.get(VERIFY)
    # then reading the log is not itself a change
    assert AuditEntry.objects.count() == 2


def test_openapi_documents_the_audit_endpoints_and_filters(client: Client, db: None) -> None:
    # when
    spec = client.get("/api/v1/openapi.json").json()
    # then
    assert {"/api/v1/audit/entries", "/api/v1/audit/entries/{seq}", "/api/v1/audit/verify"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/v1/audit/entries"]["get"]["parameters"]}
    assert params == {
        "action",
        "object_type",
        "object_id",
        "actor",
        "date_from",
        "date_to",
        "agency_id",
        "limit",
        "offset",
    }
