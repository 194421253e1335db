"""Fixtures of the process-template tests (import ``place_fixture`` / ``birth_fixture``; use ``place`` / ``birth``): a province with one commune, and procedures written
straight to the database (the tests of the catalogue's write path live elsewhere).

province PC (pc) ── Sở Nông nghiệp và Môi trường (dept, with its land department)
                 └── commune PC (commune) ── its one-stop centre (centre)
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, Department
from egov.organisation.tests.factories import make_agency, make_commune, make_department, make_province
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import Channel, ImplementingLevel, Procedure, ProcedureVersion
from egov.procedures.services.process_rules import ProcessStepData, ProcessTemplateData


@dataclass
class Place:
    province: AdministrativeUnit
    commune_unit: AdministrativeUnit
    pc: Agency
    dept: Agency
    land: Department
    commune: Agency
    centre: Agency
    culture: Department  # the commune's Phòng Văn hóa - Xã hội


def make_procedure(
    code: str,
    *,
    name: str = "Thủ tục thử",
    levels: tuple[str, ...] = ("commune",),
    channels: tuple[tuple[str, Decimal | None, str], ...] = (
        (ChannelKind.COUNTER, Decimal(1), TimeUnit.WORKING_DAY),
        (ChannelKind.ONLINE_FULL, Decimal(1), TimeUnit.WORKING_DAY),
    ),
) -> Procedure:
    procedure = Procedure.objects.create(code=code, name=name, name_folded=name.lower())
    version = ProcedureVersion.objects.create(procedure=procedure, number=1, name=name)
    version.levels.set(ImplementingLevel.objects.filter(code__in=levels))
    for kind, time, unit in channels:
        Channel.objects.create(version=version, kind=kind, processing_time=time, time_unit=unit)
    procedure.current_version = version
    procedure.save(update_fields=["current_version"])
    return procedure


@pytest.fixture(name="place")
def place_fixture(db: None) -> Place:
    province = make_province(code="44", name="Tỉnh Quảng Trị")
    commune_unit = make_commune(code="18880", name="Phường Đồng Hới", parent=province)
    pc = make_agency(
        code="H44", name="UBND tỉnh", kind=AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE, administrative_unit=province
    )
    dept = make_agency(code="H44.05", name="Sở Nông nghiệp và Môi trường", parent=pc, administrative_unit=province)
    commune = make_agency(
        code="H44.101",
        name="UBND phường Đồng Hới",
        kind=AgencyKind.COMMUNE_PEOPLES_COMMITTEE,
        parent=pc,
        administrative_unit=commune_unit,
    )
    centre = make_agency(
        code="H44.101.01",
        name="Trung tâm PVHCC phường Đồng Hới",
        kind=AgencyKind.PUBLIC_SERVICE_CENTRE,
        parent=commune,
        administrative_unit=commune_unit,
    )
    land = make_department(agency=dept, code="QLDD", name="Phòng Quản lý đất đai")
    culture = make_department(agency=commune, code="VHXH", name="Phòng Văn hóa - Xã hội")
    return Place(province, commune_unit, pc, dept, land, commune, centre, culture)


@pytest.fixture(name="birth")
def birth_fixture(place: Place) -> Procedure:
    return make_procedure("1.001193", name="Thủ tục đăng ký khai sinh")


def commune_level_id() -> int:
    return ImplementingLevel.objects.get(code="commune").pk


def step(order: int, hours: str, **fields: object) -> ProcessStepData:
    values: dict[str, object] = {
        "name": f"Bước {order}",
        "role": "specialist",
        "actions": ("forward",),
        "duration_unit": TimeUnit.WORKING_HOUR.value,
    } | fields
    return ProcessStepData(order=order, duration=Decimal(hours), **values)  # type: ignore[arg-type]


def birth_steps() -> tuple[ProcessStepData, ...]:
    """Desk receives (4 h) → specialist checks (2 h) → leader signs (1.5 h) → desk returns (0.5 h) = 1 day."""
    return (
        step(
            1,
            "4",
            name="Tiếp nhận hồ sơ",
            role="desk_officer",
            actions=("receive", "request_supplement", "refuse", "forward"),
        ),
        step(2, "2", name="Thẩm tra hồ sơ", role="specialist", actions=("forward", "send_back", "verify")),
        step(3, "1.5", name="Ký Giấy khai sinh", role="leader", actions=("sign", "send_back")),
        step(4, "0.5", name="Trả kết quả", role="desk_officer", actions=("return_result",)),
    )


def template_data(procedure: Procedure, **fields: object) -> ProcessTemplateData:
    values: dict[str, object] = {
        "name": "Quy trình đăng ký khai sinh cấp xã",
        "total_time": Decimal(1),
        "total_time_unit": TimeUnit.WORKING_DAY.value,
        "level_id": commune_level_id(),
        "steps": birth_steps(),
    } | fields
    return ProcessTemplateData(procedure_id=procedure.pk, **values)  # type: ignore[arg-type]
