"""The working-day calendar as a pure, in-memory object: no database access in any of its methods.

``WorkingCalendar`` is built once from the override table and the office-hours table
(``cache.calendar_get``) and computes each year's set of working days the first time it is asked
for it. Counting convention (docs/adr/0002-working-day-counting.md):

* ``add_working_days(start, n)``, n ≥ 1: the n-th working day strictly after ``start`` (the day of
  receipt is day 0, whatever kind of day it is); n = 0: ``start`` if it is a working day, else the
  next working day.
* Working hours are counted inside the office sessions of working days; a moment outside them
  starts at the next opening. Intervals are half-open: [opening, closing).
"""

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from egov.workflow.choices import DayKind
from egov.workflow.contracts import CalendarDay, DayStatus, OfficeHoursPeriod
from egov.workflow.rules import MAX_YEAR, MIN_YEAR, statutory_days_off, weekly_rest_status

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
# Default office hours when no OfficeHours row covers a date: 07:30-11:30 and 13:00-17:00 (8 hours).
DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
_WORKING = DayStatus(DayKind.WORKING_DAY, "")
_MICROSECONDS_PER_HOUR = Decimal(3_600_000_000)


class CalendarRangeError(ValueError):
    """The date lies outside the years the calendar covers (``rules.MIN_YEAR``..``rules.MAX_YEAR``)."""


@dataclass(frozen=True)
class _Year:
    statuses: dict[date, DayStatus]  # every day that is not an ordinary Monday-Friday working day
    working: list[int]  # ordinals of the working days, ascending


def hours_to_timedelta(hours: Decimal | float | int) -> timedelta:
    """Exact conversion (to the microsecond); a float goes through its shortest decimal repr."""
    try:
        value = hours if isinstance(hours, Decimal) else Decimal(str(hours))
        if not value.is_finite() or value < 0:
            raise ValueError(f"hours must be a finite number ≥ 0, not {hours!r}")
        micro = int((value * _MICROSECONDS_PER_HOUR).to_integral_value(rounding=ROUND_HALF_UP))
    except InvalidOperation as exc:
        raise ValueError(f"hours must be a number, not {hours!r}") from exc
    return timedelta(microseconds=micro)


def to_vietnam_time(moment: datetime) -> datetime:
    """``moment`` in Asia/Ho_Chi_Minh; ValueError for a naive datetime."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the calendar needs an aware datetime (Asia/Ho_Chi_Minh or any other zone)")
    return moment.astimezone(VIETNAM_TZ)


class WorkingCalendar:
    def __init__(self, *, overrides: Mapping[date, DayStatus], office_hours: Iterable[OfficeHoursPeriod] = ()) -> None:
        self._overrides = dict(overrides)
        periods = sorted(office_hours, key=lambda p: p.valid_from)
        self._period_starts = [p.valid_from.toordinal() for p in periods]
        self._period_sessions = [p.sessions for p in periods]
        self._years: dict[int, _Year] = {}

    # --- days ---------------------------------------------------------------------------------
    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CalendarRangeError(f"the calendar covers {MIN_YEAR}-{MAX_YEAR}, not {year}")
        statuses: dict[date, DayStatus] = {}
        rules = statutory_days_off(year)
        working: list[int] = []
        first = date(year, 1, 1).toordinal()
        for ordinal in range(first, date(year, 12, 31).toordinal() + 1):
            d = date.fromordinal(ordinal)
            status = self._overrides.get(d) or rules.get(d) or weekly_rest_status(d)
            if status is None:
                working.append(ordinal)
                continue
            statuses[d] = status
            if status.is_working:
                working.append(ordinal)
        built = _Year(statuses, working)
        self._years[year] = built  # a race builds the same value twice: harmless
        return built

    def day_status(self, d: date) -> DayStatus:
        return self._year(d.year).statuses.get(d, _WORKING)

    def is_working_day(self, d: date) -> bool:
        return self.day_status(d).is_working

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        year, ordinal = d.year, d.toordinal()
        while True:
            working = self._year(year).working
            i = bisect_right(working, ordinal)
            if i < len(working):
                return date.fromordinal(working[i])
            year += 1

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        year, ordinal = d.year, d.toordinal()
        while True:
            working = self._year(year).working
            i = bisect_right(working, ordinal - 1)
            if i > 0:
                return date.fromordinal(working[i - 1])
            year -= 1

    def add_working_days(self, start: date, days: int) -> date:
        if days < 0:
            raise ValueError(f"days must be ≥ 0, not {days}")
        if days == 0:
            return start if self.is_working_day(start) else self.next_working_day(start)
        year, ordinal, remaining = start.year, start.toordinal(), days
        while True:
            working = self._year(year).working
            i = bisect_right(working, ordinal)
            available = len(working) - i
            if remaining <= available:
                return date.fromordinal(working[i + remaining - 1])
            remaining -= available
            year += 1

    def count_working_days(self, start: date, end: date) -> int:
        """Working days in the closed range [start, end] (0 if end < start)."""
        if end < start:
            return 0
        total = 0
        for year in range(start.year, end.year + 1):
            working = self._year(year).working
            total += bisect_right(working, end.toordinal()) - bisect_right(working, start.toordinal() - 1)
        return total

    def calendar_day(self, d: date) -> CalendarDay:
        status = self.day_status(d)
        return CalendarDay(
            date=d,
            is_working=status.is_working,
            kind=status.kind,
            reason=str(status.reason),
            legal_reference=status.legal_reference,
            is_override=status.is_override,
            office_hours=self.sessions_for(d) if status.is_working else (),
        )

    def calendar_days(self, start: date, end: date) -> list[CalendarDay]:
        return [self.calendar_day(start + timedelta(days=i)) for i in range((end - start).days + 1)]

    def non_working_days(self, year: int) -> list[tuple[date, DayStatus]]:
        statuses = self._year(year).statuses
        return [(d, statuses[d]) for d in sorted(statuses) if not statuses[d].is_working]

    def special_days(self, year: int) -> list[tuple[date, DayStatus]]:
        """Every day of ``year`` that is not an ordinary weekday: days off and make-up working days."""
        statuses = self._year(year).statuses
        return [(d, statuses[d]) for d in sorted(statuses)]

    # --- hours --------------------------------------------------------------------------------
    def sessions_for(self, d: date) -> tuple[tuple[time, time], ...]:
        i = bisect_right(self._period_starts, d.toordinal())
        return self._period_sessions[i - 1] if i else DEFAULT_SESSIONS

    def _local_sessions(self, d: date) -> list[tuple[datetime, datetime]]:
        return [
            (datetime.combine(d, start, tzinfo=VIETNAM_TZ), datetime.combine(d, end, tzinfo=VIETNAM_TZ))
            for start, end in self.sessions_for(d)
        ]

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` if it is inside office hours, else the next opening (aware, Asia/Ho_Chi_Minh)."""
        return self.add_working_hours(moment, 0)

    def add_working_hours(self, moment: datetime, hours: Decimal | float | int) -> datetime:
        remaining = hours_to_timedelta(hours)
        local = to_vietnam_time(moment)
        d = local.date()
        cursor: datetime | None = local  # None: from the first opening of day d
        if not self.is_working_day(d):
            d, cursor = self.next_working_day(d), None
        while True:
            for opening, closing in self._local_sessions(d):
                begin = opening if cursor is None or cursor < opening else cursor
                if begin >= closing:
                    continue
                available = closing - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            d, cursor = self.next_working_day(d), None

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time between two moments; negative when ``end`` is before ``start``."""
        start, end = to_vietnam_time(start), to_vietnam_time(end)
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta(0)
        d = start.date()
        if not self.is_working_day(d):
            d = self.next_working_day(d)
        last = end.date()
        while d <= last:
            for opening, closing in self._local_sessions(d):
                low, high = max(opening, start), min(closing, end)
                if high > low:
                    total += high - low
            d = self.next_working_day(d)
        return total
