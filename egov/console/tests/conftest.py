"""Fixtures of the console tests: a small province with posts and roles, made row by row."""

from collections.abc import Callable
from typing import Any

import pytest

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


@pytest.fixture
def province(db: Any) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(code="44", name="Quảng Trị", unit_type="Tỉnh", level=UnitLevel.PROVINCE)


@pytest.fixture
def justice_department(province: AdministrativeUnit) -> Agency:
    return Agency.objects.create(
        code="000.00.06.H44",
        name="Sở Tư pháp tỉnh Quảng Trị",
        kind=AgencyKind.PROVINCIAL_DEPARTMENT,
        administrative_unit=province,
    )


@pytest.fixture
def provincial_committee(province: AdministrativeUnit) -> Agency:
    return Agency.objects.create(
        code="000.00.00.H44",
        name="Ủy ban nhân dân tỉnh Quảng Trị",
        kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
        administrative_unit=province,
    )


MakeOfficer = Callable[..., User]


@pytest.fixture
def make_officer(justice_department: Agency) -> MakeOfficer:
    """``make_officer("an", roles=[Role.AUDITOR], agency=..., department="…", position="…")``."""

    def make(
        username: str,
        *,
        roles: list[Role] | tuple[Role, ...] = (),
        agency: Agency | None = None,
        department: str = "",
        position: str = "",
        full_name: str = "",
        is_staff: bool = False,
    ) -> User:
        user = User.objects.create_user(
            username=username,
            password="correct horse battery",
            kind=UserKind.STAFF,
            full_name=full_name,
            is_staff=is_staff,
        )
        agency = agency or justice_department
        post = StaffMember.objects.create(
            user=user,
            agency=agency,
            department=Department.objects.create(agency=agency, code=username, name=department) if department else None,
            position=Position.objects.get_or_create(code=position, defaults={"name": position, "rank": 10})[0]
            if position
            else None,
        )
        for role in roles:
            StaffRoleAssignment.objects.create(staff_member=post, role=role)
        return user

    return make


@pytest.fixture
def citizen(db: Any) -> User:
    return User.objects.create_user(
        username="citizen1", password="correct horse battery", kind=UserKind.CITIZEN, citizen_id="045090001234"
    )


@pytest.fixture
def auditor(make_officer: MakeOfficer) -> User:
    return make_officer("auditor1", roles=[Role.AUDITOR], full_name="Lê Thị Kiểm")


@pytest.fixture
def desk_officer(make_officer: MakeOfficer) -> User:
    return make_officer("desk1", roles=[Role.DESK_OFFICER], full_name="Trần Văn Tiếp")
