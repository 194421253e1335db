"""Typed builders of organisation rows for tests (also used by tests/test_permission_matrix.py).

Plain functions rather than factory_boy classes, so that mypy strict sees real model types.
"""

from datetime import date
from itertools import count
from typing import Any

from egov.core.text import fold
from egov.identity.models import User, UserKind
from egov.identity.roles import Role
from egov.organisation.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    Department,
    Position,
    StaffMember,
    StaffRoleAssignment,
    UnitLevel,
)

REFORM_DATE = date(2025, 7, 1)
TEST_PASSWORD = "Mat-khau-2026!"
_numbers = count(1)


def _next() -> int:
    return next(_numbers)


def make_province(*, code: str | None = None, name: str | None = None, **fields: Any) -> AdministrativeUnit:
    n = _next()
    name = name or f"Tỉnh Thử Nghiệm {n}"
    values: dict[str, Any] = {"unit_type": "Tỉnh", "valid_from": REFORM_DATE} | fields
    return AdministrativeUnit.objects.create(
        code=code or f"P{n}", name=name, level=UnitLevel.PROVINCE, name_folded=fold(name), **values
    )


def make_commune(
    *, code: str | None = None, name: str | None = None, parent: AdministrativeUnit | None = None, **fields: Any
) -> AdministrativeUnit:
    n = _next()
    name = name or f"Xã Thử Nghiệm {n}"
    values: dict[str, Any] = {"unit_type": "Xã", "valid_from": REFORM_DATE} | fields
    return AdministrativeUnit.objects.create(
        code=code or f"{90000 + n:05d}",
        name=name,
        level=UnitLevel.COMMUNE,
        parent=parent or make_province(),
        name_folded=fold(name),
        **values,
    )


def make_agency(
    *,
    code: str | None = None,
    name: str | None = None,
    kind: str = AgencyKind.PROVINCIAL_DEPARTMENT,
    parent: Agency | None = None,
    administrative_unit: AdministrativeUnit | None = None,
    **fields: Any,
) -> Agency:
    n = _next()
    return Agency.objects.create(
        code=code or f"H99.{n:02d}",
        name=name or f"Sở Thử nghiệm số {n}",
        kind=kind,
        parent=parent,
        administrative_unit=administrative_unit or make_province(),
        **fields,
    )


def make_department(
    *, agency: Agency | None = None, code: str | None = None, name: str | None = None, **fields: Any
) -> Department:
    n = _next()
    return Department.objects.create(
        agency=agency or make_agency(), code=code or f"P{n:02d}", name=name or f"Phòng số {n}", **fields
    )


def make_position(*, code: str | None = None, name: str | None = None, rank: int = 80) -> Position:
    n = _next()
    return Position.objects.create(code=code or f"POS_{n}", name=name or f"Chức vụ {n}", rank=rank)


def make_user(**fields: Any) -> User:
    n = _next()
    values: dict[str, Any] = {
        "username": f"user{n:03d}",
        "full_name": f"Nguyễn Văn Thử {n}",
        "kind": UserKind.STAFF,
    } | fields
    user = User(**values)
    user.set_password(TEST_PASSWORD)
    user.save()
    return user


def make_post(*, user: User | None = None, agency: Agency | None = None, **fields: Any) -> StaffMember:
    return StaffMember.objects.create(user=user or make_user(), agency=agency or make_agency(), **fields)


def make_staff(agency: Agency, *roles: Role, **user_fields: Any) -> User:
    """A staff account with one active post in ``agency`` holding ``roles``."""
    user = make_user(**user_fields)
    staff = make_post(user=user, agency=agency)
    for role in roles:
        StaffRoleAssignment.objects.create(staff_member=staff, role=role)
    return user


def make_citizen(**fields: Any) -> User:
    values: dict[str, Any] = {"kind": UserKind.CITIZEN, "citizen_id": "045190002345", "phone": "0905110002"}
    return make_user(**(values | fields))
