"""The working-day calendar for other apps: the only module they import from ``egov.workflow``.

All functions read the process-wide cached calendar (no database access per call). Dates are
civil dates in Vietnam; datetimes must be aware and come back in Asia/Ho_Chi_Minh. Outside the
covered years (``MIN_YEAR``..``MAX_YEAR``) they raise ``CalendarRangeError`` (a ValueError).
Counting convention: docs/adr/0002-working-day-counting.md.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from egov.workflow.cache import calendar_get
from egov.workflow.choices import DayKind
from egov.workflow.contracts import CalendarDay, WorkingDaysResult, WorkingHoursResult
from egov.workflow.rules import MAX_YEAR, MIN_YEAR
from egov.workflow.selectors import calendar_add_working_days, calendar_add_working_hours, calendar_list_days
from egov.workflow.working_calendar import VIETNAM_TZ, CalendarRangeError, to_vietnam_time

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "VIETNAM_TZ",
    "CalendarDay",
    "CalendarRangeError",
    "DayKind",
    "WorkingDaysResult",
    "WorkingHoursResult",
    "add_working_days",
    "add_working_hours",
    "calendar_add_working_days",
    "calendar_add_working_hours",
    "calendar_day",
    "calendar_list_days",
    "count_working_days",
    "is_working_day",
    "next_working_day",
    "next_working_moment",
    "non_working_days",
    "previous_working_day",
    "working_deadline",
    "working_time_between",
]


def is_working_day(d: date) -> bool:
    return calendar_get().is_working_day(d)


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d``."""
    return calendar_get().next_working_day(d)


def previous_working_day(d: date) -> date:
    """The last working day strictly before ``d``."""
    return calendar_get().previous_working_day(d)


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is never counted);
    0 days: ``start`` if it is a working day, else the next one. ValueError if ``days`` < 0."""
    return calendar_get().add_working_days(start, days)


def count_working_days(start: date, end: date) -> int:
    """Working days in [start, end], both included."""
    return calendar_get().count_working_days(start, end)


def add_working_hours(moment: datetime, hours: Decimal | float) -> datetime:
    """``moment`` + ``hours`` of office time; a moment outside office hours starts at the next opening."""
    return calendar_get().add_working_hours(moment, hours)


def next_working_moment(moment: datetime) -> datetime:
    """``moment`` if inside office hours, else the next opening."""
    return calendar_get().next_working_moment(moment)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """Office time between two moments (negative if ``end`` < ``start``)."""
    return calendar_get().working_time_between(start, end)


def non_working_days(year: int) -> list[tuple[date, str]]:
    """Every day off of ``year`` (weekly rest days, holidays, compensatory and swapped days) with
    its reason in the active language; make-up working Saturdays are not in it."""
    return [(d, str(status.reason)) for d, status in calendar_get().non_working_days(year)]


def calendar_day(d: date) -> CalendarDay:
    return calendar_get().calendar_day(d)


def working_deadline(*, received_at: datetime, working_days: int, cutoff: time | None = None) -> datetime:
    """The appointment for a processing time of ``working_days``: the closing time of the
    ``working_days``-th working day after the day of receipt (ADR 0002).

    ``cutoff`` is a procedure's own receipt cut-off (e.g. 15:00 for chứng thực, ND 23/2015 Điều 7):
    a dossier received at or after it counts as received on the next working day. With 0 days the
    appointment is the closing time of the day of receipt (or of the next working day if received
    after closing or on a day off).
    """
    calendar = calendar_get()
    local = to_vietnam_time(received_at)
    receipt_day = local.date()
    if cutoff is not None and calendar.is_working_day(receipt_day) and local.time() >= cutoff:
        receipt_day = calendar.next_working_day(receipt_day)
    if working_days == 0:
        closing = datetime.combine(receipt_day, calendar.sessions_for(receipt_day)[-1][1], tzinfo=VIETNAM_TZ)
        if not calendar.is_working_day(receipt_day) or local >= closing:
            receipt_day = calendar.next_working_day(receipt_day)
        due_day = receipt_day
    else:
        due_day = calendar.add_working_days(receipt_day, working_days)
    return datetime.combine(due_day, calendar.sessions_for(due_day)[-1][1], tzinfo=VIETNAM_TZ)
