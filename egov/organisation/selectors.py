"""Reads of agencies, departments, positions and staff, always scoped to what the user may see."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from egov.core.text import fold
from egov.organisation.access import VIEW_AGENCY, VIEW_STAFF
from egov.organisation.models import Agency, AgencyLegacyCode, Department, Position, StaffMember, StaffRoleAssignment


def agency_list(
    *,
    user: Any,
    search: str | None = None,
    kind: str | None = None,
    parent_id: int | None = None,
    administrative_unit_id: int | None = None,
    is_active: bool | None = None,
) -> QuerySet[Agency]:
    """Agencies the user may see; ``search`` matches the accent-folded name or the code."""
    qs = Agency.objects.visible_to(user, VIEW_AGENCY).select_related("parent", "administrative_unit")
    qs = qs.prefetch_related(Prefetch("legacy_codes", queryset=AgencyLegacyCode.objects.order_by("code")))
    if search and search.strip():
        folded = fold(search)
        qs = qs.filter(Q(name_folded__contains=folded) | Q(code__icontains=search.strip()))
    if kind:
        qs = qs.filter(kind=kind)
    if parent_id is not None:
        qs = qs.filter(parent_id=parent_id)
    if administrative_unit_id is not None:
        qs = qs.filter(administrative_unit_id=administrative_unit_id)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    return qs.order_by("code")


def agency_get(*, user: Any, agency_id: int) -> Agency | None:
    return agency_list(user=user).filter(pk=agency_id).first()


def department_list(
    *, user: Any, agency_id: int | None = None, is_active: bool | None = None, search: str | None = None
) -> QuerySet[Department]:
    qs = Department.objects.visible_to(user, VIEW_AGENCY).select_related("agency")
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    if search and search.strip():
        qs = qs.filter(Q(name__icontains=search.strip()) | Q(code__icontains=search.strip()))
    return qs.order_by("agency__code", "name", "pk")


def position_list(*, search: str | None = None) -> QuerySet[Position]:
    qs = Position.objects.all()
    if search and search.strip():
        qs = qs.filter(Q(name__icontains=search.strip()) | Q(code__icontains=search.strip()))
    return qs.order_by("rank", "name", "pk")


def staff_list(
    *,
    user: Any,
    agency_id: int | None = None,
    department_id: int | None = None,
    role: str | None = None,
    search: str | None = None,
    is_active: bool | None = None,
) -> QuerySet[StaffMember]:
    """Staff posts the user may see. ``search`` matches the name, e-mail or username; a name typed
    without accents ("nguyen van an") also finds the username ``..._nguyenvanan``."""
    qs = StaffMember.objects.visible_to(user, VIEW_STAFF).select_related("user", "agency", "department", "position")
    qs = qs.prefetch_related(Prefetch("role_assignments", queryset=StaffRoleAssignment.objects.order_by("role")))
    if agency_id is not None:
        qs = qs.filter(agency_id=agency_id)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    if role:
        qs = qs.filter(role_assignments__role=role)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    if search and search.strip():
        term = search.strip()
        compact = fold(term).replace(" ", "")
        qs = qs.filter(
            Q(user__full_name__icontains=term)
            | Q(user__username__icontains=term)
            | Q(user__email__icontains=term)
            | Q(user__username__icontains=compact)
        )
    return qs.order_by("agency__code", "user__full_name", "pk")


def staff_roles(staff: StaffMember) -> list[str]:
    """The roles of a post (uses the prefetched assignments when present)."""
    return sorted(assignment.role for assignment in staff.role_assignments.all())
