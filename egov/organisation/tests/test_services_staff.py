from typing import Any

import pytest

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.models import AuditEntry
from egov.identity.models import User, UserKind
from egov.identity.roles import Role
from egov.organisation.models import StaffMember, StaffRoleAssignment
from egov.organisation.services.staff import (
    staff_create,
    staff_move_department,
    staff_post_add,
    staff_role_assign,
    staff_role_remove,
    staff_roles_change,
    staff_set_active,
    staff_update,
)
from egov.organisation.tests.factories import make_department, make_position, make_staff


def _roles(staff_or_user: StaffMember | User, agency: Any = None) -> list[str]:
    qs = StaffRoleAssignment.objects.all()
    if isinstance(staff_or_user, User):
        qs = qs.filter(staff_member__user=staff_or_user, staff_member__agency=agency)
    else:
        qs = qs.filter(staff_member=staff_or_user)
    return sorted(qs.values_list("role", flat=True))


def test_agency_admin_creates_staff_with_roles_they_hold(org, admin_a):
    # given a department and a position of agency A
    department = make_department(agency=org.dept_a)
    position = make_position()
    # when
    staff = staff_create(
        acting_user=admin_a,
        agency_id=org.dept_a.pk,
        username=" STP_NguyenVanAn ",
        full_name="Nguyễn Văn An",
        email="an@example.com",
        phone="0912345678",
        password="Mot-mat-khau-kho-doan-2026",
        department_id=department.pk,
        position_id=position.pk,
        roles=["agency_admin"],
    )
    # then
    user = staff.user
    assert (user.username, user.kind, user.full_name, user.is_staff) == (
        "stp_nguyenvanan",
        "staff",
        "Nguyễn Văn An",
        True,
    )
    assert user.check_password("Mot-mat-khau-kho-doan-2026")
    assert (staff.department_id, staff.position_id) == (department.pk, position.pk)
    assert _roles(staff) == ["agency_admin"]
    entry = AuditEntry.objects.get(action="organisation.staff_create")
    assert (entry.agency_id, entry.changes["roles"], entry.changes["admin_site_access"]) == (
        org.dept_a.pk,
        ["agency_admin"],
        True,
    )


def test_staff_without_password_cannot_log_in_yet(org, admin_a):
    staff = staff_create(acting_user=admin_a, agency_id=org.dept_a.pk, username="stp_tranb", full_name="Trần B")
    assert staff.user.has_usable_password() is False
    assert staff.user.is_staff is False


@pytest.mark.parametrize("role", ["specialist", "leader", "desk_officer", "province_admin", "auditor"])
def test_agency_admin_cannot_grant_roles_they_do_not_hold(org, admin_a, role):
    with pytest.raises(PermissionDeniedError) as exc:
        staff_create(acting_user=admin_a, agency_id=org.dept_a.pk, username="stp_x", full_name="X", roles=[role])
    assert exc.value.code == "role_not_grantable"
    assert not User.objects.filter(username="stp_x").exists()


def test_agency_admin_cannot_create_staff_in_other_agency(org, admin_a):
    for agency in (org.dept_b, org.sub_a, org.pc):
        with pytest.raises(PermissionDeniedError):
            staff_create(acting_user=admin_a, agency_id=agency.pk, username="stp_y", full_name="Y")
    assert not User.objects.filter(username="stp_y").exists()


def test_province_admin_grants_any_staff_role(org, province_admin):
    staff = staff_create(
        acting_user=province_admin,
        agency_id=org.dept_b.pk,
        username="sxd_z",
        full_name="Z",
        roles=["leader", "auditor", "province_admin"],
    )
    assert _roles(staff) == ["auditor", "leader", "province_admin"]


@pytest.mark.parametrize(
    ("overrides", "code", "status"),
    [
        ({"username": "Nguyễn An"}, "invalid_username", 400),
        ({"username": "ab"}, "invalid_username", 400),
        ({"username": "STP_QUANTRI"}, "username_taken", 409),
        ({"password": "123"}, "weak_password", 400),
        ({"email": "khong-phai-email"}, "invalid_input", 400),
        ({"phone": "12345"}, "invalid_input", 400),
        ({"roles": ["citizen"]}, "invalid_role", 400),
        ({"roles": ["mayor"]}, "invalid_role", 400),
        ({"position_id": -1}, "position_not_found", 400),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(org, admin_a, overrides, code, status):
    users_before = User.objects.count()
    kwargs = {"acting_user": admin_a, "agency_id": org.dept_a.pk, "username": "stp_moi", "full_name": "Mới"}
    with pytest.raises(ApplicationError) as exc:
        staff_create(**(kwargs | overrides))
    assert (exc.value.code, exc.value.status) == (code, status)
    assert User.objects.count() == users_before


def test_department_of_another_agency_is_refused(org, admin_a):
    other = make_department(agency=org.dept_b)
    with pytest.raises(ApplicationError) as exc:
        staff_create(
            acting_user=admin_a, agency_id=org.dept_a.pk, username="stp_w", full_name="W", department_id=other.pk
        )
    assert exc.value.code == "department_not_in_agency"
    assert not User.objects.filter(username="stp_w").exists()


def test_roles_change_adds_and_removes(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    roles = staff_roles_change(
        acting_user=province_admin, staff_id=staff.pk, add=["clerk", "agency_admin"], remove=["specialist"]
    )
    assert roles == frozenset({Role.CLERK, Role.AGENCY_ADMIN})
    assert _roles(staff) == ["agency_admin", "clerk"]
    specialist_a.refresh_from_db()
    assert specialist_a.is_staff is True  # agency administrators may open the Django admin
    entry = AuditEntry.objects.get(action="organisation.staff_roles_change")
    assert entry.changes == {
        "added": ["agency_admin", "clerk"],
        "removed": ["specialist"],
        "admin_site_access": [False, True],
    }


def test_roles_change_without_effect_writes_nothing(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    assert staff_role_assign(acting_user=province_admin, staff_id=staff.pk, role="specialist") == {Role.SPECIALIST}
    assert not AuditEntry.objects.filter(action="organisation.staff_roles_change").exists()


def test_agency_admin_cannot_withdraw_a_role_they_do_not_hold(org, admin_a):
    leader = make_staff(org.dept_a, Role.LEADER)
    staff = StaffMember.objects.get(user=leader)
    with pytest.raises(PermissionDeniedError):
        staff_role_remove(acting_user=admin_a, staff_id=staff.pk, role="leader")
    assert _roles(staff) == ["leader"]


def test_nobody_escalates_own_privileges(org, admin_a):
    own_post = StaffMember.objects.get(user=admin_a)
    with pytest.raises(PermissionDeniedError):
        staff_role_assign(acting_user=admin_a, staff_id=own_post.pk, role="province_admin")
    with pytest.raises(PermissionDeniedError):
        staff_role_assign(acting_user=admin_a, staff_id=own_post.pk, role="leader")
    assert _roles(own_post) == ["agency_admin"]


def test_roles_cannot_be_granted_and_withdrawn_at_once(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    with pytest.raises(ApplicationError) as exc:
        staff_roles_change(acting_user=province_admin, staff_id=staff.pk, add=["clerk"], remove=["clerk"])
    assert exc.value.code == "role_add_remove_overlap"


def test_agency_admin_of_other_agency_cannot_touch_staff(org, admin_b, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    name = specialist_a.full_name
    department = make_department(agency=org.dept_a)
    with pytest.raises(PermissionDeniedError):
        staff_move_department(acting_user=admin_b, staff_id=staff.pk, department_id=department.pk)
    with pytest.raises(PermissionDeniedError):
        staff_update(acting_user=admin_b, staff_id=staff.pk, data={"full_name": "Đổi tên"})
    with pytest.raises(PermissionDeniedError):
        staff_set_active(acting_user=admin_b, staff_id=staff.pk, is_active=False)
    staff.refresh_from_db()
    specialist_a.refresh_from_db()
    assert (staff.department_id, staff.is_active, specialist_a.full_name) == (None, True, name)
    assert not AuditEntry.objects.exists()


def test_move_department_and_update_position(org, specialist_a):
    # given an administrator who also holds the specialist role, so may manage the specialist's account
    admin_a = make_staff(org.dept_a, Role.AGENCY_ADMIN, Role.SPECIALIST)
    staff = StaffMember.objects.get(user=specialist_a)
    department = make_department(agency=org.dept_a)
    position = make_position()
    staff_move_department(acting_user=admin_a, staff_id=staff.pk, department_id=department.pk)
    staff_update(acting_user=admin_a, staff_id=staff.pk, data={"position_id": position.pk, "phone": "0987654321"})
    staff.refresh_from_db()
    assert (staff.department_id, staff.position_id, staff.user.phone) == (department.pk, position.pk, "0987654321")
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "organisation.staff_move",
        "organisation.staff_update",
    ]


def test_account_of_someone_with_roles_the_admin_lacks_is_protected(org, admin_a):
    leader = make_staff(org.dept_a, Role.LEADER)
    staff = StaffMember.objects.get(user=leader)
    with pytest.raises(PermissionDeniedError) as exc:
        staff_update(acting_user=admin_a, staff_id=staff.pk, data={"email": "attacker@example.com"})
    assert exc.value.code == "account_outside_scope"
    # the post itself (no account data) may still be managed
    position = make_position()
    staff_update(acting_user=admin_a, staff_id=staff.pk, data={"position_id": position.pk})
    leader.refresh_from_db()
    assert (leader.email, StaffMember.objects.get(pk=staff.pk).position_id) == ("", position.pk)


def test_account_shared_with_another_agency_is_protected(org, specialist_a):
    admin_a = make_staff(org.dept_a, Role.AGENCY_ADMIN, Role.SPECIALIST)
    # given the specialist also holds a post in agency B
    make_post = StaffMember.objects.create(user=specialist_a, agency=org.dept_b)
    StaffRoleAssignment.objects.create(staff_member=make_post, role=Role.SPECIALIST)
    staff = StaffMember.objects.get(user=specialist_a, agency=org.dept_a)
    # when admin A changes the e-mail used for password reset
    with pytest.raises(PermissionDeniedError) as exc:
        staff_update(acting_user=admin_a, staff_id=staff.pk, data={"email": "attacker@example.com"})
    # then refused
    assert exc.value.code == "account_outside_scope"
    specialist_a.refresh_from_db()
    assert specialist_a.email == ""


def test_deactivating_the_last_post_disables_the_account(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    staff_set_active(acting_user=province_admin, staff_id=staff.pk, is_active=False)
    specialist_a.refresh_from_db()
    assert specialist_a.is_active is False
    entry = AuditEntry.objects.get(action="organisation.staff_deactivate")
    assert entry.changes == {"is_active": [True, False], "account_active": [True, False]}
    staff_set_active(acting_user=province_admin, staff_id=staff.pk, is_active=True)
    specialist_a.refresh_from_db()
    assert specialist_a.is_active is True


def test_nobody_ends_their_own_post(org, admin_a):
    staff = StaffMember.objects.get(user=admin_a)
    with pytest.raises(ApplicationError) as exc:
        staff_set_active(acting_user=admin_a, staff_id=staff.pk, is_active=False)
    assert exc.value.code == "cannot_deactivate_self"


def test_agency_admin_cannot_end_a_leaders_post(org, admin_a):
    leader = make_staff(org.dept_a, Role.LEADER)
    staff = StaffMember.objects.get(user=leader)
    with pytest.raises(PermissionDeniedError):
        staff_set_active(acting_user=admin_a, staff_id=staff.pk, is_active=False)
    assert StaffMember.objects.get(pk=staff.pk).is_active is True


def test_additional_post_for_existing_staff(org, province_admin, specialist_a):
    staff = staff_post_add(
        acting_user=province_admin, user_id=specialist_a.pk, agency_id=org.dept_b.pk, roles=["leader"]
    )
    assert (staff.user_id, staff.agency_id, _roles(staff)) == (specialist_a.pk, org.dept_b.pk, ["leader"])
    with pytest.raises(ApplicationError) as exc:
        staff_post_add(acting_user=province_admin, user_id=specialist_a.pk, agency_id=org.dept_b.pk)
    assert exc.value.code == "staff_post_exists"


def test_citizen_account_cannot_get_a_post(org, province_admin):
    citizen = User.objects.create(username="citizen-045190002345", kind=UserKind.CITIZEN, citizen_id="045190002345")
    with pytest.raises(ApplicationError) as exc:
        staff_post_add(acting_user=province_admin, user_id=citizen.pk, agency_id=org.dept_a.pk)
    assert exc.value.code == "user_not_staff"
    assert not StaffMember.objects.filter(user=citizen).exists()
