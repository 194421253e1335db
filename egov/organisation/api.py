"""REST API of the organisation directory, mounted at ``/api/v1/organisation``.

Thin: parse, check access (``access.py``: objects of agencies the caller cannot see are 404),
call a service or selector, shape the output. ``request.auth`` is the authenticated user.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from egov.core.errors import NotFoundError
from egov.organisation import selectors
from egov.organisation.access import (
    ADD_AGENCY,
    CHANGE_AGENCY,
    MANAGE_DEPARTMENTS,
    VIEW_AGENCY,
    VIEW_STAFF,
    access_agency_object,
)
from egov.organisation.api_helpers import PAGE, AuthedRequest, changed_fields, require_staff_access
from egov.organisation.api_staff import router as staff_router
from egov.organisation.models import Agency, Department, Position
from egov.organisation.schemas import (
    AgencyCreateIn,
    AgencyFilter,
    AgencyOut,
    AgencyUpdateIn,
    DepartmentCreateIn,
    DepartmentOut,
    DepartmentUpdateIn,
    LegacyCodeIn,
    PositionCreateIn,
    PositionOut,
    PositionUpdateIn,
    ReasonIn,
)
from egov.organisation.services import agencies as agency_services
from egov.organisation.services import departments as department_services

router = Router(tags=["organisation"])
router.add_router("", staff_router)


def _agency_out(agency_id: int, user: Any) -> Agency:
    """Reload with the related rows the output needs (and through the user's scope again)."""
    agency = selectors.agency_get(user=user, agency_id=agency_id)
    if agency is None:
        raise NotFoundError(_("Agency not found."))
    return agency


@router.get("/agencies", response=list[AgencyOut], summary="Agencies you may see")
@paginate(PageNumberPagination, **PAGE)
def list_agencies(request: AuthedRequest, filters: Query[AgencyFilter]) -> QuerySet[Agency]:
    require_staff_access(request.auth, VIEW_AGENCY)
    return selectors.agency_list(
        user=request.auth,
        search=filters.q,
        kind=filters.kind,
        parent_id=filters.parent_id,
        administrative_unit_id=filters.administrative_unit_id,
        is_active=filters.is_active,
    )


@router.get("/agencies/{agency_id}", response=AgencyOut, summary="One agency")
def get_agency(request: AuthedRequest, agency_id: int) -> Agency:
    access_agency_object(request.auth, Agency, agency_id, VIEW_AGENCY)
    return _agency_out(agency_id, request.auth)


@router.post("/agencies", response={201: AgencyOut}, summary="Create an agency")
def create_agency(request: AuthedRequest, payload: AgencyCreateIn) -> Status[Agency]:
    if payload.parent_id is not None:
        access_agency_object(request.auth, Agency, payload.parent_id, ADD_AGENCY)
    data = payload.model_dump()
    data["legacy_codes"] = [agency_services.LegacyCodeData(**item) for item in data["legacy_codes"]]
    agency = agency_services.agency_create(acting_user=request.auth, **data)
    return Status(201, _agency_out(agency.pk, request.auth))


@router.patch("/agencies/{agency_id}", response=AgencyOut, summary="Change an agency")
def update_agency(request: AuthedRequest, agency_id: int, payload: AgencyUpdateIn) -> Agency:
    data = changed_fields(payload, required=frozenset({"code", "name", "kind", "administrative_unit_id"}))
    # The service decides which changed fields need the province-level add_agency.
    access_agency_object(request.auth, Agency, agency_id, CHANGE_AGENCY)
    agency_services.agency_update(acting_user=request.auth, agency_id=agency_id, data=data)
    return _agency_out(agency_id, request.auth)


@router.post("/agencies/{agency_id}/deactivate", response=AgencyOut, summary="End an agency")
def deactivate_agency(request: AuthedRequest, agency_id: int, payload: ReasonIn) -> Agency:
    access_agency_object(request.auth, Agency, agency_id, ADD_AGENCY)
    agency_services.agency_deactivate(acting_user=request.auth, agency_id=agency_id, reason=payload.reason)
    return _agency_out(agency_id, request.auth)


@router.post("/agencies/{agency_id}/reactivate", response=AgencyOut, summary="Restore an agency")
def reactivate_agency(request: AuthedRequest, agency_id: int) -> Agency:
    access_agency_object(request.auth, Agency, agency_id, ADD_AGENCY)
    agency_services.agency_reactivate(acting_user=request.auth, agency_id=agency_id)
    return _agency_out(agency_id, request.auth)


@router.post("/agencies/{agency_id}/legacy-codes", response={201: AgencyOut}, summary="Record a legacy code")
def add_legacy_code(request: AuthedRequest, agency_id: int, payload: LegacyCodeIn) -> Status[Agency]:
    access_agency_object(request.auth, Agency, agency_id, ADD_AGENCY)
    agency_services.agency_legacy_code_add(acting_user=request.auth, agency_id=agency_id, **payload.model_dump())
    return Status(201, _agency_out(agency_id, request.auth))


@router.delete("/agencies/{agency_id}/legacy-codes/{code_id}", response=AgencyOut, summary="Remove a legacy code")
def remove_legacy_code(request: AuthedRequest, agency_id: int, code_id: int) -> Agency:
    access_agency_object(request.auth, Agency, agency_id, ADD_AGENCY)
    agency_services.agency_legacy_code_remove(acting_user=request.auth, agency_id=agency_id, legacy_code_id=code_id)
    return _agency_out(agency_id, request.auth)


@router.get("/agencies/{agency_id}/departments", response=list[DepartmentOut], summary="Departments of an agency")
@paginate(PageNumberPagination, **PAGE)
def list_agency_departments(
    request: AuthedRequest, agency_id: int, is_active: bool | None = None
) -> QuerySet[Department]:
    access_agency_object(request.auth, Agency, agency_id, VIEW_AGENCY)
    return selectors.department_list(user=request.auth, agency_id=agency_id, is_active=is_active)


@router.post("/agencies/{agency_id}/departments", response={201: DepartmentOut}, summary="Create a department")
def create_department(request: AuthedRequest, agency_id: int, payload: DepartmentCreateIn) -> Status[Department]:
    access_agency_object(request.auth, Agency, agency_id, MANAGE_DEPARTMENTS)
    department = department_services.department_create(
        acting_user=request.auth, agency_id=agency_id, code=payload.code, name=payload.name
    )
    return Status(201, department)


@router.get("/departments", response=list[DepartmentOut], summary="Departments you may see")
@paginate(PageNumberPagination, **PAGE)
def list_departments(
    request: AuthedRequest, agency_id: int | None = None, is_active: bool | None = None, q: str | None = None
) -> QuerySet[Department]:
    require_staff_access(request.auth, VIEW_AGENCY)
    return selectors.department_list(user=request.auth, agency_id=agency_id, is_active=is_active, search=q)


@router.get("/departments/{department_id}", response=DepartmentOut, summary="One department")
def get_department(request: AuthedRequest, department_id: int) -> Department:
    return access_agency_object(request.auth, Department.objects.select_related("agency"), department_id, VIEW_AGENCY)


@router.patch("/departments/{department_id}", response=DepartmentOut, summary="Change a department")
def update_department(request: AuthedRequest, department_id: int, payload: DepartmentUpdateIn) -> Department:
    access_agency_object(request.auth, Department, department_id, MANAGE_DEPARTMENTS)
    data = changed_fields(payload, required=frozenset({"code", "name"}))
    return department_services.department_update(acting_user=request.auth, department_id=department_id, data=data)


@router.post("/departments/{department_id}/deactivate", response=DepartmentOut, summary="Close a department")
def deactivate_department(request: AuthedRequest, department_id: int) -> Department:
    access_agency_object(request.auth, Department, department_id, MANAGE_DEPARTMENTS)
    return department_services.department_set_active(
        acting_user=request.auth, department_id=department_id, is_active=False
    )


@router.post("/departments/{department_id}/reactivate", response=DepartmentOut, summary="Reopen a department")
def reactivate_department(request: AuthedRequest, department_id: int) -> Department:
    access_agency_object(request.auth, Department, department_id, MANAGE_DEPARTMENTS)
    return department_services.department_set_active(
        acting_user=request.auth, department_id=department_id, is_active=True
    )


@router.get("/positions", response=list[PositionOut], summary="Position titles")
@paginate(PageNumberPagination, **PAGE)
def list_positions(request: AuthedRequest, q: str | None = None) -> QuerySet[Position]:
    require_staff_access(request.auth, VIEW_STAFF)
    return selectors.position_list(search=q)


@router.post("/positions", response={201: PositionOut}, summary="Create a position title")
def create_position(request: AuthedRequest, payload: PositionCreateIn) -> Status[Position]:
    return Status(201, department_services.position_create(acting_user=request.auth, **payload.model_dump()))


@router.patch("/positions/{position_id}", response=PositionOut, summary="Change a position title")
def update_position(request: AuthedRequest, position_id: int, payload: PositionUpdateIn) -> Position:
    data = changed_fields(payload, required=frozenset({"code", "name", "rank"}))
    return department_services.position_update(acting_user=request.auth, position_id=position_id, data=data)
