"""The effective calendar (rules + the seeded 2025/2026 announcements), through the facade."""

from datetime import date

import pytest

from egov.workflow import facade
from egov.workflow.choices import DayKind

pytestmark = pytest.mark.django_db

WORK, OFF = True, False

DAY_TABLE = [
    # --- Tết 2025 (TB 6150): Mon 27/01 - Fri 31/01 off, back on Mon 03/02 --------------------
    (date(2025, 1, 24), WORK, DayKind.WORKING_DAY),
    (date(2025, 1, 25), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2025, 1, 27), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 1, 29), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 1, 31), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 2, 1), OFF, DayKind.PUBLIC_HOLIDAY),  # mùng 4 on a Saturday
    (date(2025, 2, 2), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2025, 2, 3), WORK, DayKind.WORKING_DAY),
    # --- Giỗ Tổ 2025 Mon 07/04; 30/4-1/5 swap: Sat 26/4 worked, Fri 2/5 off ---------------------
    (date(2025, 4, 7), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 4, 26), WORK, DayKind.MAKE_UP_WORKING_DAY),
    (date(2025, 4, 30), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 5, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 5, 2), OFF, DayKind.SWAPPED_DAY_OFF),
    (date(2025, 5, 5), WORK, DayKind.WORKING_DAY),
    # --- Quốc khánh 2025: Mon 1/9 + Tue 2/9 --------------------------------------------------
    (date(2025, 8, 29), WORK, DayKind.WORKING_DAY),
    (date(2025, 9, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 9, 2), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2025, 9, 3), WORK, DayKind.WORKING_DAY),
    # --- Year boundary 2025/2026 and the New-Year swap (Fri 2/1 off, Sat 10/1 worked) -----------
    (date(2025, 12, 31), WORK, DayKind.WORKING_DAY),
    (date(2026, 1, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 1, 2), OFF, DayKind.SWAPPED_DAY_OFF),
    (date(2026, 1, 5), WORK, DayKind.WORKING_DAY),
    (date(2026, 1, 10), WORK, DayKind.MAKE_UP_WORKING_DAY),
    (date(2026, 1, 11), OFF, DayKind.WEEKLY_REST_DAY),
    # --- Tết 2026 (TB 9441): Mon 16/02 - Fri 20/02 ---------------------------------------------
    (date(2026, 2, 13), WORK, DayKind.WORKING_DAY),
    (date(2026, 2, 14), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 2, 16), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 2, 17), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 2, 20), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 2, 22), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 2, 23), WORK, DayKind.WORKING_DAY),
    # --- Giỗ Tổ 2026 Sun 26/04 → nghỉ bù Mon 27/04; 30/4 Thu, 1/5 Fri ---------------------------
    (date(2026, 4, 24), WORK, DayKind.WORKING_DAY),
    (date(2026, 4, 26), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 4, 27), OFF, DayKind.COMPENSATORY_DAY_OFF),
    (date(2026, 4, 28), WORK, DayKind.WORKING_DAY),
    (date(2026, 4, 29), WORK, DayKind.WORKING_DAY),
    (date(2026, 4, 30), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 5, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 5, 4), WORK, DayKind.WORKING_DAY),
    # --- Quốc khánh 2026: Sat 22/8 worked, Mon 31/8 swapped off, Tue 1/9 + Wed 2/9 ----------------
    (date(2026, 8, 21), WORK, DayKind.WORKING_DAY),
    (date(2026, 8, 22), WORK, DayKind.MAKE_UP_WORKING_DAY),
    (date(2026, 8, 23), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 8, 28), WORK, DayKind.WORKING_DAY),
    (date(2026, 8, 29), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 8, 31), OFF, DayKind.SWAPPED_DAY_OFF),
    (date(2026, 9, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 9, 2), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2026, 9, 3), WORK, DayKind.WORKING_DAY),
    # --- 2026/2027 boundary and the computed 2027 (no announcement yet) -------------------------
    (date(2026, 12, 31), WORK, DayKind.WORKING_DAY),
    (date(2027, 1, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2027, 1, 4), WORK, DayKind.WORKING_DAY),
    (date(2027, 2, 4), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2027, 2, 10), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2027, 2, 11), WORK, DayKind.WORKING_DAY),
    (date(2027, 5, 1), OFF, DayKind.PUBLIC_HOLIDAY),
    (date(2027, 5, 3), OFF, DayKind.COMPENSATORY_DAY_OFF),
    (date(2027, 9, 3), OFF, DayKind.PUBLIC_HOLIDAY),
    # --- ordinary weeks ------------------------------------------------------------------------
    (date(2026, 3, 6), WORK, DayKind.WORKING_DAY),
    (date(2026, 3, 7), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 3, 8), OFF, DayKind.WEEKLY_REST_DAY),
    (date(2026, 11, 24), WORK, DayKind.WORKING_DAY),  # not a holiday until the law is confirmed (ADR 0002)
]


@pytest.mark.parametrize(("day", "is_working", "kind"), DAY_TABLE, ids=[d.isoformat() for d, *_ in DAY_TABLE])
def test_day_status(day, is_working, kind):
    assert facade.is_working_day(day) is is_working
    assert facade.calendar_day(day).kind == kind


ADD_TABLE = [
    # (start, days, expected)
    (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday + 1 → Monday
    (date(2026, 3, 6), 0, date(2026, 3, 6)),  # 0 days on a working day: the day itself
    (date(2026, 3, 7), 0, date(2026, 3, 9)),  # 0 days on a Saturday: the next working day
    (date(2026, 3, 7), 1, date(2026, 3, 9)),  # received on Saturday: Monday is day 1
    (date(2026, 3, 8), 1, date(2026, 3, 9)),
    (date(2026, 3, 9), 5, date(2026, 3, 16)),
    (date(2026, 3, 9), 10, date(2026, 3, 23)),
    # the examples
    (date(2026, 2, 13), 1, date(2026, 2, 23)),  # over Tết 2026
    (date(2026, 4, 24), 1, date(2026, 4, 28)),  # over the compensatory Monday for Giỗ Tổ
    (date(2026, 8, 21), 1, date(2026, 8, 22)),  # onto the make-up Saturday
    (date(2026, 8, 28), 1, date(2026, 9, 3)),  # over the swapped Monday and Quốc khánh
    # Tết
    (date(2026, 2, 12), 2, date(2026, 2, 23)),
    (date(2026, 2, 10), 5, date(2026, 2, 24)),  # 11, 12, 13, 23, 24
    (date(2026, 2, 16), 1, date(2026, 2, 23)),  # received during Tết
    (date(2026, 2, 16), 0, date(2026, 2, 23)),
    (date(2025, 1, 24), 1, date(2025, 2, 3)),
    (date(2025, 1, 23), 3, date(2025, 2, 4)),
    # Giỗ Tổ 2026, 30/4-1/5
    (date(2026, 4, 23), 3, date(2026, 4, 29)),
    (date(2026, 4, 29), 1, date(2026, 5, 4)),
    (date(2026, 4, 29), 2, date(2026, 5, 5)),
    (date(2025, 4, 25), 1, date(2025, 4, 26)),  # make-up Saturday 2025
    (date(2025, 4, 29), 1, date(2025, 5, 5)),  # 30/4, 1/5 and the swapped 2/5
    (date(2025, 4, 4), 1, date(2025, 4, 8)),  # over Giỗ Tổ Mon 07/04/2025
    # the 2026 National Day swap
    (date(2026, 8, 20), 2, date(2026, 8, 22)),
    (date(2026, 8, 22), 1, date(2026, 8, 24)),
    (date(2026, 8, 22), 0, date(2026, 8, 22)),
    (date(2026, 8, 27), 2, date(2026, 9, 3)),
    (date(2026, 8, 31), 1, date(2026, 9, 3)),
    (date(2025, 8, 29), 1, date(2025, 9, 3)),
    # year boundaries
    (date(2025, 12, 31), 1, date(2026, 1, 5)),  # 1/1 holiday, 2/1 swapped, weekend
    (date(2025, 12, 30), 2, date(2026, 1, 5)),
    (date(2026, 1, 9), 1, date(2026, 1, 10)),  # onto the make-up Saturday 10/01/2026
    (date(2026, 12, 31), 1, date(2027, 1, 4)),
    (date(2026, 12, 30), 3, date(2027, 1, 5)),
    (date(2026, 12, 25), 10, date(2027, 1, 11)),
    # long spans
    (date(2026, 1, 1), 250, date(2026, 12, 31)),  # 2026 has 250 working days
    (date(2026, 1, 1), 251, date(2027, 1, 4)),
    (date(2026, 1, 5), 0, date(2026, 1, 5)),
]


@pytest.mark.parametrize(
    ("start", "days", "expected"), ADD_TABLE, ids=[f"{s.isoformat()}+{n}" for s, n, _ in ADD_TABLE]
)
def test_add_working_days(start, days, expected):
    assert facade.add_working_days(start, days) == expected


def test_adding_one_day_at_a_time_equals_adding_all_at_once():
    day = date(2025, 12, 15)
    for _ in range(300):
        day = facade.add_working_days(day, 1)
    assert facade.add_working_days(date(2025, 12, 15), 300) == day


def test_count_working_days_matches_adding():
    # 250 working days counted from 2026-01-05 inclusive end on the 249th day after it
    end = facade.add_working_days(date(2026, 1, 5), 249)
    assert facade.count_working_days(date(2026, 1, 5), end) == 250
    assert facade.count_working_days(end, date(2026, 1, 5)) == 0


def test_working_days_of_2026():
    # 365 days - 104 weekend days - 13 weekdays off (1/1, 2/1, 5 Tết, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9)
    # + 2 make-up Saturdays (10/1, 22/8) = 250
    assert facade.count_working_days(date(2026, 1, 1), date(2026, 12, 31)) == 250


def test_next_and_previous_working_day():
    assert facade.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    assert facade.next_working_day(date(2026, 8, 21)) == date(2026, 8, 22)
    assert facade.previous_working_day(date(2026, 2, 23)) == date(2026, 2, 13)
    assert facade.previous_working_day(date(2026, 1, 5)) == date(2025, 12, 31)


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="days must be"):
        facade.add_working_days(date(2026, 3, 6), -1)


def test_dates_outside_the_covered_years_are_refused():
    with pytest.raises(facade.CalendarRangeError):
        facade.is_working_day(date(2101, 1, 3))
    with pytest.raises(facade.CalendarRangeError):
        facade.add_working_days(date(2100, 12, 30), 5)


def test_non_working_days_of_2026_lists_weekdays_off_with_reasons():
    weekdays_off = [(d, reason) for d, reason in facade.non_working_days(2026) if d.weekday() < 5]
    assert [d for d, _ in weekdays_off] == [
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 2, 16),
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]
    assert dict(weekdays_off)[date(2026, 2, 17)] == "Nghỉ Tết Âm lịch Bính Ngọ 2026"
    all_off = facade.non_working_days(2026)
    assert len(all_off) == 365 - 250
    assert date(2026, 8, 22) not in dict(all_off)  # the make-up Saturday is a working day
