"""Public, read-only working-day calendar API (``/api/v1/calendar``): no login needed."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import P, QueryEx, Router

from egov.workflow.contracts import CalendarDay
from egov.workflow.schemas import CalendarDaysOut, WorkingDaysOut, WorkingHoursOut, WorkingTimeOut
from egov.workflow.selectors import (
    calendar_add_working_days,
    calendar_add_working_hours,
    calendar_list_days,
    calendar_working_time,
)
from egov.workflow.working_calendar import VIETNAM_TZ

router = Router(tags=["calendar"])


def _local(moment: datetime) -> datetime:
    """A datetime without a UTC offset is read as Vietnam time (what a form field sends)."""
    return moment.replace(tzinfo=VIETNAM_TZ) if moment.tzinfo is None else moment


def _day_out(day: CalendarDay) -> dict[str, Any]:
    return {
        "date": day.date,
        "weekday": day.date.isoweekday(),
        "is_working": day.is_working,
        "kind": day.kind,
        "reason": day.reason,
        "legal_reference": day.legal_reference,
        "is_override": day.is_override,
        "office_hours": [{"opens": f"{s:%H:%M}", "closes": f"{e:%H:%M}"} for s, e in day.office_hours],
    }


@router.get(
    "/add-working-days",
    response=WorkingDaysOut,
    auth=None,
    summary="Add working days to a date",
    description="The N-th working day after `start` (the start day is never counted; 0 days gives `start` "
    "if it is a working day, else the next one). Lists the non-working days passed over.",
)
def add_working_days(request: HttpRequest, start: date, days: int) -> dict[str, Any]:
    result = calendar_add_working_days(start=start, days=days)
    skipped = [{"date": d.date, "kind": d.kind, "reason": d.reason} for d in result.skipped]
    return {"date": result.date, "start": result.start, "days": result.days, "skipped": skipped}


@router.get(
    "/days",
    response=CalendarDaysOut,
    auth=None,
    by_alias=True,
    summary="The calendar of a period (at most 366 days)",
)
def list_days(
    request: HttpRequest,
    date_from: QueryEx[date, P(alias="from", description="First day, YYYY-MM-DD.")],
    date_to: QueryEx[date, P(alias="to", description="Last day (included), at most 366 days after `from`.")],
) -> dict[str, Any]:
    days = calendar_list_days(date_from=date_from, date_to=date_to)
    return {
        "from": date_from,
        "to": date_to,
        "working_days": sum(1 for day in days if day.is_working),
        "days": [_day_out(day) for day in days],
    }


@router.get(
    "/add-working-hours",
    response=WorkingHoursOut,
    auth=None,
    summary="Add working hours (office time) to a moment",
    description="`start` is an ISO 8601 datetime; without a UTC offset it is read as Vietnam time "
    "(encode `+` as `%2B` in the query string). A moment outside office hours starts at the next opening.",
)
def add_working_hours(request: HttpRequest, start: datetime, hours: Decimal) -> dict[str, Any]:
    result = calendar_add_working_hours(start=_local(start), hours=hours)
    return {
        "start": result.start.astimezone(VIETNAM_TZ),
        "hours": float(result.hours),
        "counted_from": result.counted_from,
        "end": result.end,
    }


@router.get(
    "/working-time",
    response=WorkingTimeOut,
    auth=None,
    summary="Office time between two moments",
    description="Negative when `end` is before `start`. Datetimes without a UTC offset are Vietnam time.",
)
def working_time(request: HttpRequest, start: datetime, end: datetime) -> dict[str, Any]:
    start, end = _local(start), _local(end)
    elapsed = calendar_working_time(start=start, end=end)
    seconds = int(elapsed.total_seconds())
    return {
        "start": start.astimezone(VIETNAM_TZ),
        "end": end.astimezone(VIETNAM_TZ),
        "seconds": seconds,
        "hours": round(seconds / 3600, 2),
    }
