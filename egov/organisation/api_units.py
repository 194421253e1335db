"""Public, read-only API of administrative units (mounted at ``/api/v1/admin-units``).

Everyone may read it (``auth=None``): the names, codes and mapping are public facts that citizens'
address forms and integrators need. Lists are paginated (``limit`` ≤ 500, ``offset``).
"""

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from egov.organisation.models import AdministrativeUnit, UnitLevel, UnitSuccession
from egov.organisation.unit_selectors import (
    LegacyMatch,
    UnitMatch,
    unit_get,
    unit_legacy_lookup,
    unit_list_communes,
    unit_list_provinces,
    unit_predecessions_of,
    unit_successions_of,
)

router = Router(tags=["administrative units"])

Level = Literal["province", "district", "commune"]
MAX_LIMIT = 500


class UnitPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="page size, at most 500")
        offset: int = Field(0, ge=0)


class UnitRefOut(Schema):
    code: str
    name: str
    unit_type: str
    level: str
    valid_from: date | None
    valid_to: date | None


class UnitOut(UnitRefOut):
    short_name: str
    parent_code: str | None = None

    @staticmethod
    def resolve_parent_code(obj: AdministrativeUnit) -> str | None:
        return obj.parent.code if obj.parent is not None else None


class LinkedUnitOut(UnitRefOut):
    """A unit before or after a reorganisation, with its province (or district, before 2025)."""

    parent_code: str | None
    parent_name: str | None
    effective_date: date | None
    is_partial: bool
    is_default: bool


class UnitDetailOut(UnitRefOut):
    short_name: str
    parent_code: str | None
    parent: UnitRefOut | None
    province: UnitRefOut | None
    successors: list[LinkedUnitOut]
    predecessors: list[LinkedUnitOut]


class LegacyMatchOut(Schema):
    unit: UnitRefOut
    district: UnitRefOut | None
    province: UnitRefOut | None
    successors: list[LinkedUnitOut]


class AtFilter(Schema):
    at: date | None = Field(None, description="the day the units were valid (default today), e.g. 2025-06-30")


class SearchFilter(AtFilter):
    q: str | None = Field(None, max_length=100, description="words of the name; accents and case ignored")


class UnitFilter(AtFilter):
    level: Level | None = Field(None, description="default: from the code length (2, 3 or 5 digits)")


class LegacyLookupFilter(Schema):
    province: str = Field(..., min_length=1, max_length=100, description='old province, e.g. "Quảng Bình"')
    district: str | None = Field(None, max_length=100, description='old district, e.g. "TP Đồng Hới"')
    ward: str | None = Field(None, max_length=100, description='old commune, e.g. "phuong hai thanh"')
    at: date | None = Field(None, description="the day the names were valid (default 2025-06-30)")


def _ref(unit: AdministrativeUnit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {
        "code": unit.code,
        "name": unit.name,
        "unit_type": unit.unit_type,
        "level": unit.level,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def _linked(
    unit: AdministrativeUnit, *, effective_date: date | None, is_partial: bool, is_default: bool = True
) -> dict[str, Any]:
    parent = unit.parent
    return {
        **(_ref(unit) or {}),
        "parent_code": parent.code if parent else None,
        "parent_name": parent.name if parent else None,
        "effective_date": effective_date,
        "is_partial": is_partial,
        "is_default": is_default,
    }


def _province_of(unit: AdministrativeUnit) -> AdministrativeUnit | None:
    node = unit
    while node.parent is not None:
        node = node.parent
    return node if node.level == UnitLevel.PROVINCE else None


@router.get("/provinces", response=list[UnitOut], auth=None, summary="Provinces (34 since 2025-07-01)")
@paginate(UnitPagination)
def list_provinces(request: HttpRequest, filters: Query[SearchFilter]) -> Any:
    return unit_list_provinces(on=filters.at, q=filters.q).select_related("parent")


@router.get("/provinces/{code}/communes", response=list[UnitOut], auth=None, summary="Communes of a province")
@paginate(UnitPagination)
def list_communes(request: HttpRequest, code: str, filters: Query[SearchFilter]) -> Any:
    return unit_list_communes(code, q=filters.q, on=filters.at)


@router.get(
    "/legacy-lookup",
    response=list[LegacyMatchOut],
    auth=None,
    summary="Old address (before 2025-07-01) → today's units",
)
@paginate(UnitPagination)
def legacy_lookup(request: HttpRequest, filters: Query[LegacyLookupFilter]) -> Any:
    matches = unit_legacy_lookup(
        province=filters.province,
        district=filters.district,
        ward=filters.ward,
        **({"on": filters.at} if filters.at else {}),
    )
    return [_legacy_out(match) for match in matches]


def _legacy_out(match: LegacyMatch) -> dict[str, Any]:
    unit = match.unit
    district = unit if unit.level == UnitLevel.DISTRICT else unit.parent
    if district is not None and district.level != UnitLevel.DISTRICT:
        district = None
    return {
        "unit": _ref(unit),
        "district": _ref(district),
        "province": _ref(_province_of(unit)),
        "successors": [_match_out(successor) for successor in match.successors],
    }


def _match_out(match: UnitMatch) -> dict[str, Any]:
    return _linked(match.unit, effective_date=None, is_partial=match.is_partial, is_default=match.is_default)


@router.get("/{code}", response=UnitDetailOut, auth=None, summary="One unit with its successors and predecessors")
def get_unit(request: HttpRequest, code: str, filters: Query[UnitFilter]) -> dict[str, Any]:
    unit = unit_get(code, level=filters.level, on=filters.at)
    successions: list[UnitSuccession] = list(unit_successions_of(unit))
    predecessions: list[UnitSuccession] = list(unit_predecessions_of(unit))
    return {
        **(_ref(unit) or {}),
        "short_name": unit.short_name,
        "parent_code": unit.parent.code if unit.parent else None,
        "parent": _ref(unit.parent),
        "province": _ref(_province_of(unit)),
        "successors": [
            _linked(s.successor, effective_date=s.effective_date, is_partial=s.is_partial, is_default=s.is_default)
            for s in successions
        ],
        "predecessors": [
            _linked(s.predecessor, effective_date=s.effective_date, is_partial=s.is_partial, is_default=s.is_default)
            for s in predecessions
        ],
    }
