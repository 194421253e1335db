"""Departments inside an agency (phòng, ban) and the province's catalogue of position titles."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import NotFoundError
from egov.core.services.audit import audit_record
from egov.organisation.access import MANAGE_DEPARTMENTS, MANAGE_POSITIONS
from egov.organisation.models import Agency, Department, Position
from egov.organisation.services._common import (
    apply_changes,
    conflict,
    reject_unknown_fields,
    require,
    validate_instance,
)
from egov.organisation.validators import validate_department_code

DEPARTMENT_FIELDS = frozenset({"code", "name"})
POSITION_FIELDS = frozenset({"code", "name", "rank"})


@transaction.atomic
def department_create(*, acting_user: Any, agency_id: int, code: str, name: str) -> Department:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise NotFoundError(_("Agency not found."))
    require(acting_user, MANAGE_DEPARTMENTS, agency.pk)
    if not agency.is_active:
        raise conflict(_("The agency is inactive."), "agency_inactive")
    department = Department(agency=agency, code=validate_department_code(code), name=name.strip())
    _check_department_code_free(department)
    validate_instance(department, exclude=["code"])
    _save_department(department)
    audit_record(
        actor=acting_user,
        action="organisation.department_create",
        obj=department,
        agency_id=agency.pk,
        changes={"code": department.code, "name": department.name},
    )
    return department


@transaction.atomic
def department_update(*, acting_user: Any, department_id: int, data: Mapping[str, Any]) -> Department:
    reject_unknown_fields(data, DEPARTMENT_FIELDS)
    department = _lock_department(department_id)
    require(acting_user, MANAGE_DEPARTMENTS, department.agency_id)
    cleaned = dict(data)
    if "code" in cleaned:
        cleaned["code"] = validate_department_code(cleaned["code"])
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
    changes = apply_changes(department, cleaned)
    if not changes:
        return department
    if "code" in changes:
        _check_department_code_free(department)
    validate_instance(department, exclude=["code"])
    _save_department(department)
    audit_record(
        actor=acting_user,
        action="organisation.department_update",
        obj=department,
        agency_id=department.agency_id,
        changes=changes,
    )
    return department


@transaction.atomic
def department_set_active(*, acting_user: Any, department_id: int, is_active: bool) -> Department:
    """Close or reopen a department; staff must be moved out before it closes."""
    department = _lock_department(department_id)
    require(acting_user, MANAGE_DEPARTMENTS, department.agency_id)
    if department.is_active == is_active:
        message = _("The department is already active.") if is_active else _("The department is already inactive.")
        raise conflict(message, "department_active" if is_active else "department_inactive")
    if not is_active and department.staff.filter(is_active=True).exists():
        raise conflict(_("Staff members still work in this department; move them first."), "department_has_staff")
    if is_active and not Agency.objects.filter(pk=department.agency_id, is_active=True).exists():
        raise conflict(_("The agency is inactive."), "agency_inactive")
    department.is_active = is_active
    department.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=acting_user,
        action="organisation.department_activate" if is_active else "organisation.department_deactivate",
        obj=department,
        agency_id=department.agency_id,
        changes={"is_active": [not is_active, is_active]},
    )
    return department


@transaction.atomic
def position_create(*, acting_user: Any, code: str, name: str, rank: int = 100) -> Position:
    require(acting_user, MANAGE_POSITIONS, None)
    position = Position(code=validate_department_code(code), name=name.strip(), rank=rank)
    if Position.objects.filter(code__iexact=position.code).exists():
        raise conflict(_("Another position already has this code."), "position_code_taken", code=position.code)
    validate_instance(position, exclude=["code"])
    _save_position(position)
    audit_record(
        actor=acting_user,
        action="organisation.position_create",
        obj=position,
        changes={"code": position.code, "name": position.name, "rank": position.rank},
    )
    return position


@transaction.atomic
def position_update(*, acting_user: Any, position_id: int, data: Mapping[str, Any]) -> Position:
    require(acting_user, MANAGE_POSITIONS, None)
    reject_unknown_fields(data, POSITION_FIELDS)
    position = Position.objects.select_for_update().filter(pk=position_id).first()
    if position is None:
        raise NotFoundError(_("Position not found."))
    cleaned = dict(data)
    if "code" in cleaned:
        cleaned["code"] = validate_department_code(cleaned["code"])
    if "name" in cleaned:
        cleaned["name"] = (cleaned["name"] or "").strip()
    changes = apply_changes(position, cleaned)
    if not changes:
        return position
    if "code" in changes and Position.objects.filter(code__iexact=position.code).exclude(pk=position.pk).exists():
        raise conflict(_("Another position already has this code."), "position_code_taken", code=position.code)
    validate_instance(position, exclude=["code"])
    _save_position(position)
    audit_record(actor=acting_user, action="organisation.position_update", obj=position, changes=changes)
    return position


def _lock_department(department_id: int) -> Department:
    department = Department.objects.select_for_update().filter(pk=department_id).first()
    if department is None:
        raise NotFoundError(_("Department not found."))
    return department


def _check_department_code_free(department: Department) -> None:
    taken = Department.objects.filter(agency_id=department.agency_id, code__iexact=department.code)
    if taken.exclude(pk=department.pk).exists():
        raise conflict(
            _("Another department of this agency already has this code."), "department_code_taken", code=department.code
        )


def _save_department(department: Department) -> None:
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError as exc:
        raise conflict(
            _("Another department of this agency already has this code."), "department_code_taken", code=department.code
        ) from exc


def _save_position(position: Position) -> None:
    try:
        with transaction.atomic():
            position.save()
    except IntegrityError as exc:
        raise conflict(_("Another position already has this code."), "position_code_taken", code=position.code) from exc
