"""The process-wide ``WorkingCalendar``: loaded once, reused, rebuilt when the tables change.

* A write through ``egov.workflow.services`` drops this process's calendar at once (so the writing
  transaction sees its own change) and again when the transaction commits.
* A calendar loaded inside a transaction that has written calendar rows is not shared with other
  requests (the write may still roll back).
* Other processes (web workers, Celery) re-read the two small tables at most every
  ``EGOV_CALENDAR_REVALIDATE_SECONDS`` seconds (default 30; 0 = on every call) and rebuild only if
  a row changed. The working-day arithmetic itself never touches the database.
"""

import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from egov.workflow.choices import OverrideKind
from egov.workflow.contracts import DayStatus, OfficeHoursPeriod
from egov.workflow.models import CalendarOverride, OfficeHours
from egov.workflow.working_calendar import WorkingCalendar

DEFAULT_REVALIDATE_SECONDS = 30.0

_OVERRIDE_FIELDS = ("date", "kind", "name", "legal_reference", "updated_at", "id")
_OFFICE_HOURS_FIELDS = (
    "valid_from",
    "morning_start",
    "morning_end",
    "afternoon_start",
    "afternoon_end",
    "updated_at",
    "id",
)


@dataclass
class _Entry:
    calendar: WorkingCalendar
    rows: tuple[Any, ...]
    checked_at: float


_entry: _Entry | None = None
_local = threading.local()


def _revalidate_seconds() -> float:
    return float(getattr(settings, "EGOV_CALENDAR_REVALIDATE_SECONDS", DEFAULT_REVALIDATE_SECONDS))


def _read_rows() -> tuple[Any, ...]:
    overrides = tuple(CalendarOverride.objects.order_by("date").values_list(*_OVERRIDE_FIELDS))
    office_hours = tuple(OfficeHours.objects.order_by("valid_from").values_list(*_OFFICE_HOURS_FIELDS))
    return overrides, office_hours


def _build(rows: tuple[Any, ...]) -> WorkingCalendar:
    override_rows, office_rows = rows
    overrides: dict[date, DayStatus] = {
        day: DayStatus(OverrideKind(kind).day_kind, name, legal_reference, is_override=True)
        for day, kind, name, legal_reference, _updated, _id in override_rows
    }
    periods = [
        OfficeHoursPeriod(valid_from, ((m_start, m_end), (a_start, a_end)))
        for valid_from, m_start, m_end, a_start, a_end, _updated, _id in office_rows
    ]
    return WorkingCalendar(overrides=overrides, office_hours=periods)


def calendar_get() -> WorkingCalendar:
    """The current calendar. Cheap: a dictionary lookup, plus two small queries every few seconds."""
    global _entry
    if getattr(_local, "pending_write", False):
        if transaction.get_connection().in_atomic_block:
            return _build(_read_rows())  # sees this transaction's own uncommitted change; not shared
        _local.pending_write = False  # the writing transaction ended without commit (rolled back)
        _entry = None
    entry = _entry
    now = time.monotonic()
    if entry is not None and now - entry.checked_at < _revalidate_seconds():
        return entry.calendar
    rows = _read_rows()
    if entry is not None and rows == entry.rows:
        entry.checked_at = now
        return entry.calendar
    calendar = _build(rows)
    _entry = _Entry(calendar, rows, now)
    return calendar


def calendar_cache_clear() -> None:
    global _entry
    _entry = None


def _committed() -> None:
    _local.pending_write = False
    calendar_cache_clear()


def calendar_changed() -> None:
    """Called by the services inside the transaction that wrote an override or office hours."""
    calendar_cache_clear()
    _local.pending_write = True
    transaction.on_commit(_committed)
