"""Load the demo province (``demo/data.py``) through the services, so it is validated and audited.

Idempotent: rows that exist (matched by code or username) are left as they are; only missing ones
are created. The administrative units must be loaded first (``manage.py load_admin_units``).
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.identity.models import User, UserKind
from egov.organisation.demo.data import (
    AGENCIES,
    CITIZENS,
    DEMO_PASSWORD,
    POSITIONS,
    PROVINCE_CODE,
    ROOT_AGENCY_CODE,
    STAFF,
    STAFF_EMAIL_DOMAIN,
    AgencySpec,
)
from egov.organisation.models import AdministrativeUnit, Agency, Department, Position, UnitLevel
from egov.organisation.services.agencies import LegacyCodeData, agency_create
from egov.organisation.services.departments import department_create, position_create
from egov.organisation.services.staff import staff_create


@dataclass(frozen=True)
class DemoSummary:
    positions_created: int
    agencies_created: int
    departments_created: int
    staff_created: int
    citizens_created: int

    @property
    def created(self) -> int:
        return (
            self.positions_created
            + self.agencies_created
            + self.departments_created
            + self.staff_created
            + self.citizens_created
        )


def demo_exists() -> bool:
    return Agency.objects.filter(code=ROOT_AGENCY_CODE).exists()


def demo_units_loaded() -> bool:
    return _current_units(UnitLevel.PROVINCE, [PROVINCE_CODE]).get(PROVINCE_CODE) is not None


def citizen_username(citizen_id: str) -> str:
    # The identity app's convention for self-registered citizens (they log in by ID number or phone).
    return f"citizen-{citizen_id}"


@transaction.atomic
def demo_load() -> DemoSummary:
    units = _units()
    positions_created = _load_positions()
    positions = dict(Position.objects.values_list("code", "pk"))
    agencies_created, departments_created, agency_ids = _load_agencies(units)
    departments = {
        (agency_id, code): pk for agency_id, code, pk in Department.objects.values_list("agency_id", "code", "pk")
    }
    new_users: list[int] = []
    for spec in STAFF:
        if User.objects.filter(username=spec.username).exists():
            continue
        agency_id = agency_ids[spec.agency]
        staff = staff_create(
            acting_user=None,
            agency_id=agency_id,
            username=spec.username,
            full_name=spec.full_name,
            email=f"{spec.username}@{STAFF_EMAIL_DOMAIN}",
            phone=spec.phone,
            department_id=departments.get((agency_id, spec.department)) if spec.department else None,
            position_id=positions[spec.position],
            roles=[role.value for role in spec.roles],
        )
        new_users.append(staff.user_id)
    citizens_created = _load_citizens(new_users)
    if new_users:
        # One hash for every demo account: hashing is deliberately slow, the password is public anyway.
        User.objects.filter(pk__in=new_users).update(password=make_password(DEMO_PASSWORD))
    summary = DemoSummary(
        positions_created=positions_created,
        agencies_created=agencies_created,
        departments_created=departments_created,
        staff_created=len(new_users) - citizens_created,
        citizens_created=citizens_created,
    )
    if summary.created:
        audit_record(
            actor=None,
            action="organisation.demo_load",
            object_type="organisation.demo",
            object_id=ROOT_AGENCY_CODE,
            agency_id=agency_ids[AGENCIES[0].key],
            changes={
                "positions": summary.positions_created,
                "agencies": summary.agencies_created,
                "departments": summary.departments_created,
                "staff": summary.staff_created,
                "citizens": summary.citizens_created,
            },
        )
    return summary


def _current_units(level: str, codes: list[str]) -> dict[str, AdministrativeUnit]:
    found: dict[str, AdministrativeUnit] = {}
    for unit in AdministrativeUnit.objects.filter(level=level, code__in=codes, valid_to__isnull=True).order_by(
        "valid_from"
    ):
        found[unit.code] = unit  # the newest period wins
    return found


def _units() -> dict[str, AdministrativeUnit]:
    commune_codes = sorted({spec.unit_code for spec in AGENCIES if spec.unit_code != PROVINCE_CODE})
    units = _current_units(UnitLevel.PROVINCE, [PROVINCE_CODE]) | _current_units(UnitLevel.COMMUNE, commune_codes)
    missing = sorted({PROVINCE_CODE, *commune_codes} - set(units))
    if missing:
        raise ApplicationError(
            format_lazy(
                _("Load the administrative units first (manage.py load_admin_units); missing: {codes}"),
                codes=", ".join(missing),
            ),
            code="demo_units_missing",
        )
    return units


def _load_positions() -> int:
    existing = set(Position.objects.values_list("code", flat=True))
    created = 0
    for code, name, rank in POSITIONS:
        if code not in existing:
            position_create(acting_user=None, code=code, name=name, rank=rank)
            created += 1
    return created


def _load_agencies(units: dict[str, AdministrativeUnit]) -> tuple[int, int, dict[str, int]]:
    agency_ids: dict[str, int] = dict(
        Agency.objects.filter(code__in=[spec.code for spec in AGENCIES]).values_list("code", "pk")
    )
    by_key: dict[str, int] = {}
    agencies_created = departments_created = 0
    for spec in AGENCIES:  # parents come before their children
        agency_id = agency_ids.get(spec.code)
        if agency_id is None:
            agency_id = _create_agency(spec, units, parent_id=by_key[spec.parent] if spec.parent else None)
            agencies_created += 1
        by_key[spec.key] = agency_id
        existing = set(Department.objects.filter(agency_id=agency_id).values_list("code", flat=True))
        for code, name in spec.departments:
            if code not in existing:
                department_create(acting_user=None, agency_id=agency_id, code=code, name=name)
                departments_created += 1
    return agencies_created, departments_created, by_key


def _create_agency(spec: AgencySpec, units: dict[str, AdministrativeUnit], *, parent_id: int | None) -> int:
    agency = agency_create(
        acting_user=None,
        code=spec.code,
        name=spec.name,
        short_name=spec.short_name,
        kind=spec.kind,
        administrative_unit_id=units[spec.unit_code].pk,
        parent_id=parent_id,
        email=spec.email,
        phone=spec.phone,
        address=spec.address,
        legacy_codes=[LegacyCodeData(code=spec.legacy_code)] if spec.legacy_code else [],
    )
    return agency.pk


def _load_citizens(new_users: list[int]) -> int:
    created = 0
    for spec in CITIZENS:
        if User.objects.filter(citizen_id=spec.citizen_id).exists():
            continue
        user = User(
            username=citizen_username(spec.citizen_id),
            kind=UserKind.CITIZEN,
            full_name=spec.full_name,
            citizen_id=spec.citizen_id,
            phone=spec.phone,
            email=spec.email,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        new_users.append(user.pk)
        created += 1
    return created
