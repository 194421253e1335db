"""Reads of the staff console: the officer's posts and the audit log."""

import json
import time as perf
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import NotFoundError
from egov.core.models import AuditEntry
from egov.core.services.audit import AuditProblem, audit_verify
from egov.identity.roles import Role
from egov.organisation.models import Agency, StaffMember, StaffRoleAssignment

# --- The officer's posts -------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffPost:
    agency_id: int
    agency_name: str
    agency_code: str
    department: str
    position: str
    roles: tuple[str, ...]  # human-readable role names, in the order of ``Role``


def staff_post_list_for_user(*, user: Any) -> list[StaffPost]:
    """The user's active posts in active agencies, leaders' posts first."""
    posts = (
        StaffMember.objects.filter(user_id=user.pk, is_active=True, agency__is_active=True)
        .select_related("agency", "department", "position")
        .prefetch_related(Prefetch("role_assignments", queryset=StaffRoleAssignment.objects.only("role")))
        .order_by("position__rank", "agency__name")
    )
    order = list(Role)
    result = []
    for post in posts:
        held = sorted((Role(a.role) for a in post.role_assignments.all()), key=order.index)
        result.append(
            StaffPost(
                agency_id=post.agency_id,
                agency_name=post.agency.name,
                agency_code=post.agency.code,
                department=post.department.name if post.department else "",
                position=post.position.name if post.position else "",
                roles=tuple(str(role.label) for role in held),
            )
        )
    return result


# --- The audit log --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilters:
    """Filters of the audit log; empty values mean "any"."""

    action: str = ""
    object_type: str = ""
    object_id: str = ""
    actor: str = ""  # part of the actor's name or username
    date_from: date | None = None  # inclusive, local (Asia/Ho_Chi_Minh) calendar day
    date_to: date | None = None  # inclusive
    agency_id: int | None = None


def _start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entry_list(*, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """Entries matching ``filters``, newest first."""
    qs = AuditEntry.objects.all()
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.object_id:
        qs = qs.filter(object_id=filters.object_id)
    if filters.actor:
        qs = qs.filter(Q(actor_label__icontains=filters.actor) | Q(actor__username__iexact=filters.actor))
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=_start_of_day(filters.date_from))
    if filters.date_to:
        qs = qs.filter(occurred_at__lt=_start_of_day(filters.date_to + timedelta(days=1)))
    if filters.agency_id is not None:
        qs = qs.filter(agency_id=filters.agency_id)
    return qs.order_by("-seq")


def audit_entry_get(*, seq: int) -> AuditEntry:
    entry = AuditEntry.objects.filter(seq=seq).first()
    if entry is None:
        raise NotFoundError(_("Audit entry not found."))
    return entry


def audit_entry_changes_pretty(entry: AuditEntry) -> str:
    return json.dumps(entry.changes, indent=2, ensure_ascii=False, sort_keys=True)


def audit_action_list() -> list[str]:
    return list(AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct())


def audit_object_type_list() -> list[str]:
    return list(AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct())


def agency_choice_list() -> list[tuple[int, str]]:
    """Every agency (also inactive ones: old entries still point at them), by name."""
    return list(Agency.objects.order_by("name").values_list("id", "name"))


def agency_name_map(agency_ids: Iterable[int | None]) -> dict[int, str]:
    ids = {agency_id for agency_id in agency_ids if agency_id is not None}
    if not ids:
        return {}
    return dict(Agency.objects.filter(id__in=ids).values_list("id", "name"))


@dataclass(frozen=True)
class AuditChainCheck:
    is_intact: bool
    entries_checked: int
    problems: tuple[AuditProblem, ...]
    checked_at: datetime
    duration_ms: float


def audit_chain_check() -> AuditChainCheck:
    """Walk the whole hash chain (``egov.core.services.audit.audit_verify``)."""
    started = perf.perf_counter()
    checked_at = clock.now()
    problems = tuple(audit_verify())
    return AuditChainCheck(
        is_intact=not problems,
        entries_checked=AuditEntry.objects.count(),
        problems=problems,
        checked_at=checked_at,
        duration_ms=round((perf.perf_counter() - started) * 1000, 1),
    )
