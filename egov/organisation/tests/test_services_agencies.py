from datetime import date
from typing import Any

import pytest
import time_machine

from egov.core.errors import ApplicationError, NotFoundError, PermissionDeniedError
from egov.core.models import AuditEntry
from egov.organisation.models import Agency, AgencyKind, AgencyLegacyCode, LegacyCodeScheme
from egov.organisation.services.agencies import (
    LegacyCodeData,
    agency_create,
    agency_deactivate,
    agency_legacy_code_add,
    agency_legacy_code_remove,
    agency_reactivate,
    agency_update,
)


def _create(org: Any, acting_user: Any, **overrides: Any) -> Agency:
    kwargs = {
        "acting_user": acting_user,
        "code": "H44.07",
        "name": "Sở Y tế",
        "kind": AgencyKind.PROVINCIAL_DEPARTMENT,
        "administrative_unit_id": org.province.pk,
        "parent_id": org.pc.pk,
    } | overrides
    return agency_create(**kwargs)


def test_province_admin_creates_agency_with_legacy_code_and_audit(org, province_admin):
    # when
    agency = _create(
        org, province_admin, code=" h44.07 ", legacy_codes=[LegacyCodeData(code="000.00.07.H44")], short_name="SYT"
    )
    # then
    assert (agency.code, agency.parent_id, agency.name_folded) == ("H44.07", org.pc.pk, "so y te syt")
    assert list(agency.legacy_codes.values_list("code", "scheme")) == [("000.00.07.H44", "qcvn102")]
    entry = AuditEntry.objects.get(action="organisation.agency_create")
    assert (entry.actor_id, entry.agency_id, entry.object_id) == (province_admin.pk, agency.pk, str(agency.pk))
    assert entry.changes["legacy_codes"] == ["000.00.07.H44"]


@pytest.mark.parametrize("user_fixture", ["admin_a", "pc_leader", "auditor", "specialist_a"])
def test_only_province_admin_creates_agencies(org, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    with pytest.raises(PermissionDeniedError):
        _create(org, user)
    assert not Agency.objects.filter(code="H44.07").exists()


def test_top_level_agency_needs_province_permission(org, province_admin):
    agency = _create(org, province_admin, code="H45", parent_id=None, kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE)
    assert agency.parent_id is None


@pytest.mark.parametrize(
    ("overrides", "code", "status"),
    [
        ({"code": "SYT-01"}, "invalid_agency_code", 400),
        ({"code": "H44.02"}, "agency_code_taken", 409),
        ({"administrative_unit_id": -1}, "unit_not_found", 400),
        ({"parent_id": -1}, "parent_not_found", 400),
        ({"kind": AgencyKind.COMMUNE_PEOPLES_COMMITTEE}, "unit_level_mismatch", 400),
        ({"name": "  "}, "invalid_input", 400),
        ({"email": "not-an-email"}, "invalid_input", 400),
        ({"valid_from": date(2026, 1, 2), "valid_to": date(2026, 1, 1)}, "invalid_period", 400),
        ({"legacy_codes": [LegacyCodeData(code="000.00.07")]}, "invalid_legacy_code", 400),
        (
            {"legacy_codes": [LegacyCodeData(code="H44.07", scheme=LegacyCodeScheme.QD20)]},
            "legacy_code_is_current",
            400,
        ),
    ],
)
def test_create_rejects_bad_input_and_writes_nothing(org, province_admin, overrides, code, status):
    agencies_before = Agency.objects.count()
    with pytest.raises(ApplicationError) as exc:
        _create(org, province_admin, **overrides)
    assert (exc.value.code, exc.value.status) == (code, status)
    assert Agency.objects.count() == agencies_before
    assert not AuditEntry.objects.filter(action="organisation.agency_create").exists()


def test_create_under_inactive_parent_is_refused(org, province_admin):
    Agency.objects.filter(pk=org.dept_b.pk).update(is_active=False)
    with pytest.raises(ApplicationError) as exc:
        _create(org, province_admin, parent_id=org.dept_b.pk)
    assert exc.value.code == "parent_inactive"


def test_agency_admin_changes_contact_details_of_own_agency(org, admin_a):
    agency = agency_update(
        acting_user=admin_a, agency_id=org.dept_a.pk, data={"phone": "02323822102", "name": "Sở Tư pháp tỉnh"}
    )
    assert (agency.phone, agency.name_folded) == ("02323822102", "so tu phap tinh")
    entry = AuditEntry.objects.get(action="organisation.agency_update")
    assert entry.changes == {"phone": ["", "02323822102"], "name": ["Sở Tư pháp", "Sở Tư pháp tỉnh"]}
    assert entry.agency_id == org.dept_a.pk


@pytest.mark.parametrize("data", [{"code": "H44.99"}, {"parent_id": None}, {"kind": "other"}])
def test_agency_admin_cannot_change_structure(org, admin_a, data):
    with pytest.raises(PermissionDeniedError):
        agency_update(acting_user=admin_a, agency_id=org.dept_a.pk, data=data)
    org.dept_a.refresh_from_db()
    assert (org.dept_a.code, org.dept_a.parent_id, org.dept_a.kind) == ("H44.02", org.pc.pk, "provincial_dept")


def test_agency_admin_cannot_change_another_agency(org, admin_a):
    with pytest.raises(PermissionDeniedError):
        agency_update(acting_user=admin_a, agency_id=org.dept_b.pk, data={"phone": "0912345678"})
    org.dept_b.refresh_from_db()
    assert org.dept_b.phone == ""


def test_update_without_change_writes_no_audit(org, admin_a):
    agency_update(acting_user=admin_a, agency_id=org.dept_a.pk, data={"name": "Sở Tư pháp"})
    assert not AuditEntry.objects.filter(action="organisation.agency_update").exists()


def test_update_rejects_unknown_fields(org, province_admin):
    with pytest.raises(ApplicationError) as exc:
        agency_update(acting_user=province_admin, agency_id=org.dept_a.pk, data={"is_active": False})
    assert exc.value.code == "unknown_fields"


@pytest.mark.parametrize("new_parent", ["dept_a", "sub_a"])
def test_parent_cycles_are_rejected(org, province_admin, new_parent):
    with pytest.raises(ApplicationError) as exc:
        agency_update(
            acting_user=province_admin, agency_id=org.dept_a.pk, data={"parent_id": getattr(org, new_parent).pk}
        )
    assert exc.value.code == "agency_parent_cycle"
    org.dept_a.refresh_from_db()
    assert org.dept_a.parent_id == org.pc.pk


def test_moving_under_another_agency_is_allowed(org, province_admin):
    agency = agency_update(acting_user=province_admin, agency_id=org.sub_a.pk, data={"parent_id": org.dept_b.pk})
    assert agency.parent_id == org.dept_b.pk


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_new_code_keeps_the_old_one_as_legacy(org, province_admin):
    agency_update(acting_user=province_admin, agency_id=org.dept_a.pk, data={"code": "H44.12"})
    legacy = AgencyLegacyCode.objects.get(agency=org.dept_a)
    assert (legacy.code, legacy.scheme, legacy.valid_to) == ("H44.02", "qd20", date(2026, 3, 2))


def test_code_of_another_agency_is_refused(org, province_admin):
    with pytest.raises(ApplicationError) as exc:
        agency_update(acting_user=province_admin, agency_id=org.dept_a.pk, data={"code": "H44.04"})
    assert (exc.value.code, exc.value.status) == ("agency_code_taken", 409)


def test_deactivation_needs_children_ended_first(org, province_admin):
    with pytest.raises(ApplicationError) as exc:
        agency_deactivate(acting_user=province_admin, agency_id=org.dept_a.pk)
    assert exc.value.code == "agency_has_active_children"
    assert Agency.objects.get(pk=org.dept_a.pk).is_active is True


@time_machine.travel(date(2026, 3, 2), tick=False)
def test_deactivate_and_reactivate(org, province_admin):
    agency = agency_deactivate(acting_user=province_admin, agency_id=org.sub_a.pk, reason="Sáp nhập")
    assert (agency.is_active, agency.valid_to) == (False, date(2026, 3, 2))
    entry = AuditEntry.objects.get(action="organisation.agency_deactivate")
    assert entry.changes == {"is_active": [True, False], "reason": "Sáp nhập", "valid_to": [None, "2026-03-02"]}
    with pytest.raises(ApplicationError) as exc:
        agency_deactivate(acting_user=province_admin, agency_id=org.sub_a.pk)
    assert exc.value.code == "agency_inactive"
    agency = agency_reactivate(acting_user=province_admin, agency_id=org.sub_a.pk)
    assert (agency.is_active, agency.valid_to) == (True, None)


def test_agency_admin_cannot_deactivate(org, admin_a):
    with pytest.raises(PermissionDeniedError):
        agency_deactivate(acting_user=admin_a, agency_id=org.sub_a.pk)
    assert Agency.objects.get(pk=org.sub_a.pk).is_active is True


def test_missing_agency_is_not_found(org, province_admin):
    with pytest.raises(NotFoundError):
        agency_deactivate(acting_user=province_admin, agency_id=-1)


def test_legacy_codes_are_added_and_removed(org, province_admin):
    legacy = agency_legacy_code_add(acting_user=province_admin, agency_id=org.dept_a.pk, code="000.00.02.h44")
    assert legacy.code == "000.00.02.H44"
    with pytest.raises(ApplicationError) as exc:
        agency_legacy_code_add(acting_user=province_admin, agency_id=org.dept_b.pk, code="000.00.02.H44")
    assert (exc.value.code, exc.value.status) == ("legacy_code_taken", 409)
    agency_legacy_code_remove(acting_user=province_admin, agency_id=org.dept_a.pk, legacy_code_id=legacy.pk)
    assert not AgencyLegacyCode.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", "agency_id"))
    assert actions == [
        ("organisation.agency_legacy_code_add", org.dept_a.pk),
        ("organisation.agency_legacy_code_remove", org.dept_a.pk),
    ]


def test_legacy_code_of_another_agency_cannot_be_removed_through_this_one(org, province_admin):
    legacy = agency_legacy_code_add(acting_user=province_admin, agency_id=org.dept_b.pk, code="000.00.04.H44")
    with pytest.raises(NotFoundError):
        agency_legacy_code_remove(acting_user=province_admin, agency_id=org.dept_a.pk, legacy_code_id=legacy.pk)
    assert AgencyLegacyCode.objects.filter(pk=legacy.pk).exists()
