"""The legal clock of a dossier: appointments, step due times, pauses and timeliness.

Working time comes from the workflow calendar (ADR 0002: a working day is 8 office hours).
Classification follows indicator 2.1 of QĐ 766/QĐ-TTg as Cổng DVCQG computes it: a dossier is late
if it finished after its appointment, time waiting for the applicant excluded (that time moves
``legal_due_at``); an apology's new appointment does not make a late dossier on time. "Early" is
finishing on an earlier calendar day than the appointment, "on time" on the appointment day
(the national form distinguishes them without a normative definition; see ADR 0003).
"""

import calendar
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

from egov.dossiers.choices import Timeliness
from egov.procedures.choices import TimeUnit
from egov.workflow.facade import (
    VIETNAM_TZ,
    add_working_hours,
    working_deadline,
    working_time_between,
)

HOURS_PER_WORKING_DAY = Decimal(8)
_T = TypeVar("_T")


def required(value: _T | None) -> _T:
    """A value the dossier's state guarantees (e.g. the appointment of a received dossier)."""
    if value is None:
        raise ValueError("A received dossier has no appointment or processing time")
    return value


def _closing_of(day_start: datetime) -> datetime:
    """The closing time of that day, or of the next working day if it is a day off."""
    return working_deadline(received_at=day_start, working_days=0)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def appointment_for(received_at: datetime, amount: Decimal, unit: str) -> datetime:
    """The appointment (thời gian trả kết quả) for a processing time of ``amount`` ``unit``."""
    if unit == TimeUnit.WORKING_DAY:
        if amount == amount.to_integral_value():
            return working_deadline(received_at=received_at, working_days=int(amount))
        return add_working_hours(received_at, amount * HOURS_PER_WORKING_DAY)
    if unit == TimeUnit.WORKING_HOUR:
        return add_working_hours(received_at, amount)
    local = received_at.astimezone(VIETNAM_TZ)
    if unit == TimeUnit.CALENDAR_DAY:
        target = local.date() + timedelta(days=int(amount.to_integral_value()))
    elif unit == TimeUnit.MONTH:
        target = _add_months(local.date(), int(amount.to_integral_value()))
    else:
        raise ValueError(f"Unsupported time unit {unit!r}")
    return _closing_of(datetime.combine(target, time(0, 0), tzinfo=VIETNAM_TZ))


def working_seconds(amount: Decimal, unit: str) -> int:
    hours = amount * HOURS_PER_WORKING_DAY if unit == TimeUnit.WORKING_DAY else amount
    return int(hours * 3600)


def step_due(started_at: datetime, allotted_seconds: int) -> datetime:
    return add_working_hours(started_at, Decimal(allotted_seconds) / 3600)


def shift_by_working_time(moment: datetime, seconds: int) -> datetime:
    """``moment`` moved later by ``seconds`` of office time (a pause's length)."""
    if seconds <= 0:
        return moment
    return add_working_hours(moment, Decimal(seconds) / 3600)


def working_seconds_between(start: datetime, end: datetime) -> int:
    return max(0, int(working_time_between(start, end).total_seconds()))


def classify(finished_at: datetime, due_at: datetime) -> Timeliness:
    if finished_at > due_at:
        return Timeliness.LATE
    if finished_at.astimezone(VIETNAM_TZ).date() < due_at.astimezone(VIETNAM_TZ).date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
