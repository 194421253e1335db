"""Permission matrix of the organisation directory, through the REST API and the Django admin.

World: a provincial People's Committee (PC) with two departments, A and B. Every actor tries to read
and change B's objects (the agency, a department, a staff member). Staff of A must not even learn
that B's objects exist (404 / admin "does not exist"); the PC's leader and the auditor may read
but not change (403); the province administrator and B's own administrator may change; anonymous
callers get 401 (API) or the login page (admin); a citizen gets 403 on lists and 404 on objects.
Every refused change must leave the database exactly as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyKind, Department, StaffMember, StaffRoleAssignment
from egov.organisation.tests.factories import (
    make_agency,
    make_citizen,
    make_department,
    make_province,
    make_staff,
)

API = "/api/v1/organisation"


@dataclass
class World:
    pc: Agency
    agency_a: Agency
    agency_b: Agency
    department_b: Department
    other_department_b: Department
    staff_b: StaffMember
    actors: dict[str, User | None]


@pytest.fixture
def world(db: None) -> World:
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    pc = make_agency(
        code="H44", name="UBND tỉnh", kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE, administrative_unit=province
    )
    agency_a = make_agency(code="H44.02", name="Sở Tư pháp", parent=pc, administrative_unit=province)
    agency_b = make_agency(code="H44.04", name="Sở Xây dựng", parent=pc, administrative_unit=province)
    department_b = make_department(agency=agency_b, code="VP", name="Văn phòng Sở")
    other_department_b = make_department(agency=agency_b, code="QLXD", name="Phòng Quản lý xây dựng")
    specialist_b = make_staff(agency_b, Role.SPECIALIST, username="sxd_chuyenvien", full_name="Phan Văn Thành")
    staff_b = StaffMember.objects.get(user=specialist_b)
    StaffMember.objects.filter(pk=staff_b.pk).update(department=department_b)
    staff_b.refresh_from_db()
    # Every staff actor may open the admin (is_staff), so the admin's own scoping is what is tested.
    actors: dict[str, User | None] = {
        "anonymous": None,
        "citizen": make_citizen(),
        "specialist_a": make_staff(agency_a, Role.SPECIALIST, Role.DESK_OFFICER, username="stp_cv", is_staff=True),
        "leader_a": make_staff(agency_a, Role.LEADER, username="stp_gd", is_staff=True),
        "admin_a": make_staff(
            agency_a, Role.AGENCY_ADMIN, Role.SPECIALIST, Role.CLERK, username="stp_qt", is_staff=True
        ),
        "pc_leader": make_staff(pc, Role.LEADER, username="ubndt_ct", is_staff=True),
        "auditor": make_staff(pc, Role.AUDITOR, username="ubndt_ks", is_staff=True),
        "admin_b": make_staff(agency_b, Role.AGENCY_ADMIN, Role.SPECIALIST, username="sxd_qt", is_staff=True),
        "province_admin": make_staff(pc, Role.PROVINCE_ADMIN, username="skhcn_qt", is_staff=True),
    }
    return World(pc, agency_a, agency_b, department_b, other_department_b, staff_b, actors)


def client_for(world: World, actor: str) -> Client:
    client = Client()
    user = world.actors[actor]
    if user is not None:
        client.force_login(user)
    return client


def snapshot(world: World) -> dict[str, Any]:
    """Everything a refused change could have touched."""
    return {
        "agencies": list(Agency.objects.order_by("pk").values()),
        "departments": list(Department.objects.order_by("pk").values()),
        "staff": list(StaffMember.objects.order_by("pk").values()),
        "roles": list(StaffRoleAssignment.objects.order_by("pk").values_list("staff_member_id", "role")),
        "users": list(
            User.objects.order_by("pk").values("pk", "username", "full_name", "email", "phone", "is_active", "is_staff")
        ),
        "audit": AuditEntry.objects.count(),
    }


# --- API: reading B's objects --------------------------------------------------------------------

READ_VISIBLE = {"admin_b": 200, "pc_leader": 200, "auditor": 200, "province_admin": 200}
READ_EXPECTED = {"anonymous": 401, "citizen": 404, "specialist_a": 404, "leader_a": 404, "admin_a": 404} | READ_VISIBLE

READ_PATHS: dict[str, Callable[[World], str]] = {
    "agency": lambda w: f"/agencies/{w.agency_b.pk}",
    "agency_departments": lambda w: f"/agencies/{w.agency_b.pk}/departments",
    "department": lambda w: f"/departments/{w.department_b.pk}",
    "staff": lambda w: f"/staff/{w.staff_b.pk}",
}


@pytest.mark.parametrize("actor", READ_EXPECTED)
@pytest.mark.parametrize("target", READ_PATHS)
def test_api_read_of_other_agency_objects(world, actor, target):
    response = client_for(world, actor).get(API + READ_PATHS[target](world))
    assert response.status_code == READ_EXPECTED[actor]
    if response.status_code == 404:
        assert response.json()["code"] == "not_found"


LIST_PATHS: dict[str, Callable[[World], set[Any]]] = {
    "/agencies": lambda w: {w.agency_b.code},
    "/departments": lambda w: {w.department_b.pk, w.other_department_b.pk},
    "/staff": lambda w: {w.staff_b.pk},
}


def _list_keys(path: str, body: dict[str, Any]) -> set[Any]:
    return {item["code"] if path == "/agencies" else item["id"] for item in body["items"]}


@pytest.mark.parametrize("actor", READ_EXPECTED)
@pytest.mark.parametrize("path", LIST_PATHS)
def test_api_lists_include_other_agency_only_for_overseers(world, actor, path):
    response = client_for(world, actor).get(API + path, {"page_size": 200})
    expected_status = {"anonymous": 401, "citizen": 403}.get(actor, 200)
    assert response.status_code == expected_status
    if expected_status == 200:
        of_b = LIST_PATHS[path](world)
        assert (of_b <= _list_keys(path, response.json())) is (actor in READ_VISIBLE)
        assert bool(of_b & _list_keys(path, response.json())) is (actor in READ_VISIBLE)


# --- API: changing B's objects -------------------------------------------------------------------

CHANGES: dict[str, Callable[[World], tuple[str, str, dict[str, Any] | None]]] = {
    "agency_update": lambda w: ("patch", f"/agencies/{w.agency_b.pk}", {"phone": "0912345678"}),
    "agency_structure": lambda w: ("patch", f"/agencies/{w.agency_b.pk}", {"parent_id": w.agency_a.pk}),
    "agency_deactivate": lambda w: ("post", f"/agencies/{w.agency_b.pk}/deactivate", {"reason": "x"}),
    "legacy_code_add": lambda w: ("post", f"/agencies/{w.agency_b.pk}/legacy-codes", {"code": "000.00.04.H44"}),
    "department_create": lambda w: ("post", f"/agencies/{w.agency_b.pk}/departments", {"code": "X", "name": "X"}),
    "department_update": lambda w: ("patch", f"/departments/{w.department_b.pk}", {"name": "Đổi tên"}),
    "department_deactivate": lambda w: ("post", f"/departments/{w.other_department_b.pk}/deactivate", None),
    "staff_create": lambda w: (
        "post",
        "/staff",
        {"agency_id": w.agency_b.pk, "username": "sxd_moi", "full_name": "Người Mới", "roles": ["specialist"]},
    ),
    "staff_update": lambda w: ("patch", f"/staff/{w.staff_b.pk}", {"email": "attacker@example.com"}),
    "staff_move": lambda w: ("post", f"/staff/{w.staff_b.pk}/move", {"department_id": w.other_department_b.pk}),
    "staff_roles": lambda w: ("post", f"/staff/{w.staff_b.pk}/roles", {"add": ["agency_admin"], "remove": []}),
    "staff_roles_escalate": lambda w: ("post", f"/staff/{w.staff_b.pk}/roles", {"add": ["province_admin"]}),
    "staff_deactivate": lambda w: ("post", f"/staff/{w.staff_b.pk}/deactivate", None),
    "additional_post_into_b": lambda w: (
        "post",
        f"/staff/{w.staff_b.pk}/additional-posts",
        {"agency_id": w.agency_b.pk, "roles": []},
    ),
}
HIDDEN = {"anonymous": 401, "citizen": 404, "specialist_a": 404, "leader_a": 404, "admin_a": 404}
READ_ONLY = {"pc_leader": 403, "auditor": 403}
# What B's own administrator may do: everything in B except the province's structural decisions,
# escalation, and roles or posts they do not hold (they hold agency_admin and specialist).
ADMIN_B = {
    "agency_update": 200,
    "agency_structure": 403,
    "agency_deactivate": 403,
    "legacy_code_add": 403,
    "department_create": 201,
    "department_update": 200,
    "department_deactivate": 200,
    "staff_create": 201,
    "staff_update": 200,
    "staff_move": 200,
    "staff_roles": 200,
    "staff_roles_escalate": 403,
    "staff_deactivate": 200,
    "additional_post_into_b": 409,  # already has a post in B
}
PROVINCE_ADMIN = ADMIN_B | {
    "agency_structure": 200,
    "agency_deactivate": 200,
    "legacy_code_add": 201,
    "staff_roles_escalate": 200,
}


def expected_change_status(actor: str, change: str) -> int:
    if actor in HIDDEN:
        return HIDDEN[actor]
    if actor in READ_ONLY:
        return READ_ONLY[actor]
    return (ADMIN_B if actor == "admin_b" else PROVINCE_ADMIN)[change]


@pytest.mark.parametrize("actor", [*HIDDEN, *READ_ONLY, "admin_b", "province_admin"])
@pytest.mark.parametrize("change", CHANGES)
def test_api_change_of_other_agency_objects(world, actor, change):
    # given
    method, path, payload = CHANGES[change](world)
    before = snapshot(world)
    # when
    client = client_for(world, actor)
    response = getattr(client, method)(API + path, payload or {}, content_type="application/json")
    # then
    expected = expected_change_status(actor, change)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) >= {"code", "message", "message_en"}
        assert snapshot(world) == before
    else:
        assert AuditEntry.objects.filter(actor=world.actors[actor]).count() >= 1


# --- Django admin --------------------------------------------------------------------------------

ADMIN_OBJECTS: dict[str, Callable[[World], str]] = {
    "agency": lambda w: f"/admin/organisation/agency/{w.agency_b.pk}/change/",
    "department": lambda w: f"/admin/organisation/department/{w.department_b.pk}/change/",
    "staff": lambda w: f"/admin/organisation/staffmember/{w.staff_b.pk}/change/",
}


def admin_post_data(world: World, target: str) -> dict[str, Any]:
    if target == "agency":
        b = world.agency_b
        return {
            "code": b.code,
            "name": "Sở Xây dựng (đổi tên)",
            "short_name": "",
            "kind": b.kind,
            "parent": b.parent_id,
            "administrative_unit": b.administrative_unit_id,
            "email": "",
            "phone": "",
            "address": "",
            "valid_from": "",
            "valid_to": "",
            "is_active": "on",
            "legacy_codes-TOTAL_FORMS": "0",
            "legacy_codes-INITIAL_FORMS": "0",
            "legacy_codes-MIN_NUM_FORMS": "0",
            "legacy_codes-MAX_NUM_FORMS": "1000",
            "_save": "Save",
        }
    if target == "department":
        return {"code": "VP", "name": "Văn phòng (đổi tên)", "is_active": "on", "_save": "Save"}
    return {
        "department": world.other_department_b.pk,
        "position": "",
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": "0",
        "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }


def changed_by_admin(world: World, target: str) -> bool:
    if target == "agency":
        return Agency.objects.get(pk=world.agency_b.pk).name == "Sở Xây dựng (đổi tên)"
    if target == "department":
        return Department.objects.get(pk=world.department_b.pk).name == "Văn phòng (đổi tên)"
    return StaffMember.objects.get(pk=world.staff_b.pk).department_id == world.other_department_b.pk


def _status(response: Any) -> tuple[int, str]:
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize("actor", ["specialist_a", "leader_a", "admin_a"])
@pytest.mark.parametrize("target", ADMIN_OBJECTS)
def test_admin_hides_other_agency_objects(world, actor, target):
    # given B's object and an id that exists nowhere
    before = snapshot(world)
    client = client_for(world, actor)
    url = ADMIN_OBJECTS[target](world)
    missing_url = url.replace(f"/{url.split('/')[-3]}/change/", "/987654/change/")
    # when / then: reading redirects to the index ("does not exist")
    assert _status(client.get(url)) == (302, "/admin/")
    # and a change is answered exactly as for an object that does not exist
    response = client.post(url, admin_post_data(world, target))
    assert _status(response) == _status(client.post(missing_url, admin_post_data(world, target)))
    assert response.status_code in {302, 403}
    assert snapshot(world) == before


@pytest.mark.parametrize("actor", ["anonymous", "citizen"])
@pytest.mark.parametrize("target", ADMIN_OBJECTS)
def test_admin_sends_non_staff_to_login(world, actor, target):
    before = snapshot(world)
    client = client_for(world, actor)
    url = ADMIN_OBJECTS[target](world)
    response = client.post(url, admin_post_data(world, target))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert snapshot(world) == before


@pytest.mark.parametrize("actor", ["pc_leader", "auditor"])
@pytest.mark.parametrize("target", ADMIN_OBJECTS)
def test_admin_overseers_read_but_cannot_change(world, actor, target):
    before = snapshot(world)
    client = client_for(world, actor)
    url = ADMIN_OBJECTS[target](world)
    assert client.get(url).status_code == 200
    assert client.post(url, admin_post_data(world, target)).status_code == 403
    assert snapshot(world) == before


@pytest.mark.parametrize("actor", ["admin_b", "province_admin"])
@pytest.mark.parametrize("target", ADMIN_OBJECTS)
def test_admin_changes_by_those_in_charge_go_through_services(world, actor, target):
    client = client_for(world, actor)
    response = client.post(ADMIN_OBJECTS[target](world), admin_post_data(world, target))
    if actor == "admin_b" and target == "agency":
        # B's administrator may rename B (the code and the tree are read-only for them)
        data = {k: v for k, v in admin_post_data(world, target).items() if k not in {"code", "kind", "parent"}}
        response = client.post(ADMIN_OBJECTS[target](world), data)
    assert response.status_code == 302, response.content[:2000]
    assert changed_by_admin(world, target) is True
    assert AuditEntry.objects.filter(actor=world.actors[actor], action__startswith="organisation.").exists()


@pytest.mark.parametrize("actor", ["specialist_a", "admin_a", "pc_leader", "province_admin"])
def test_admin_changelists_are_scoped(world, actor):
    client = client_for(world, actor)
    sees_b = actor in {"pc_leader", "province_admin"}
    for model, key in (
        ("agency", world.agency_b.pk),
        ("department", world.department_b.pk),
        ("staffmember", world.staff_b.pk),
    ):
        response = client.get(f"/admin/organisation/{model}/")
        assert response.status_code == 200
        shown = {obj.pk for obj in response.context["cl"].result_list}
        assert (key in shown) is sees_b
