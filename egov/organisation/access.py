"""Who may do what in which agency: the one access mechanism every app uses.

Rules (roles and their permissions are the table in ``egov.identity.roles``):

* A staff member holds roles per agency through an active post (``StaffMember``) in an active
  agency. A role held in agency X grants its permissions in X.
* Province-wide roles (province administrator, auditor) grant their permissions in every agency.
* Oversight: a leader or agency administrator of agency X may also *read* (``<app>.view_*``
  permissions of that role) in every descendant of X, e.g. the provincial People's Committee's
  leaders read its departments. Oversight never grants changes.
* Superusers may do everything; citizens only hold the citizen role; anonymous users nothing.

Results are memoised on the user object, so one request computes them once. Services that change
a user's posts or roles call :func:`clear_access_cache` on that user.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import NotFoundError, PermissionDeniedError
from egov.identity.roles import PROVINCE_WIDE_ROLES, ROLE_PERMISSIONS, Role, role_permissions
from egov.organisation.models import Agency, StaffRoleAssignment
from egov.organisation.querysets import ALL, AgencyScope, AgencyScopedQuerySet, AllAgencies

# Permissions of the organisation app (strings of egov.identity.roles.ROLE_PERMISSIONS).
VIEW_AGENCY = "organisation.view_agency"
# Creating agencies and changing their structure (code, kind, parent, unit, validity, active):
# codes and the tree are assigned by the province, not by the agency itself.
ADD_AGENCY = "organisation.add_agency"
# Changing an agency's name and contact details; managing its legacy codes needs ADD_AGENCY.
CHANGE_AGENCY = "organisation.change_agency"
MANAGE_DEPARTMENTS = "organisation.manage_departments"
VIEW_STAFF = "organisation.view_staff"
MANAGE_STAFF = "organisation.manage_staff"
# The catalogue of position titles is province-wide, so it is managed with the province-level
# permission to shape the organisation.
MANAGE_POSITIONS = ADD_AGENCY

# Roles whose holders oversee (read) the descendants of their agency.
OVERSIGHT_ROLES: frozenset[Role] = frozenset({Role.LEADER, Role.AGENCY_ADMIN})

_CACHE_ATTR = "_egov_organisation_access"
_M = TypeVar("_M", bound=models.Model)


def is_view_permission(perm: str) -> bool:
    return perm.partition(".")[2].startswith("view_")


@dataclass
class _AccessCache:
    roles_by_agency: dict[int, frozenset[Role]]
    province_roles: frozenset[Role]
    descendants: dict[int, frozenset[int]] = field(default_factory=dict)
    scopes: dict[str, AgencyScope] = field(default_factory=dict)


def clear_access_cache(user: Any) -> None:
    """Forget memoised roles, e.g. after the user's posts or roles changed."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _is_active_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _is_citizen(user: Any) -> bool:
    return bool(getattr(user, "is_citizen", False))


def _cache(user: Any) -> _AccessCache:
    cached: _AccessCache | None = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles_by_agency: dict[int, set[Role]] = {}
    rows = StaffRoleAssignment.objects.filter(
        staff_member__user_id=user.pk,
        staff_member__is_active=True,
        staff_member__agency__is_active=True,
    ).values_list("staff_member__agency_id", "role")
    for agency_id, role in rows:
        roles_by_agency.setdefault(agency_id, set()).add(Role(role))
    held = {role for roles in roles_by_agency.values() for role in roles}
    cached = _AccessCache(
        roles_by_agency={agency_id: frozenset(roles) for agency_id, roles in roles_by_agency.items()},
        province_roles=frozenset(held & PROVINCE_WIDE_ROLES),
    )
    setattr(user, _CACHE_ATTR, cached)
    return cached


def _descendant_ids(cache: _AccessCache, agency_id: int) -> frozenset[int]:
    """All agencies below ``agency_id`` (not itself); the tree is small and shallow (≤ 4 levels)."""
    if agency_id in cache.descendants:
        return cache.descendants[agency_id]
    found: set[int] = set()
    frontier = {agency_id}
    while frontier:
        children = set(Agency.objects.filter(parent_id__in=sorted(frontier)).values_list("id", flat=True))
        frontier = children - found - {agency_id}  # a corrupt cycle must not loop forever
        found |= frontier
    cache.descendants[agency_id] = frozenset(found)
    return cache.descendants[agency_id]


def user_roles(user: Any, agency_id: int) -> frozenset[Role]:
    """Roles the user holds in ``agency_id``: its own posts there plus province-wide roles."""
    if not _is_active_user(user):
        return frozenset()
    if _is_citizen(user):
        return frozenset({Role.CITIZEN})
    cache = _cache(user)
    return cache.roles_by_agency.get(agency_id, frozenset()) | cache.province_roles


def held_roles(user: Any) -> frozenset[Role]:
    """Every role the user holds in any agency."""
    if not _is_active_user(user):
        return frozenset()
    if _is_citizen(user):
        return frozenset({Role.CITIZEN})
    cache = _cache(user)
    return frozenset(role for roles in cache.roles_by_agency.values() for role in roles)


def is_province_admin(user: Any) -> bool:
    """Superusers and holders of the province administrator role."""
    if not _is_active_user(user) or _is_citizen(user):
        return False
    return bool(user.is_superuser) or Role.PROVINCE_ADMIN in _cache(user).province_roles


def has_province_permission(user: Any, perm: str) -> bool:
    """``perm`` over the whole province (superuser or a province-wide role that grants it)."""
    if not _is_active_user(user) or _is_citizen(user):
        return False
    if user.is_superuser:
        return True
    return perm in role_permissions(_cache(user).province_roles)


def visible_agency_ids(user: Any, perm: str) -> AgencyScope:
    """The agencies in which ``user`` may exercise ``perm``: a frozenset of ids, or ``ALL``."""
    if not _is_active_user(user):
        return frozenset()
    if _is_citizen(user):
        return ALL if perm in ROLE_PERMISSIONS[Role.CITIZEN] else frozenset()
    if user.is_superuser:
        return ALL
    cache = _cache(user)
    if perm in cache.scopes:
        return cache.scopes[perm]
    scope: AgencyScope
    if perm in role_permissions(cache.province_roles):
        scope = ALL
    else:
        ids: set[int] = set()
        oversee = is_view_permission(perm)
        for agency_id, roles in cache.roles_by_agency.items():
            if perm in role_permissions(roles):
                ids.add(agency_id)
                if oversee and perm in role_permissions(roles & OVERSIGHT_ROLES):
                    ids |= _descendant_ids(cache, agency_id)
        scope = frozenset(ids)
    cache.scopes[perm] = scope
    return scope


def has_permission(user: Any, perm: str, agency_id: int | None = None) -> bool:
    """May ``user`` exercise ``perm`` in ``agency_id``; with no agency: in at least one agency."""
    scope = visible_agency_ids(user, perm)
    if agency_id is None:
        return isinstance(scope, AllAgencies) or bool(scope)
    return agency_id in scope


def require_permission(user: Any, perm: str, agency_id: int | None = None) -> None:
    if not has_permission(user, perm, agency_id):
        raise PermissionDeniedError(_("You do not have permission to do this."))


def grantable_roles(user: Any, agency_id: int) -> frozenset[Role]:
    """Roles ``user`` may give to (or take from) staff of ``agency_id``.

    Against privilege escalation nobody grants a role they do not hold in that agency, except a
    province administrator (or superuser), who may grant every staff role. The citizen role is
    never granted to a post.
    """
    staff_roles = frozenset(Role) - {Role.CITIZEN}
    if not has_permission(user, MANAGE_STAFF, agency_id):
        return frozenset()
    if is_province_admin(user):
        return staff_roles
    return user_roles(user, agency_id) & staff_roles


def _as_scoped_queryset(source: Any) -> AgencyScopedQuerySet[Any]:
    if isinstance(source, type) and issubclass(source, models.Model):
        source = source._default_manager.all()
    if not isinstance(source, AgencyScopedQuerySet):
        raise TypeError(f"{source!r} is not an agency-scoped queryset")
    return source


def access_agency_object(
    user: Any,
    obj_or_qs: _M | models.QuerySet[_M] | type[_M],
    pk: Any = None,
    perm: str | None = None,
    *,
    for_update: bool = False,
) -> _M:
    """Load one agency-owned object for ``user`` and check ``perm`` on its agency.

    ``obj_or_qs`` is a model class or an agency-scoped queryset (then ``pk`` is looked up) or an
    object already loaded. Objects of agencies the user cannot see raise :class:`NotFoundError`
    (404, so their existence does not leak); visible objects without ``perm`` (default: the
    queryset's view permission) raise :class:`PermissionDeniedError` (403).
    """
    if isinstance(obj_or_qs, models.Model):
        qs = _as_scoped_queryset(type(obj_or_qs))
        obj: _M = obj_or_qs
    else:
        qs = _as_scoped_queryset(obj_or_qs)
        if for_update:
            qs = qs.select_for_update()
        try:
            obj = qs.get(pk=pk)
        except (qs.model.DoesNotExist, ValueError, TypeError, ValidationError):
            raise _not_found(qs.model) from None
    view_perm = qs.view_permission
    perm = perm or view_perm
    agency_id = qs.agency_id_of(obj)
    if not (has_permission(user, view_perm, agency_id) or has_permission(user, perm, agency_id)):
        raise _not_found(type(obj))
    if not has_permission(user, perm, agency_id):
        raise PermissionDeniedError(_("You do not have permission to do this."))
    return obj


def _not_found(model: type[models.Model]) -> NotFoundError:
    # Lazy, so the API can render the message in Vietnamese and in English.
    return NotFoundError(format_lazy(_("Not found: {object}."), object=model._meta.verbose_name))
