import pytest

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.core.models import AuditEntry
from egov.identity.roles import Role
from egov.organisation.models import Agency, Department, Position
from egov.organisation.services.departments import (
    department_create,
    department_set_active,
    department_update,
    position_create,
    position_update,
)
from egov.organisation.tests.factories import make_department, make_position, make_post, make_staff


def test_agency_admin_creates_department_in_own_agency(org, admin_a):
    department = department_create(
        acting_user=admin_a, agency_id=org.dept_a.pk, code="HCTP", name=" Phòng Hành chính tư pháp "
    )
    assert (department.agency_id, department.code, department.name) == (
        org.dept_a.pk,
        "HCTP",
        "Phòng Hành chính tư pháp",
    )
    entry = AuditEntry.objects.get(action="organisation.department_create")
    assert (entry.agency_id, entry.changes) == (org.dept_a.pk, {"code": "HCTP", "name": "Phòng Hành chính tư pháp"})


@pytest.mark.parametrize("agency_attr", ["dept_b", "sub_a", "pc"])
def test_agency_admin_cannot_create_department_elsewhere(org, admin_a, agency_attr):
    with pytest.raises(PermissionDeniedError):
        department_create(acting_user=admin_a, agency_id=getattr(org, agency_attr).pk, code="VP", name="Văn phòng")
    assert not Department.objects.exists()


def test_department_code_is_unique_per_agency_only(org, province_admin):
    department_create(acting_user=province_admin, agency_id=org.dept_a.pk, code="VP", name="Văn phòng Sở")
    department_create(acting_user=province_admin, agency_id=org.dept_b.pk, code="VP", name="Văn phòng Sở")
    with pytest.raises(ApplicationError) as exc:
        department_create(acting_user=province_admin, agency_id=org.dept_a.pk, code="vp", name="Văn phòng 2")
    assert (exc.value.code, exc.value.status) == ("department_code_taken", 409)
    assert Department.objects.count() == 2


def test_department_in_inactive_agency_is_refused(org, province_admin):
    Agency.objects.filter(pk=org.sub_a.pk).update(is_active=False)
    with pytest.raises(ApplicationError) as exc:
        department_create(acting_user=province_admin, agency_id=org.sub_a.pk, code="VP", name="Văn phòng")
    assert exc.value.code == "agency_inactive"


def test_update_department(org, admin_a):
    department = make_department(agency=org.dept_a, code="P1", name="Phòng 1")
    department_update(acting_user=admin_a, department_id=department.pk, data={"name": "Phòng Bổ trợ tư pháp"})
    department.refresh_from_db()
    assert department.name == "Phòng Bổ trợ tư pháp"
    assert AuditEntry.objects.get(action="organisation.department_update").changes == {
        "name": ["Phòng 1", "Phòng Bổ trợ tư pháp"]
    }


def test_update_department_of_other_agency_is_refused(org, admin_b):
    department = make_department(agency=org.dept_a, code="P1", name="Phòng 1")
    with pytest.raises(PermissionDeniedError):
        department_update(acting_user=admin_b, department_id=department.pk, data={"name": "Đổi tên"})
    department.refresh_from_db()
    assert department.name == "Phòng 1"


def test_department_with_staff_cannot_close(org, admin_a):
    department = make_department(agency=org.dept_a)
    make_post(agency=org.dept_a, department=department)
    with pytest.raises(ApplicationError) as exc:
        department_set_active(acting_user=admin_a, department_id=department.pk, is_active=False)
    assert exc.value.code == "department_has_staff"


def test_close_and_reopen_department(org, admin_a):
    department = make_department(agency=org.dept_a)
    department_set_active(acting_user=admin_a, department_id=department.pk, is_active=False)
    assert Department.objects.get(pk=department.pk).is_active is False
    with pytest.raises(ApplicationError) as exc:
        department_set_active(acting_user=admin_a, department_id=department.pk, is_active=False)
    assert exc.value.code == "department_inactive"
    department_set_active(acting_user=admin_a, department_id=department.pk, is_active=True)
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "organisation.department_deactivate",
        "organisation.department_activate",
    ]


def test_province_admin_manages_positions(org, province_admin):
    position = position_create(acting_user=province_admin, code="GIAM_DOC", name="Giám đốc", rank=10)
    position_update(acting_user=province_admin, position_id=position.pk, data={"rank": 5})
    assert Position.objects.get(pk=position.pk).rank == 5
    with pytest.raises(ApplicationError) as exc:
        position_create(acting_user=province_admin, code="giam_doc", name="Giám đốc Sở")
    assert exc.value.code == "position_code_taken"


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.LEADER, Role.AUDITOR])
def test_others_cannot_manage_positions(org, role):
    user = make_staff(org.pc, role)
    position = make_position(name="Chuyên viên")
    with pytest.raises(PermissionDeniedError):
        position_create(acting_user=user, code="X", name="X")
    with pytest.raises(PermissionDeniedError):
        position_update(acting_user=user, position_id=position.pk, data={"name": "Chuyên viên chính"})
    assert list(Position.objects.values_list("name", flat=True)) == ["Chuyên viên"]
