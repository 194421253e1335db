"""The admin saves through the services (audited, checked); scoping is in tests/test_permission_matrix.py."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client

from egov.core.models import AuditEntry
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import Agency, AgencyLegacyCode, Department, StaffMember
from egov.organisation.tests.factories import make_department, make_staff

MANAGEMENT = {"-TOTAL_FORMS": "0", "-INITIAL_FORMS": "0", "-MIN_NUM_FORMS": "0", "-MAX_NUM_FORMS": "1000"}


def _client(user) -> Client:
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    data = {f"{prefix}{key}": value for key, value in MANAGEMENT.items()}
    data |= {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}
    return data


def _agency_form(org, **overrides) -> dict[str, str]:
    return (
        {
            "code": "H44.07",
            "name": "Sở Y tế",
            "short_name": "",
            "kind": "provincial_dept",
            "parent": str(org.pc.pk),
            "administrative_unit": str(org.province.pk),
            "email": "",
            "phone": "",
            "address": "",
            "valid_from": "",
            "valid_to": "",
            "is_active": "on",
            "_save": "Save",
        }
        | _management("legacy_codes")
        | overrides
    )


def test_admin_creates_agency_with_legacy_code_through_the_service(org, province_admin):
    data = _agency_form(org) | _management("legacy_codes", total=1)
    data |= {"legacy_codes-0-code": "000.00.07.h44", "legacy_codes-0-scheme": "qcvn102"}
    response = _client(province_admin).post("/admin/organisation/agency/add/", data)
    assert response.status_code == 302
    agency = Agency.objects.get(code="H44.07")
    assert list(AgencyLegacyCode.objects.filter(agency=agency).values_list("code", flat=True)) == ["000.00.07.H44"]
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [
        "organisation.agency_create",
        "organisation.agency_legacy_code_add",
    ]


def test_admin_form_rejects_bad_code_without_writing(org, province_admin):
    response = _client(province_admin).post("/admin/organisation/agency/add/", _agency_form(org, code="SYT"))
    assert response.status_code == 200
    assert "code" in response.context["adminform"].form.errors
    assert not Agency.objects.filter(name="Sở Y tế").exists()


def test_admin_form_rejects_parent_cycle(org, province_admin):
    data = _agency_form(org, code="H44.02", name="Sở Tư pháp", parent=str(org.sub_a.pk))
    response = _client(province_admin).post(f"/admin/organisation/agency/{org.dept_a.pk}/change/", data)
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert Agency.objects.get(pk=org.dept_a.pk).parent_id == org.pc.pk


def test_service_refusal_becomes_a_message_not_a_500(org, province_admin):
    # deactivating an agency with active sub-agencies is refused by the service after the form is valid
    data = _agency_form(org, code="H44.02", name="Sở Tư pháp")
    data.pop("is_active")
    client = _client(province_admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language switch
    response = client.post(f"/admin/organisation/agency/{org.dept_a.pk}/change/", data)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["The agency still has active sub-agencies; deactivate or move them first."]
    assert Agency.objects.get(pk=org.dept_a.pk).is_active is True
    assert not AuditEntry.objects.exists()


def test_agency_admin_sees_structure_fields_read_only(org, admin_a):
    response = _client(admin_a).get(f"/admin/organisation/agency/{org.dept_a.pk}/change/")
    form_fields = set(response.context["adminform"].form.fields)
    assert form_fields == {"name", "short_name", "email", "phone", "address"}


def test_admin_creates_staff_account_and_post(org, province_admin):
    department = make_department(agency=org.dept_a)
    data = {
        "username": "stp_lethimai",
        "full_name": "Lê Thị Mai",
        "email": "",
        "phone": "",
        "agency": str(org.dept_a.pk),
        "department": str(department.pk),
        "position": "",
        "roles": ["specialist", "clerk"],
        "_save": "Save",
    }
    response = _client(province_admin).post("/admin/organisation/staffmember/add/", data)
    assert response.status_code == 302
    staff = StaffMember.objects.get(user__username="stp_lethimai")
    assert (staff.agency_id, staff.department_id) == (org.dept_a.pk, department.pk)
    assert sorted(staff.role_assignments.values_list("role", flat=True)) == ["clerk", "specialist"]
    assert AuditEntry.objects.get().action == "organisation.staff_create"


def test_admin_role_inline_grants_and_withdraws_through_the_service(org, province_admin, specialist_a):
    staff = StaffMember.objects.get(user=specialist_a)
    existing = staff.role_assignments.get()
    data = {"department": "", "position": "", "is_active": "on", "_save": "Save"}
    data |= _management("role_assignments", total=2, initial=1)
    data |= {
        "role_assignments-0-id": str(existing.pk),
        "role_assignments-0-staff_member": str(staff.pk),
        "role_assignments-0-DELETE": "on",
        "role_assignments-1-staff_member": str(staff.pk),
        "role_assignments-1-role": "clerk",
    }
    response = _client(province_admin).post(f"/admin/organisation/staffmember/{staff.pk}/change/", data)
    assert response.status_code == 302
    assert list(staff.role_assignments.values_list("role", flat=True)) == ["clerk"]
    assert AuditEntry.objects.get().changes == {"added": ["clerk"], "removed": ["specialist"]}


def test_role_inline_offers_only_grantable_roles(org, admin_a):
    make_staff(org.dept_a, Role.SPECIALIST, username="stp_cv2")
    staff = StaffMember.objects.get(user__username="stp_cv2")
    response = _client(admin_a).get(f"/admin/organisation/staffmember/{staff.pk}/change/")
    formset = response.context["inline_admin_formsets"][0].formset
    assert [value for value, _ in formset.empty_form.fields["role"].choices] == ["", "agency_admin"]


def test_department_admin_creates_through_the_service(org, admin_a):
    data = {"agency": str(org.dept_a.pk), "code": "VP", "name": "Văn phòng Sở", "is_active": "on", "_save": "Save"}
    response = _client(admin_a).post("/admin/organisation/department/add/", data)
    assert response.status_code == 302
    assert Department.objects.get().agency_id == org.dept_a.pk
    assert AuditEntry.objects.get().actor_id == admin_a.pk


def test_department_admin_offers_only_managed_agencies(org, admin_a):
    response = _client(admin_a).get("/admin/organisation/department/add/")
    choices = response.context["adminform"].form.fields["agency"].queryset
    assert list(choices) == [org.dept_a]


def test_nothing_can_be_deleted_in_the_admin(org, province_admin):
    client = _client(province_admin)
    assert client.get(f"/admin/organisation/agency/{org.sub_a.pk}/delete/").status_code == 403
    assert Agency.objects.filter(pk=org.sub_a.pk).exists()


def test_units_are_read_only(org, province_admin):
    client = _client(province_admin)
    assert client.get(f"/admin/organisation/administrativeunit/{org.province.pk}/change/").status_code == 200
    assert client.get("/admin/organisation/administrativeunit/add/").status_code == 403
    response = client.get("/admin/organisation/administrativeunit/", {"q": "dong hoi"})
    assert [unit.code for unit in response.context["cl"].result_list] == ["18880"]
