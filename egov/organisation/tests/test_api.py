"""API wiring, validation and output shapes. The cross-agency matrix is tests/test_permission_matrix.py."""

import pytest
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyLegacyCode, Department, StaffMember
from egov.organisation.tests.factories import make_agency, make_department, make_position, make_staff

API = "/api/v1/organisation"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_agency_list_is_paginated_and_scoped(org, pc_leader):
    # given 3 more departments under the PC (8 agencies in all)
    for _ in range(3):
        make_agency(parent=org.pc, administrative_unit=org.province)
    # when
    page1 = client_for(pc_leader).get(f"{API}/agencies", {"page_size": 5})
    page2 = client_for(pc_leader).get(f"{API}/agencies", {"page_size": 5, "page": 2})
    # then
    assert page1.status_code == 200
    assert page1.json()["count"] == 8
    assert [item["code"] for item in page1.json()["items"]][:3] == ["H44", "H44.02", "H44.02.01"]
    assert len(page2.json()["items"]) == 3


def test_agency_search_ignores_accents_and_case(org, province_admin):
    response = client_for(province_admin).get(f"{API}/agencies", {"q": "so TU phap"})
    assert [item["code"] for item in response.json()["items"]] == ["H44.02"]
    response = client_for(province_admin).get(f"{API}/agencies", {"q": "h44.04"})
    assert [item["code"] for item in response.json()["items"]] == ["H44.04"]
    response = client_for(province_admin).get(f"{API}/agencies", {"kind": "commune_pc"})
    assert [item["code"] for item in response.json()["items"]] == ["H44.101"]


def test_agency_detail_shape(org, admin_a):
    AgencyLegacyCode.objects.create(agency=org.dept_a, code="000.00.02.H44")
    body = client_for(admin_a).get(f"{API}/agencies/{org.dept_a.pk}").json()
    assert body["code"] == "H44.02"
    assert body["parent"] == {"id": org.pc.pk, "code": "H44", "name": "Ủy ban nhân dân tỉnh"}
    assert body["administrative_unit"] == {"id": org.province.pk, "code": "44", "name": "Tỉnh Quảng Trị"}
    assert [(c["code"], c["scheme"]) for c in body["legacy_codes"]] == [("000.00.02.H44", "qcvn102")]


def test_create_agency(org, province_admin):
    payload = {
        "code": "H44.07",
        "name": "Sở Y tế",
        "kind": "provincial_dept",
        "administrative_unit_id": org.province.pk,
        "parent_id": org.pc.pk,
        "legacy_codes": [{"code": "000.00.07.H44"}],
    }
    response = client_for(province_admin).post(f"{API}/agencies", payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["legacy_codes"][0]["code"] == "000.00.07.H44"
    assert Agency.objects.get(code="H44.07").parent_id == org.pc.pk


def test_bad_agency_code_is_a_bilingual_400(org, province_admin):
    payload = {"code": "SYT", "name": "Sở Y tế", "kind": "provincial_dept", "administrative_unit_id": org.province.pk}
    response = client_for(province_admin).post(f"{API}/agencies", payload, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_agency_code"
    assert body["message_en"].startswith("The agency code must follow QĐ 20/2020/QĐ-TTg")
    assert body["message"].startswith("Mã định danh cơ quan phải theo Quyết định 20/2020/QĐ-TTg")
    assert body["fields"] == {"code": "SYT"}


def test_schema_violation_is_422(org, province_admin):
    payload = {"code": "H44.07", "name": "", "kind": "castle", "administrative_unit_id": "x"}
    response = client_for(province_admin).post(f"{API}/agencies", payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"
    assert not Agency.objects.filter(code="H44.07").exists()


def test_patch_changes_only_sent_fields(org, admin_a):
    response = client_for(admin_a).patch(
        f"{API}/agencies/{org.dept_a.pk}", {"phone": "02323822102"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["name"]) == ("02323822102", "Sở Tư pháp")


def test_patch_null_for_required_field_is_400(org, admin_a):
    response = client_for(admin_a).patch(
        f"{API}/agencies/{org.dept_a.pk}", {"name": None}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (400, "field_required")


def test_deactivate_agency_and_legacy_codes(org, province_admin):
    client = client_for(province_admin)
    added = client.post(
        f"{API}/agencies/{org.sub_a.pk}/legacy-codes", {"code": "000.01.02.H44"}, content_type="application/json"
    )
    assert added.status_code == 201
    code_id = added.json()["legacy_codes"][0]["id"]
    assert client.delete(f"{API}/agencies/{org.sub_a.pk}/legacy-codes/{code_id}").json()["legacy_codes"] == []
    response = client.post(
        f"{API}/agencies/{org.sub_a.pk}/deactivate", {"reason": "Giải thể"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["is_active"]) == (200, False)
    assert client.post(f"{API}/agencies/{org.sub_a.pk}/reactivate").json()["is_active"] is True


def test_departments_endpoints(org, admin_a):
    client = client_for(admin_a)
    created = client.post(
        f"{API}/agencies/{org.dept_a.pk}/departments",
        {"code": "VP", "name": "Văn phòng Sở"},
        content_type="application/json",
    )
    assert created.status_code == 201
    department_id = created.json()["id"]
    listed = client.get(f"{API}/agencies/{org.dept_a.pk}/departments").json()
    assert [d["code"] for d in listed["items"]] == ["VP"]
    assert client.get(f"{API}/departments").json()["count"] == 1
    patched = client.patch(f"{API}/departments/{department_id}", {"name": "Văn phòng"}, content_type="application/json")
    assert patched.json()["name"] == "Văn phòng"
    assert client.post(f"{API}/departments/{department_id}/deactivate").json()["is_active"] is False
    assert client.post(f"{API}/departments/{department_id}/reactivate").json()["is_active"] is True


def test_positions_endpoints(org, province_admin, specialist_a):
    created = client_for(province_admin).post(
        f"{API}/positions", {"code": "GIAM_DOC", "name": "Giám đốc", "rank": 10}, content_type="application/json"
    )
    assert created.status_code == 201
    assert [p["code"] for p in client_for(specialist_a).get(f"{API}/positions").json()["items"]] == ["GIAM_DOC"]
    refused = client_for(specialist_a).patch(
        f"{API}/positions/{created.json()['id']}", {"name": "X"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_staff_create_and_role_change(org, province_admin):
    department = make_department(agency=org.dept_a)
    position = make_position()
    client = client_for(province_admin)
    payload = {
        "agency_id": org.dept_a.pk,
        "username": "stp_lethimai",
        "full_name": "Lê Thị Mai",
        "department_id": department.pk,
        "position_id": position.pk,
        "roles": ["specialist"],
    }
    created = client.post(f"{API}/staff", payload, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert (body["user"]["username"], body["roles"], body["department"]["id"]) == (
        "stp_lethimai",
        ["specialist"],
        department.pk,
    )
    staff_id = body["id"]
    roles = client.post(
        f"{API}/staff/{staff_id}/roles", {"add": ["clerk"], "remove": ["specialist"]}, content_type="application/json"
    )
    assert roles.json() == {"staff_id": staff_id, "roles": ["clerk"]}
    moved = client.post(f"{API}/staff/{staff_id}/move", {"department_id": None}, content_type="application/json")
    assert moved.json()["department"] is None
    updated = client.patch(f"{API}/staff/{staff_id}", {"phone": "0912345678"}, content_type="application/json")
    assert updated.json()["user"]["phone"] == "0912345678"
    deactivated = client.post(f"{API}/staff/{staff_id}/deactivate")
    assert (deactivated.json()["is_active"], deactivated.json()["user"]["is_active"]) == (False, False)
    assert client.post(f"{API}/staff/{staff_id}/reactivate").json()["is_active"] is True


def test_staff_list_filters_and_search(org, pc_leader, admin_a, specialist_a):
    make_staff(org.dept_b, Role.CLERK, username="sxd_nguyenvanan", full_name="Nguyễn Văn An")
    client = client_for(pc_leader)
    assert client.get(f"{API}/staff", {"q": "nguyen van an"}).json()["count"] == 1
    assert client.get(f"{API}/staff", {"role": "specialist"}).json()["items"][0]["user"]["username"] == "stp_chuyenvien"
    assert client.get(f"{API}/staff", {"agency_id": org.dept_a.pk}).json()["count"] == 2


def test_escalation_through_api_is_403_and_changes_nothing(org, admin_a, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    response = client_for(admin_a).post(
        f"{API}/staff/{staff.pk}/roles", {"add": ["province_admin"]}, content_type="application/json"
    )
    assert (response.status_code, response.json()["code"]) == (403, "role_not_grantable")
    assert list(staff.role_assignments.values_list("role", flat=True)) == ["specialist"]


def test_additional_post(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    response = client_for(province_admin).post(
        f"{API}/staff/{staff.pk}/additional-posts",
        {"agency_id": org.dept_b.pk, "roles": ["leader"]},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (response.json()["agency"]["id"], response.json()["user"]["id"]) == (org.dept_b.pk, specialist_a.pk)


@pytest.mark.parametrize("path", ["/agencies", "/staff", "/positions", "/departments"])
def test_anonymous_is_401(org, path):
    response = Client().get(f"{API}{path}")
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


def test_writes_are_audited_with_the_api_user(org, admin_a):
    client_for(admin_a).post(
        f"{API}/agencies/{org.dept_a.pk}/departments",
        {"code": "VP", "name": "Văn phòng Sở"},
        content_type="application/json",
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor_id, entry.action, entry.agency_id) == (
        admin_a.pk,
        "organisation.department_create",
        org.dept_a.pk,
    )
    assert Department.objects.get().agency_id == org.dept_a.pk


def test_patch_with_unchanged_structure_fields_is_allowed_for_agency_admin(org, admin_a):
    # a client sending the whole object back: code and parent unchanged, phone changed
    payload = {"code": "H44.02", "parent_id": org.pc.pk, "phone": "02323822102"}
    response = client_for(admin_a).patch(f"{API}/agencies/{org.dept_a.pk}", payload, content_type="application/json")
    assert (response.status_code, response.json()["phone"]) == (200, "02323822102")


def test_openapi_lists_organisation_endpoints(db):
    paths = set(Client().get("/api/v1/openapi.json").json()["paths"])
    assert {
        "/api/v1/organisation/agencies",
        "/api/v1/organisation/agencies/{agency_id}",
        "/api/v1/organisation/staff/{staff_id}/roles",
        "/api/v1/organisation/positions",
    } <= paths
