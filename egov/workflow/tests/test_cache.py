"""The calendar is loaded once and reused: no database access per call, reload when rows change."""

from datetime import date

import pytest

from egov.workflow import cache, facade
from egov.workflow.models import CalendarOverride
from egov.workflow.tests.conftest import vn

pytestmark = pytest.mark.django_db


def test_hot_path_does_not_touch_the_database(settings, django_assert_num_queries):
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600
    facade.add_working_days(date(2026, 2, 13), 1)  # loads the calendar (2 queries)
    with django_assert_num_queries(0):
        for day in range(1, 29):
            facade.add_working_days(date(2026, 2, day), 3)
            facade.add_working_hours(vn(2026, 2, day, 9, 0), 12)
            facade.is_working_day(date(2027, 2, day))


def test_rows_changed_outside_the_services_are_picked_up_on_revalidation(settings, django_assert_num_queries):
    # given a cached calendar and a revalidation period
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600
    assert not facade.is_working_day(date(2026, 8, 31))
    # when a row is changed behind the services' back (e.g. by SQL)
    CalendarOverride.objects.filter(date=date(2026, 8, 31)).update(kind="working_day")
    # then the cached calendar is used until the period is over ...
    assert not facade.is_working_day(date(2026, 8, 31))
    # ... and afterwards the two small tables are read again and the change is seen
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 0
    with django_assert_num_queries(2):
        assert facade.is_working_day(date(2026, 8, 31))


def test_unchanged_rows_keep_the_built_calendar(settings):
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 0
    first = cache.calendar_get()
    assert cache.calendar_get() is first


def test_clearing_the_cache_rebuilds(settings):
    settings.EGOV_CALENDAR_REVALIDATE_SECONDS = 3600
    first = cache.calendar_get()
    cache.calendar_cache_clear()
    assert cache.calendar_get() is not first
