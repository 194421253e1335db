"""Schemas of the audit-log API."""

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from egov.console.selectors import AuditFilters

MAX_LIMIT = 500


class AuditEntryFilterIn(Schema):
    action: str = Field("", max_length=100, description="Exact action, e.g. organisation.agency_create")
    object_type: str = Field("", max_length=100, description="Exact object type, e.g. organisation.agency")
    object_id: str = Field("", max_length=64)
    actor: str = Field("", max_length=150, description="Part of the actor's name, or the exact username")
    date_from: date | None = Field(None, description="First day, inclusive (Asia/Ho_Chi_Minh)")
    date_to: date | None = Field(None, description="Last day, inclusive (Asia/Ho_Chi_Minh)")
    agency_id: int | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)

    def to_filters(self) -> AuditFilters:
        return AuditFilters(
            action=self.action.strip(),
            object_type=self.object_type.strip(),
            object_id=self.object_id.strip(),
            actor=self.actor.strip(),
            date_from=self.date_from,
            date_to=self.date_to,
            agency_id=self.agency_id,
        )


class AuditEntryOut(Schema):
    seq: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    agency_id: int | None
    changes: dict[str, Any]
    change_digest: str
    prev_hash: str
    hash: str


class AuditEntryPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[AuditEntryOut]


class AuditProblemOut(Schema):
    seq: int
    problem: str


class AuditVerifyOut(Schema):
    is_intact: bool
    entries_checked: int
    problems: list[AuditProblemOut]
    checked_at: datetime
    duration_ms: float
