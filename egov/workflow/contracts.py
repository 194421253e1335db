"""Frozen values the calendar hands to other apps (no model instances cross the boundary)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils.functional import Promise

from egov.workflow.choices import DayKind

Reason = str | Promise  # a lazy translation for computed days, the administrator's text for overrides


@dataclass(frozen=True)
class DayStatus:
    kind: DayKind
    reason: Reason
    legal_reference: str = ""
    is_override: bool = False

    @property
    def is_working(self) -> bool:
        return self.kind.is_working


@dataclass(frozen=True)
class CalendarDay:
    """One date with its status, as the API and other apps see it (reason already translated)."""

    date: date
    is_working: bool
    kind: DayKind
    reason: str
    legal_reference: str
    is_override: bool
    office_hours: tuple[tuple[time, time], ...] = ()


@dataclass(frozen=True)
class OfficeHoursPeriod:
    """Office hours in force from ``valid_from`` (inclusive) until the next period starts."""

    valid_from: date
    sessions: tuple[tuple[time, time], ...]

    @property
    def daily_duration(self) -> timedelta:
        return sum(
            (
                datetime.combine(self.valid_from, end) - datetime.combine(self.valid_from, start)
                for start, end in self.sessions
            ),
            timedelta(0),
        )


@dataclass(frozen=True)
class WorkingDaysResult:
    start: date
    days: int
    date: date
    skipped: tuple[CalendarDay, ...] = field(default=())


@dataclass(frozen=True)
class WorkingHoursResult:
    start: datetime
    hours: str  # the decimal as given, normalised (e.g. "8", "1.5")
    counted_from: datetime  # the first working instant at or after ``start``
    end: datetime
