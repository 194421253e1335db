"""Fixtures of the calendar tests: every test starts with an empty calendar cache."""

from collections.abc import Iterator
from datetime import datetime

import pytest

from egov.workflow import cache
from egov.workflow.working_calendar import VIETNAM_TZ


@pytest.fixture(autouse=True)
def _fresh_calendar_cache() -> Iterator[None]:
    cache._local.pending_write = False
    cache.calendar_cache_clear()
    yield
    cache._local.pending_write = False
    cache.calendar_cache_clear()


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime in Vietnam: ``vn(2026, 3, 6, 9, 0)``."""
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TZ)
