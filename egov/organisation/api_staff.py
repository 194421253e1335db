"""Staff endpoints of the organisation API (``/api/v1/organisation/staff``)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from ninja import Query, Router, Status
from ninja.pagination import PageNumberPagination, paginate

from egov.organisation.access import MANAGE_STAFF, VIEW_STAFF, access_agency_object
from egov.organisation.api_helpers import PAGE, AuthedRequest, changed_fields, require_staff_access
from egov.organisation.models import Agency, StaffMember, StaffRoleAssignment
from egov.organisation.schemas import (
    StaffAdditionalPostIn,
    StaffCreateIn,
    StaffFilter,
    StaffMoveIn,
    StaffOut,
    StaffRolesIn,
    StaffRolesOut,
    StaffUpdateIn,
)
from egov.organisation.selectors import staff_list
from egov.organisation.services import staff as staff_services

router = Router(tags=["organisation: staff"])


def _staff_qs() -> QuerySet[StaffMember]:
    return StaffMember.objects.select_related("user", "agency", "department", "position").prefetch_related(
        Prefetch("role_assignments", queryset=StaffRoleAssignment.objects.order_by("role"))
    )


def _reload(staff_id: int) -> StaffMember:
    return _staff_qs().get(pk=staff_id)


def _access(user: Any, staff_id: int, perm: str) -> StaffMember:
    return access_agency_object(user, _staff_qs(), staff_id, perm)


@router.get("/staff", response=list[StaffOut], summary="Staff you may see")
@paginate(PageNumberPagination, **PAGE)
def list_staff(request: AuthedRequest, filters: Query[StaffFilter]) -> QuerySet[StaffMember]:
    require_staff_access(request.auth, VIEW_STAFF)
    return staff_list(
        user=request.auth,
        agency_id=filters.agency_id,
        department_id=filters.department_id,
        role=filters.role,
        search=filters.q,
        is_active=filters.is_active,
    )


@router.get("/staff/{staff_id}", response=StaffOut, summary="One staff member's post")
def get_staff(request: AuthedRequest, staff_id: int) -> StaffMember:
    return _access(request.auth, staff_id, VIEW_STAFF)


@router.post("/staff", response={201: StaffOut}, summary="Create a staff account and post")
def create_staff(request: AuthedRequest, payload: StaffCreateIn) -> Status[StaffMember]:
    access_agency_object(request.auth, Agency, payload.agency_id, MANAGE_STAFF)
    staff = staff_services.staff_create(acting_user=request.auth, **payload.model_dump())
    return Status(201, _reload(staff.pk))


@router.post(
    "/staff/{staff_id}/additional-posts",
    response={201: StaffOut},
    summary="Give the same person a post in another agency (kiêm nhiệm)",
)
def add_post(request: AuthedRequest, staff_id: int, payload: StaffAdditionalPostIn) -> Status[StaffMember]:
    source = _access(request.auth, staff_id, VIEW_STAFF)
    access_agency_object(request.auth, Agency, payload.agency_id, MANAGE_STAFF)
    staff = staff_services.staff_post_add(acting_user=request.auth, user_id=source.user_id, **payload.model_dump())
    return Status(201, _reload(staff.pk))


@router.patch("/staff/{staff_id}", response=StaffOut, summary="Change name, contacts or position")
def update_staff(request: AuthedRequest, staff_id: int, payload: StaffUpdateIn) -> StaffMember:
    _access(request.auth, staff_id, MANAGE_STAFF)
    data = changed_fields(payload, required=frozenset({"full_name"}))
    staff_services.staff_update(acting_user=request.auth, staff_id=staff_id, data=data)
    return _reload(staff_id)


@router.post("/staff/{staff_id}/move", response=StaffOut, summary="Move to another department")
def move_staff(request: AuthedRequest, staff_id: int, payload: StaffMoveIn) -> StaffMember:
    _access(request.auth, staff_id, MANAGE_STAFF)
    staff_services.staff_move_department(
        acting_user=request.auth, staff_id=staff_id, department_id=payload.department_id
    )
    return _reload(staff_id)


@router.post("/staff/{staff_id}/roles", response=StaffRolesOut, summary="Grant and withdraw roles")
def change_roles(request: AuthedRequest, staff_id: int, payload: StaffRolesIn) -> StaffRolesOut:
    _access(request.auth, staff_id, MANAGE_STAFF)
    roles = staff_services.staff_roles_change(
        acting_user=request.auth, staff_id=staff_id, add=payload.add, remove=payload.remove
    )
    return StaffRolesOut(staff_id=staff_id, roles=sorted(roles))


@router.post("/staff/{staff_id}/deactivate", response=StaffOut, summary="End a post")
def deactivate_staff(request: AuthedRequest, staff_id: int) -> StaffMember:
    _access(request.auth, staff_id, MANAGE_STAFF)
    staff_services.staff_set_active(acting_user=request.auth, staff_id=staff_id, is_active=False)
    return _reload(staff_id)


@router.post("/staff/{staff_id}/reactivate", response=StaffOut, summary="Restore a post")
def reactivate_staff(request: AuthedRequest, staff_id: int) -> StaffMember:
    _access(request.auth, staff_id, MANAGE_STAFF)
    staff_services.staff_set_active(acting_user=request.auth, staff_id=staff_id, is_active=True)
    return _reload(staff_id)
