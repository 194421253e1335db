"""A small province for the organisation tests:

provincial PC (pc) ── department A (dept_a) ── sub-unit of A (sub_a)
                  ├── department B (dept_b)
                  └── commune PC (commune)
"""

from dataclasses import dataclass

import pytest

from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind
from egov.organisation.tests.factories import make_agency, make_commune, make_province, make_staff


@dataclass
class Org:
    province: AdministrativeUnit
    commune_unit: AdministrativeUnit
    pc: Agency
    dept_a: Agency
    sub_a: Agency
    dept_b: Agency
    commune: Agency


@pytest.fixture
def org(db: None) -> Org:
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    commune_unit = make_commune(code="18880", name="Phường Đồng Hới", parent=province)
    pc = make_agency(
        code="H44",
        name="Ủy ban nhân dân tỉnh",
        kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE,
        administrative_unit=province,
    )
    dept_a = make_agency(code="H44.02", name="Sở Tư pháp", parent=pc, administrative_unit=province)
    sub_a = make_agency(
        code="H44.02.01",
        name="Trung tâm Trợ giúp pháp lý",
        kind=AgencyKind.OTHER,
        parent=dept_a,
        administrative_unit=province,
    )
    dept_b = make_agency(code="H44.04", name="Sở Xây dựng", parent=pc, administrative_unit=province)
    commune = make_agency(
        code="H44.101",
        name="Ủy ban nhân dân phường Đồng Hới",
        kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        parent=pc,
        administrative_unit=commune_unit,
    )
    return Org(province, commune_unit, pc, dept_a, sub_a, dept_b, commune)


@pytest.fixture
def province_admin(org: Org) -> User:
    return make_staff(org.pc, Role.PROVINCE_ADMIN, username="tinh_quantri")


@pytest.fixture
def auditor(org: Org) -> User:
    return make_staff(org.pc, Role.AUDITOR, username="tinh_kiemsoat")


@pytest.fixture
def pc_leader(org: Org) -> User:
    return make_staff(org.pc, Role.LEADER, username="ubndt_chutich")


@pytest.fixture
def admin_a(org: Org) -> User:
    return make_staff(org.dept_a, Role.AGENCY_ADMIN, username="stp_quantri")


@pytest.fixture
def specialist_a(org: Org) -> User:
    return make_staff(org.dept_a, Role.SPECIALIST, username="stp_chuyenvien")


@pytest.fixture
def admin_b(org: Org) -> User:
    return make_staff(org.dept_b, Role.AGENCY_ADMIN, username="sxd_quantri")
