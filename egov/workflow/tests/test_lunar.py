"""The Vietnamese lunar calendar (UTC+7) against the vectors of vn-egov-rules §5.2."""

from datetime import date, timedelta

import holidays
import pytest

from egov.workflow.lunar import LunarDate, hung_kings_day, lunar_new_year, lunar_to_solar, solar_to_lunar


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        (2028, date(2028, 1, 26)),
        (2029, date(2029, 2, 13)),
        (2030, date(2030, 2, 2)),
        # Years where Vietnam (UTC+7) and China (UTC+8) differ.
        (1985, date(1985, 1, 21)),
        (2007, date(2007, 2, 17)),
    ],
)
def test_lunar_new_year(year, tet):
    assert lunar_new_year(year) == tet


@pytest.mark.parametrize(
    ("year", "hung_kings"),
    [
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
        (2027, date(2027, 4, 16)),
        (2028, date(2028, 4, 4)),
        (2029, date(2029, 4, 23)),
        (2030, date(2030, 4, 12)),
        (2023, date(2023, 4, 29)),  # after a leap 2nd month: the regular 3rd month counts
    ],
)
def test_hung_kings_day(year, hung_kings):
    assert hung_kings_day(year) == hung_kings


@pytest.mark.parametrize(
    ("solar", "lunar"),
    [
        (date(2026, 2, 16), LunarDate(2025, 12, 29)),  # 29 tháng Chạp Ất Tỵ, last day (TB 9441)
        (date(2025, 1, 25), LunarDate(2024, 12, 26)),  # 26 tháng Chạp Giáp Thìn (TB 6150)
        (date(2025, 2, 2), LunarDate(2025, 1, 5)),  # mùng 5 Tết Ất Tỵ
        (date(2023, 3, 22), LunarDate(2023, 2, 1, is_leap_month=True)),  # tháng 2 nhuận Quý Mão
        (date(2025, 7, 25), LunarDate(2025, 6, 1, is_leap_month=True)),  # tháng 6 nhuận Ất Tỵ
    ],
)
def test_solar_to_lunar_known_dates(solar, lunar):
    assert solar_to_lunar(solar) == lunar
    assert lunar_to_solar(lunar) == solar


def test_round_trip_every_tenth_day_2000_to_2100():
    day = date(2000, 1, 1)
    while day < date(2101, 1, 1):
        assert lunar_to_solar(solar_to_lunar(day)) == day
        day += timedelta(days=10)


def test_every_day_2014_to_2100_follows_the_previous_one():
    # given consecutive solar days, the lunar day goes up by one or a new month starts after 29/30
    previous = solar_to_lunar(date(2013, 12, 31))
    day = date(2014, 1, 1)
    while day <= date(2100, 12, 31):
        lunar = solar_to_lunar(day)
        same_month = (lunar.year, lunar.month, lunar.is_leap_month) == (
            previous.year,
            previous.month,
            previous.is_leap_month,
        )
        assert (same_month and lunar.day == previous.day + 1) or (lunar.day == 1 and previous.day in (29, 30)), day
        previous, day = lunar, day + timedelta(days=1)


def test_day_just_before_a_new_moon_is_the_last_day_of_the_month():
    # regression: the lunation estimate is one month ahead for 2054-05-07 (it gave "day 0")
    assert solar_to_lunar(date(2054, 5, 7)) == LunarDate(2054, 3, 30)
    assert solar_to_lunar(date(2062, 4, 9)).day in (29, 30)


@pytest.mark.parametrize(
    "lunar",
    [
        LunarDate(2026, 3, 1, is_leap_month=True),  # 2026 has no leap month
        LunarDate(2025, 2, 1, is_leap_month=True),  # 2025's leap month is the 6th
        LunarDate(2025, 12, 30),  # tháng Chạp Ất Tỵ has 29 days
        LunarDate(2025, 1, 0),
    ],
)
def test_dates_that_do_not_exist_are_refused(lunar):
    with pytest.raises(ValueError, match="lunar"):
        lunar_to_solar(lunar)


def test_holidays_package_agrees_with_the_algorithm_2014_to_2100():
    # given the dates the holidays package (country VN) gives for Tết and Giỗ Tổ
    disagreements = []
    for year in range(2014, 2101):
        package = holidays.country_holidays("VN", years=year, observed=False, language="vi")
        if package.get_named("Tết Nguyên Đán", lookup="exact") != [lunar_new_year(year)]:
            disagreements.append(("tet", year))
        if package.get_named("Ngày Giỗ Tổ Hùng Vương", lookup="exact") != [hung_kings_day(year)]:
            disagreements.append(("hung_kings", year))
    # then they are the ones our UTC+7 algorithm computes
    assert disagreements == []
