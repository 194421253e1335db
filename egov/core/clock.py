"""One place to read the time, so tests can travel in time and code never uses naive datetimes."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate()
