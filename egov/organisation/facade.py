"""The public surface of the organisation app for higher apps (workflow, dossiers, console, portal).

Access checks (``has_permission``, ``visible_agency_ids``, ``access_agency_object``) and the
``AgencyScopedQuerySet`` mixin every model with an ``agency`` foreign key uses; plus small frozen
summaries of agencies so other apps need not touch the models.
"""

from dataclasses import dataclass

from egov.organisation.access import (
    ADD_AGENCY,
    CHANGE_AGENCY,
    MANAGE_DEPARTMENTS,
    MANAGE_POSITIONS,
    MANAGE_STAFF,
    OVERSIGHT_ROLES,
    VIEW_AGENCY,
    VIEW_STAFF,
    access_agency_object,
    clear_access_cache,
    grantable_roles,
    has_permission,
    has_province_permission,
    held_roles,
    is_province_admin,
    require_permission,
    user_roles,
    visible_agency_ids,
)
from egov.organisation.models import Agency, AgencyKind, StaffMember
from egov.organisation.querysets import ALL, AgencyScope, AgencyScopedQuerySet, AllAgencies


@dataclass(frozen=True)
class AgencySummary:
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    parent_id: int | None
    administrative_unit_id: int
    is_active: bool


def _summary(agency: Agency) -> AgencySummary:
    return AgencySummary(
        id=agency.pk,
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        kind=agency.kind,
        parent_id=agency.parent_id,
        administrative_unit_id=agency.administrative_unit_id,
        is_active=agency.is_active,
    )


def agency_get_summary(agency_id: int) -> AgencySummary | None:
    """Public facts about one agency (name and code appear on receipts and documents)."""
    agency = Agency.objects.filter(pk=agency_id).first()
    return _summary(agency) if agency is not None else None


def agency_get_by_code(code: str) -> AgencySummary | None:
    """Resolve a current or legacy code (edXML OrganId, old dossier codes) to the agency."""
    agency = Agency.objects.filter(code=code).first() or Agency.objects.filter(legacy_codes__code=code).first()
    return _summary(agency) if agency is not None else None


def agency_directory(*, active_only: bool = True, kind: str | None = None) -> list[AgencySummary]:
    """The public directory of agencies, e.g. to pick a receiving agency when forwarding."""
    qs = Agency.objects.all()
    if active_only:
        qs = qs.filter(is_active=True)
    if kind:
        qs = qs.filter(kind=kind)
    return [_summary(agency) for agency in qs.order_by("code")]


def staff_agency_ids(user_id: int) -> list[int]:
    """Agencies where the user holds an active post (e.g. to choose a working agency)."""
    return list(
        StaffMember.objects.filter(user_id=user_id, is_active=True, agency__is_active=True)
        .order_by("agency__code")
        .values_list("agency_id", flat=True)
    )


__all__ = [
    "ADD_AGENCY",
    "ALL",
    "CHANGE_AGENCY",
    "MANAGE_DEPARTMENTS",
    "MANAGE_POSITIONS",
    "MANAGE_STAFF",
    "OVERSIGHT_ROLES",
    "VIEW_AGENCY",
    "VIEW_STAFF",
    "AgencyKind",
    "AgencyScope",
    "AgencyScopedQuerySet",
    "AgencySummary",
    "AllAgencies",
    "access_agency_object",
    "agency_directory",
    "agency_get_by_code",
    "agency_get_summary",
    "clear_access_cache",
    "grantable_roles",
    "has_permission",
    "has_province_permission",
    "held_roles",
    "is_province_admin",
    "require_permission",
    "staff_agency_ids",
    "user_roles",
    "visible_agency_ids",
]
