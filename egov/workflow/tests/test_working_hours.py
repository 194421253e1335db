"""Office-hour arithmetic (default 07:30-11:30 and 13:00-17:00) across lunch, nights, weekends, holidays."""

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest

from egov.workflow import facade
from egov.workflow.tests.conftest import vn
from egov.workflow.working_calendar import VIETNAM_TZ

pytestmark = pytest.mark.django_db

HOURS_TABLE = [
    # (start, hours, expected end)
    (vn(2026, 3, 6, 9, 0), 2, vn(2026, 3, 6, 11, 0)),
    (vn(2026, 3, 6, 9, 0), Decimal("2.5"), vn(2026, 3, 6, 11, 30)),  # ends exactly at lunch
    (vn(2026, 3, 6, 9, 0), 3, vn(2026, 3, 6, 13, 30)),  # across lunch
    (vn(2026, 3, 6, 11, 45), 1, vn(2026, 3, 6, 14, 0)),  # starts during lunch
    (vn(2026, 3, 6, 11, 20), Decimal("0.25"), vn(2026, 3, 6, 13, 5)),
    (vn(2026, 3, 6, 12, 0), 0, vn(2026, 3, 6, 13, 0)),  # 0 hours: the next opening
    (vn(2026, 3, 6, 9, 15), 0, vn(2026, 3, 6, 9, 15)),  # 0 hours inside office hours: itself
    (vn(2026, 3, 6, 6, 0), 1, vn(2026, 3, 6, 8, 30)),  # before opening
    (vn(2026, 3, 6, 16, 0), 2, vn(2026, 3, 9, 8, 30)),  # Friday evening → Monday
    (vn(2026, 3, 6, 17, 0), 1, vn(2026, 3, 9, 8, 30)),  # at closing time
    (vn(2026, 3, 6, 18, 30), 1, vn(2026, 3, 9, 8, 30)),  # in the evening
    (vn(2026, 3, 7, 10, 0), 1, vn(2026, 3, 9, 8, 30)),  # on Saturday
    (vn(2026, 3, 9, 7, 30), 8, vn(2026, 3, 9, 17, 0)),  # one full day
    (vn(2026, 3, 9, 10, 0), 8, vn(2026, 3, 10, 10, 0)),
    (vn(2026, 3, 9, 7, 30), 16, vn(2026, 3, 10, 17, 0)),
    (vn(2026, 3, 9, 7, 30), 40, vn(2026, 3, 13, 17, 0)),
    (vn(2026, 3, 9, 0, 0), 4, vn(2026, 3, 9, 11, 30)),
    # holidays and swaps
    (vn(2026, 2, 13, 16, 0), 2, vn(2026, 2, 23, 8, 30)),  # over Tết 2026
    (vn(2026, 2, 17, 9, 0), 1, vn(2026, 2, 23, 8, 30)),  # on a Tết day
    (vn(2026, 4, 24, 16, 0), 2, vn(2026, 4, 28, 8, 30)),  # over the compensatory 27/04
    (vn(2026, 8, 21, 16, 0), 2, vn(2026, 8, 22, 8, 30)),  # onto the make-up Saturday
    (vn(2026, 8, 22, 16, 30), 1, vn(2026, 8, 24, 8, 0)),  # from the make-up Saturday
    (vn(2026, 8, 28, 16, 0), 2, vn(2026, 9, 3, 8, 30)),  # over 31/8, 1/9, 2/9
    (vn(2025, 12, 31, 16, 0), 4, vn(2026, 1, 5, 10, 30)),  # year boundary, 1/1 and 2/1 off
    # another time zone in, Vietnam time out
    (datetime(2026, 3, 6, 2, 0, tzinfo=UTC), 1, vn(2026, 3, 6, 10, 0)),
    (vn(2026, 3, 6, 9, 0), 1.5, vn(2026, 3, 6, 10, 30)),  # a float
]


@pytest.mark.parametrize(
    ("start", "hours", "expected"), HOURS_TABLE, ids=[f"{s:%Y-%m-%dT%H:%M%z}+{h}" for s, h, _ in HOURS_TABLE]
)
def test_add_working_hours(start, hours, expected):
    end = facade.add_working_hours(start, hours)
    assert end == expected
    assert end.utcoffset() == timedelta(hours=7)


BETWEEN_TABLE = [
    (vn(2026, 3, 6, 16, 0), vn(2026, 3, 9, 9, 0), timedelta(hours=2, minutes=30)),
    (vn(2026, 3, 6, 9, 0), vn(2026, 3, 6, 14, 0), timedelta(hours=3, minutes=30)),
    (vn(2026, 3, 6, 11, 30), vn(2026, 3, 6, 13, 0), timedelta(0)),  # lunch
    (vn(2026, 3, 6, 0, 0), vn(2026, 3, 7, 0, 0), timedelta(hours=8)),
    (vn(2026, 3, 7, 0, 0), vn(2026, 3, 9, 0, 0), timedelta(0)),  # weekend
    (vn(2026, 2, 13, 8, 0), vn(2026, 2, 23, 8, 0), timedelta(hours=8)),  # across Tết
    (vn(2026, 8, 21, 0, 0), vn(2026, 8, 24, 0, 0), timedelta(hours=16)),  # Fri + make-up Sat
    (vn(2026, 3, 9, 9, 0), vn(2026, 3, 6, 16, 0), -timedelta(hours=2, minutes=30)),  # reversed: negative
]


@pytest.mark.parametrize(("start", "end", "expected"), BETWEEN_TABLE)
def test_working_time_between(start, end, expected):
    assert facade.working_time_between(start, end) == expected


def test_adding_then_measuring_gives_back_the_hours():
    # given random moments and durations across 2025-2027
    rng = random.Random(20260223)
    for _ in range(300):
        start = vn(2025, 1, 1) + timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
        hours = Decimal(rng.randrange(1, 8 * 30 * 4)) / 4
        # when hours are added from the first office moment
        counted_from = facade.next_working_moment(start)
        end = facade.add_working_hours(start, hours)
        # then exactly that much office time lies between
        assert facade.working_time_between(counted_from, end) == timedelta(hours=float(hours))
        assert facade.working_time_between(start, end) == timedelta(hours=float(hours))


@pytest.mark.parametrize("bad", [-1, Decimal("-0.5"), Decimal("NaN"), float("inf"), "abc"])
def test_bad_hours_are_refused(bad):
    with pytest.raises(ValueError, match="hours must be"):
        facade.add_working_hours(vn(2026, 3, 6, 9, 0), bad)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        facade.add_working_hours(datetime(2026, 3, 6, 9, 0), 1)
    with pytest.raises(ValueError, match="aware"):
        facade.working_time_between(datetime(2026, 3, 6, 9, 0), vn(2026, 3, 6, 10, 0))
    with pytest.raises(ValueError, match="aware"):
        facade.working_deadline(received_at=datetime(2026, 3, 6, 9, 0), working_days=1)


DEADLINE_TABLE = [
    # (received at, working days, cut-off, appointment)
    (vn(2026, 3, 6, 9, 0), 3, None, vn(2026, 3, 11, 17, 0)),  # Friday → Mon, Tue, Wed
    (vn(2026, 3, 6, 10, 0), 1, None, vn(2026, 3, 9, 17, 0)),
    (vn(2026, 3, 7, 10, 0), 1, None, vn(2026, 3, 9, 17, 0)),  # Saturday: Monday is day 1
    (vn(2026, 3, 6, 17, 30), 1, None, vn(2026, 3, 9, 17, 0)),
    (vn(2026, 3, 6, 17, 30), 1, time(17, 0), vn(2026, 3, 10, 17, 0)),  # after the cut-off
    (vn(2026, 3, 6, 14, 0), 0, time(15, 0), vn(2026, 3, 6, 17, 0)),  # chứng thực, same day
    (vn(2026, 3, 6, 15, 30), 0, time(15, 0), vn(2026, 3, 9, 17, 0)),  # after 15:00 → next day
    (vn(2026, 3, 6, 17, 30), 0, None, vn(2026, 3, 9, 17, 0)),  # after closing
    (vn(2026, 3, 8, 9, 0), 0, None, vn(2026, 3, 9, 17, 0)),  # on Sunday
    (vn(2026, 2, 13, 10, 0), 1, None, vn(2026, 2, 23, 17, 0)),
    (vn(2026, 8, 28, 10, 0), 1, None, vn(2026, 9, 3, 17, 0)),
]


@pytest.mark.parametrize(("received_at", "days", "cutoff", "expected"), DEADLINE_TABLE)
def test_working_deadline(received_at, days, cutoff, expected):
    assert facade.working_deadline(received_at=received_at, working_days=days, cutoff=cutoff) == expected


def test_calendar_day_lists_office_hours_of_working_days_only():
    assert facade.calendar_day(date(2026, 3, 6)).office_hours == (
        (time(7, 30), time(11, 30)),
        (time(13, 0), time(17, 0)),
    )
    assert facade.calendar_day(date(2026, 3, 7)).office_hours == ()
    assert facade.next_working_moment(vn(2026, 3, 7, 9, 0)).tzinfo == VIETNAM_TZ
