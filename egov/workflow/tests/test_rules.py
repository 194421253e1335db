"""The statutory defaults (Labour Code 2019 Art. 111-112) used for years without an announcement."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from egov.workflow.choices import DayKind
from egov.workflow.rules import MAX_YEAR, MIN_YEAR, statutory_days_off


def _weekdays_off(year: int, start: date, end: date) -> list[date]:
    rules = statutory_days_off(year)
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    return [d for d in days if d in rules and d.weekday() < 5]


def _weekdays(start: date, end: date) -> list[date]:
    return [
        start + timedelta(days=i) for i in range((end - start).days + 1) if (start + timedelta(days=i)).weekday() < 5
    ]


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        # The announced Tết breaks of civil servants; the default must reproduce each of them.
        (2018, date(2018, 2, 14), date(2018, 2, 20)),
        (2019, date(2019, 2, 4), date(2019, 2, 8)),
        (2020, date(2020, 1, 23), date(2020, 1, 29)),
        (2021, date(2021, 2, 10), date(2021, 2, 16)),
        (2022, date(2022, 1, 31), date(2022, 2, 4)),
        (2023, date(2023, 1, 20), date(2023, 1, 26)),
        (2024, date(2024, 2, 8), date(2024, 2, 14)),
        (2025, date(2025, 1, 27), date(2025, 1, 31)),  # TB 6150/TB-BLĐTBXH
        (2026, date(2026, 2, 16), date(2026, 2, 20)),  # TB 9441/TB-BNV
        # Years without an announcement yet: the documented default.
        (2027, date(2027, 2, 4), date(2027, 2, 10)),
        (2028, date(2028, 1, 24), date(2028, 1, 28)),
        (2030, date(2030, 1, 31), date(2030, 2, 6)),
    ],
)
def test_tet_default_gives_five_working_days_off(year, first, last):
    # when the rules compute the Tết days of the year
    off = _weekdays_off(year, first - timedelta(days=10), last + timedelta(days=10))
    # then exactly the 5 weekdays of the announced (or default) break are off
    assert off == _weekdays(first, last)
    assert len(off) == 5


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, [date(2021, 9, 2), date(2021, 9, 3)]),  # Thu → Fri
        (2022, [date(2022, 9, 1), date(2022, 9, 2)]),  # Fri → Thu
        (2023, [date(2023, 9, 1), date(2023, 9, 4)]),  # Sat → Fri + nghỉ bù Mon
        (2024, [date(2024, 9, 2), date(2024, 9, 3)]),  # Mon → Tue
        (2025, [date(2025, 9, 1), date(2025, 9, 2)]),  # Tue → Mon
        (2026, [date(2026, 9, 1), date(2026, 9, 2)]),  # Wed → Tue (the 31/8 swap is an override)
        (2027, [date(2027, 9, 2), date(2027, 9, 3)]),  # Thu → Fri
        (2028, [date(2028, 9, 1), date(2028, 9, 4)]),  # Sat → Fri + nghỉ bù Mon
        (2029, [date(2029, 9, 3), date(2029, 9, 4)]),  # Sun → Mon + nghỉ bù Tue
        (2020, [date(2020, 9, 2)]),  # Labour Code 2012: one day only
    ],
)
def test_national_day_and_its_adjacent_day(year, expected):
    assert _weekdays_off(year, date(year, 8, 25), date(year, 9, 10)) == expected


@pytest.mark.parametrize(
    ("holiday", "substitute", "reason"),
    [
        (date(2026, 4, 26), date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"),  # Sunday → Monday
        (date(2027, 5, 1), date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế lao động (01/5)"),  # Saturday → Monday
        (date(2028, 1, 1), date(2028, 1, 3), "Nghỉ bù Tết Dương lịch"),  # Saturday → Monday
        (date(2028, 4, 30), date(2028, 5, 2), "Nghỉ bù Ngày Chiến thắng (30/4)"),  # Sunday → Tuesday (1/5 Mon)
        (date(2022, 1, 1), date(2022, 1, 3), "Nghỉ bù Tết Dương lịch"),  # as applied in 2022
        (date(2033, 4, 30), date(2033, 5, 2), "Nghỉ bù Ngày Chiến thắng (30/4)"),  # Sat 30/4 → Mon 2/5
        (date(2033, 5, 1), date(2033, 5, 3), "Nghỉ bù Ngày Quốc tế lao động (01/5)"),  # Sun 1/5 → Tue 3/5
    ],
)
def test_holiday_on_a_weekend_gives_the_next_working_day_off(holiday, substitute, reason):
    rules = statutory_days_off(holiday.year)
    # then the holiday itself is listed and the next free working day is a compensatory day
    assert rules[holiday].kind == DayKind.PUBLIC_HOLIDAY
    assert rules[substitute].kind == DayKind.COMPENSATORY_DAY_OFF
    assert rules[substitute].legal_reference == "BLLĐ 2019 Điều 111 k3"
    with translation.override("vi"):
        assert str(rules[substitute].reason) == reason


def test_reasons_are_translated_when_read():
    reason = statutory_days_off(2027)[date(2027, 5, 3)].reason
    with translation.override("en"):
        assert str(reason) == "Compensatory day off for International Labour Day (1 May)"
    with translation.override("vi"):
        assert str(reason) == "Nghỉ bù Ngày Quốc tế lao động (01/5)"


def test_a_year_without_weekend_holidays_has_eleven_weekday_holidays():
    # 2027: 1/1 Fri, Tết 5 weekdays, Giỗ Tổ Fri 16/4, 30/4 Fri, 1/5 Sat (→ Mon 3/5), 2/9 Thu + 3/9 Fri
    weekdays_off = sorted(d for d in statutory_days_off(2027) if d.weekday() < 5)
    assert weekdays_off == [
        date(2027, 1, 1),
        date(2027, 2, 4),
        date(2027, 2, 5),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 4, 16),
        date(2027, 4, 30),
        date(2027, 5, 3),
        date(2027, 9, 2),
        date(2027, 9, 3),
    ]


def test_legal_references_name_the_article():
    rules = statutory_days_off(2027)
    assert rules[date(2027, 1, 1)].legal_reference == "BLLĐ 2019 Điều 112 k1 điểm a"
    assert rules[date(2027, 4, 16)].legal_reference == "BLLĐ 2019 Điều 112 k1 điểm e"
    assert rules[date(2027, 2, 5)].legal_reference.startswith("BLLĐ 2019 Điều 112 k1 điểm b, k3")
    assert statutory_days_off(2019)[date(2019, 4, 30)].legal_reference == "BLLĐ 2012 Điều 115 k1 điểm c"


@pytest.mark.parametrize("year", [MIN_YEAR - 1, MAX_YEAR + 1])
def test_years_outside_the_covered_range_are_refused(year):
    with pytest.raises(ValueError, match="covers"):
        statutory_days_off(year)


def test_every_covered_year_has_its_eleven_statutory_days_or_more():
    for year in range(MIN_YEAR, MAX_YEAR + 1):
        holidays_of_year = [
            d for d, status in statutory_days_off(year).items() if status.kind == DayKind.PUBLIC_HOLIDAY
        ]
        expected = 11 if year >= 2021 else 10
        assert len(holidays_of_year) >= expected, year
