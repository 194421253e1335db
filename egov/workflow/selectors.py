"""Reads of the working-day calendar with the input checks the API needs (bilingual 4xx errors)."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.workflow.cache import calendar_get
from egov.workflow.contracts import CalendarDay, WorkingDaysResult, WorkingHoursResult
from egov.workflow.models import CalendarOverride, OfficeHours
from egov.workflow.rules import MAX_YEAR, MIN_YEAR
from egov.workflow.working_calendar import CalendarRangeError, WorkingCalendar

MAX_WORKING_DAYS = 3650  # ten years of working days and more: longer is a typing mistake
MAX_WORKING_HOURS = Decimal(MAX_WORKING_DAYS * 8)
MAX_RANGE_DAYS = 366


def _out_of_range() -> ApplicationError:
    return ApplicationError(
        format_lazy(_("The working-day calendar covers the years {min} to {max}."), min=MIN_YEAR, max=MAX_YEAR),
        code="date_out_of_range",
    )


def _calendar() -> WorkingCalendar:
    return calendar_get()


def calendar_add_working_days(*, start: date, days: int) -> WorkingDaysResult:
    """``start`` + ``days`` working days, with every non-working day passed over on the way."""
    if days < 0:
        raise ApplicationError(_("The number of working days cannot be negative."), code="days_negative")
    if days > MAX_WORKING_DAYS:
        raise ApplicationError(
            format_lazy(_("At most {max} working days can be added."), max=MAX_WORKING_DAYS), code="days_too_many"
        )
    calendar = _calendar()
    try:
        result = calendar.add_working_days(start, days)
        skipped = tuple(day for day in calendar.calendar_days(start, result - timedelta(days=1)) if not day.is_working)
    except CalendarRangeError as exc:
        raise _out_of_range() from exc
    return WorkingDaysResult(start=start, days=days, date=result, skipped=skipped)


def calendar_list_days(*, date_from: date, date_to: date) -> list[CalendarDay]:
    """Every day of [date_from, date_to] (at most a year) with its status and office hours."""
    if date_to < date_from:
        raise ApplicationError(_("The end date is before the start date."), code="range_reversed")
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise ApplicationError(
            format_lazy(_("Ask for at most {max} days at a time."), max=MAX_RANGE_DAYS), code="range_too_long"
        )
    try:
        return _calendar().calendar_days(date_from, date_to)
    except CalendarRangeError as exc:
        raise _out_of_range() from exc


def _check_hours(hours: Decimal) -> None:
    if not hours.is_finite() or hours < 0:
        raise ApplicationError(_("The number of working hours cannot be negative."), code="hours_negative")
    if hours > MAX_WORKING_HOURS:
        raise ApplicationError(
            format_lazy(_("At most {max} working hours can be added."), max=MAX_WORKING_HOURS), code="hours_too_many"
        )


def _check_moment(moment: datetime) -> None:
    # Checked before any time-zone conversion, which overflows near year 1 or 9999.
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise _out_of_range()


def calendar_add_working_hours(*, start: datetime, hours: Decimal) -> WorkingHoursResult:
    """``start`` (aware) + ``hours`` of office time; also the moment counting really began."""
    _check_hours(hours)
    _check_moment(start)
    calendar = _calendar()
    try:
        counted_from = calendar.next_working_moment(start)
        end = calendar.add_working_hours(start, hours)
    except CalendarRangeError as exc:
        raise _out_of_range() from exc
    normalised = hours.normalize()
    text = f"{normalised:f}"
    return WorkingHoursResult(start=start, hours=text, counted_from=counted_from, end=end)


def calendar_working_time(*, start: datetime, end: datetime) -> timedelta:
    _check_moment(start)
    _check_moment(end)
    if abs(end - start) > timedelta(days=MAX_RANGE_DAYS * 10):
        raise ApplicationError(_("The period is too long."), code="range_too_long")
    try:
        return _calendar().working_time_between(start, end)
    except CalendarRangeError as exc:
        raise _out_of_range() from exc


def calendar_override_list(*, year: int | None = None) -> QuerySet[CalendarOverride]:
    overrides = CalendarOverride.objects.select_related("recorded_by").order_by("date")
    if year is not None:
        overrides = overrides.filter(date__year=year)
    return overrides


def office_hours_list() -> QuerySet[OfficeHours]:
    return OfficeHours.objects.select_related("recorded_by").order_by("valid_from")
