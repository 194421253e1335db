"""The admin's saves, translated into service calls (checked and audited like API calls)."""

from typing import Any

from egov.organisation.models import Agency, Department, Position, StaffMember
from egov.organisation.services import agencies, departments, staff

_AGENCY_FORM_FIELDS = {
    "code": "code",
    "name": "name",
    "short_name": "short_name",
    "kind": "kind",
    "parent": "parent_id",
    "administrative_unit": "administrative_unit_id",
    "email": "email",
    "phone": "phone",
    "address": "address",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
}


def _pk(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


def _changes(form: Any, mapping: dict[str, str]) -> dict[str, Any]:
    return {mapping[name]: _pk(form.cleaned_data[name]) for name in form.changed_data if name in mapping}


def save_agency(user: Any, obj: Agency, form: Any, change: bool) -> None:
    data = form.cleaned_data
    if not change:
        created = agencies.agency_create(
            acting_user=user, **{service: _pk(data.get(field)) for field, service in _AGENCY_FORM_FIELDS.items()}
        )
        obj.pk = created.pk
    else:
        changes = _changes(form, _AGENCY_FORM_FIELDS)
        if changes:
            agencies.agency_update(acting_user=user, agency_id=obj.pk, data=changes)
    if "is_active" in form.changed_data:
        if data["is_active"]:
            agencies.agency_reactivate(acting_user=user, agency_id=obj.pk)
        else:
            agencies.agency_deactivate(acting_user=user, agency_id=obj.pk)
    obj.refresh_from_db()


def save_legacy_codes(user: Any, agency: Agency, formset: Any) -> None:
    formset.save(commit=False)
    for legacy in formset.deleted_objects:
        agencies.agency_legacy_code_remove(acting_user=user, agency_id=agency.pk, legacy_code_id=legacy.pk)
    for legacy in formset.new_objects:
        agencies.agency_legacy_code_add(
            acting_user=user,
            agency_id=agency.pk,
            code=legacy.code,
            scheme=legacy.scheme,
            valid_from=legacy.valid_from,
            valid_to=legacy.valid_to,
        )


def save_department(user: Any, obj: Department, form: Any, change: bool) -> None:
    data = form.cleaned_data
    if not change:
        created = departments.department_create(
            acting_user=user, agency_id=data["agency"].pk, code=data["code"], name=data["name"]
        )
        obj.pk = created.pk
    else:
        changes = _changes(form, {"code": "code", "name": "name"})
        if changes:
            departments.department_update(acting_user=user, department_id=obj.pk, data=changes)
    if "is_active" in form.changed_data:
        departments.department_set_active(acting_user=user, department_id=obj.pk, is_active=data["is_active"])
    obj.refresh_from_db()


def save_position(user: Any, obj: Position, form: Any, change: bool) -> None:
    data = form.cleaned_data
    if not change:
        created = departments.position_create(acting_user=user, code=data["code"], name=data["name"], rank=data["rank"])
        obj.pk = created.pk
    else:
        changes = _changes(form, {"code": "code", "name": "name", "rank": "rank"})
        if changes:
            departments.position_update(acting_user=user, position_id=obj.pk, data=changes)
    obj.refresh_from_db()


def save_staff(user: Any, obj: StaffMember, form: Any, change: bool) -> None:
    data = form.cleaned_data
    if not change:
        created = staff.staff_create(
            acting_user=user,
            agency_id=data["agency"].pk,
            username=data["username"],
            full_name=data["full_name"],
            email=data.get("email") or "",
            phone=data.get("phone") or "",
            department_id=_pk(data.get("department")),
            position_id=_pk(data.get("position")),
            roles=data.get("roles") or [],
        )
        obj.pk = created.pk
        obj.refresh_from_db()
        return
    if "department" in form.changed_data:
        staff.staff_move_department(acting_user=user, staff_id=obj.pk, department_id=_pk(data["department"]))
    if "position" in form.changed_data:
        staff.staff_update(acting_user=user, staff_id=obj.pk, data={"position_id": _pk(data["position"])})
    if "is_active" in form.changed_data:
        staff.staff_set_active(acting_user=user, staff_id=obj.pk, is_active=data["is_active"])
    obj.refresh_from_db()


def save_role_assignments(user: Any, staff_member: StaffMember, formset: Any) -> None:
    formset.save(commit=False)
    added = [assignment.role for assignment in formset.new_objects]
    removed = [assignment.role for assignment in formset.deleted_objects]
    if added or removed:
        staff.staff_roles_change(acting_user=user, staff_id=staff_member.pk, add=added, remove=removed)
