"""The Vietnamese lunisolar calendar (âm lịch), computed at UTC+7.

A port of Hồ Ngọc Đức's public algorithm ("Thuật toán tính âm lịch", amlich.js): new moons and the
sun's longitude from Jean Meeus' "Astronomical Algorithms" (1998), month 11 holds the winter solstice,
a leap month is the first month of a 13-month year without a major solar term. The calendar is
computed for Vietnam's time zone (UTC+7), not China's (UTC+8): the two calendars differ in some years
(Tết 1985 and 2007 came a month / a day apart). Accurate for the years 1800-2199.
"""

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

VIETNAM_TIME_ZONE_HOURS = 7.0

# Julian day number of 0001-01-01 minus its proleptic ordinal, so jd = ordinal + _JD_OFFSET.
_JD_OFFSET = 1_721_425
_SYNODIC_MONTH = 29.530588853
_EPOCH_NEW_MOON = 2_415_021.076998695  # the new moon of 1900-01-01 (k = 0)
_DEG = math.pi / 180


@dataclass(frozen=True, order=True)
class LunarDate:
    year: int
    month: int
    day: int
    is_leap_month: bool = False


def _jd(d: date) -> int:
    return d.toordinal() + _JD_OFFSET


def _from_jd(jd: int) -> date:
    return date.fromordinal(jd - _JD_OFFSET)


def _new_moon(k: int) -> float:
    """Julian day (fractional, UT) of the k-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2 = t * t
    t3 = t2 * t
    jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * _DEG)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3  # sun's mean anomaly
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3  # moon's mean anomaly
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3  # moon's argument of latitude
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * _DEG) + 0.0021 * math.sin(2 * _DEG * m)
    c1 = c1 - 0.4068 * math.sin(mpr * _DEG) + 0.0161 * math.sin(_DEG * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(_DEG * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(_DEG * 2 * f) - 0.0051 * math.sin(_DEG * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(_DEG * (m - mpr)) + 0.0004 * math.sin(_DEG * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(_DEG * (2 * f - m)) - 0.0006 * math.sin(_DEG * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(_DEG * (2 * f - mpr)) + 0.0005 * math.sin(_DEG * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _sun_longitude(jdn: float) -> float:
    """The sun's apparent longitude in radians, normalised to [0, 2π)."""
    t = (jdn - 2_451_545.0) / 36525
    t2 = t * t
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(_DEG * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(_DEG * 2 * m) + 0.000290 * math.sin(_DEG * 3 * m)
    longitude = (l0 + dl) * _DEG
    return longitude - 2 * math.pi * math.floor(longitude / (2 * math.pi))


def _new_moon_day(k: int, tz: float) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_sector(day_number: int, tz: float) -> int:
    """Which of the 12 major solar terms (0..11) the local day starts in."""
    return math.floor(_sun_longitude(day_number - 0.5 - tz / 24) / math.pi * 6)


@lru_cache(maxsize=1024)
def _lunar_month_11(year: int, tz: float) -> int:
    """Julian day of the first day of the month containing the winter solstice of ``year``."""
    offset = _jd(date(year, 12, 31)) - 2_415_021
    k = math.floor(offset / _SYNODIC_MONTH)
    new_moon = _new_moon_day(k, tz)
    if _sun_sector(new_moon, tz) >= 9:
        new_moon = _new_moon_day(k - 1, tz)
    return new_moon


def _leap_month_offset(a11: int, tz: float) -> int:
    k = math.floor((a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    while True:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
        if arc == last or i >= 14:
            return i - 1


def solar_to_lunar(d: date, tz: float = VIETNAM_TIME_ZONE_HOURS) -> LunarDate:
    day_number = _jd(d)
    k = math.floor((day_number - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    month_start = _new_moon_day(k + 1, tz)
    while month_start > day_number:  # the estimate of k can be one lunation ahead (e.g. 2054-05-07)
        k -= 1
        month_start = _new_moon_day(k + 1, tz)
    a11 = _lunar_month_11(d.year, tz)
    b11 = a11
    if a11 >= month_start:
        lunar_year = d.year
        a11 = _lunar_month_11(d.year - 1, tz)
    else:
        lunar_year = d.year + 1
        b11 = _lunar_month_11(d.year + 1, tz)
    lunar_day = day_number - month_start + 1
    diff = math.floor((month_start - a11) / 29)
    is_leap = False
    lunar_month = diff + 11
    if b11 - a11 > 365:
        leap_diff = _leap_month_offset(a11, tz)
        if diff >= leap_diff:
            lunar_month = diff + 10
            is_leap = diff == leap_diff
    if lunar_month > 12:
        lunar_month -= 12
    if lunar_month >= 11 and diff < 4:
        lunar_year -= 1
    return LunarDate(lunar_year, lunar_month, lunar_day, is_leap)


def lunar_to_solar(lunar: LunarDate, tz: float = VIETNAM_TIME_ZONE_HOURS) -> date:
    """The solar date of a lunar date; ValueError if the date does not exist (e.g. no such leap month)."""
    if lunar.month < 11:
        a11 = _lunar_month_11(lunar.year - 1, tz)
        b11 = _lunar_month_11(lunar.year, tz)
    else:
        a11 = _lunar_month_11(lunar.year, tz)
        b11 = _lunar_month_11(lunar.year + 1, tz)
    offset = (lunar.month - 11) % 12
    if b11 - a11 > 365:
        leap_offset = _leap_month_offset(a11, tz)
        leap_month = (leap_offset + 9) % 12 + 1  # the month the leap month repeats
        if lunar.is_leap_month and lunar.month != leap_month:
            raise ValueError(f"lunar year {lunar.year} has no leap month {lunar.month}")
        if lunar.is_leap_month or offset >= leap_offset:
            offset += 1
    elif lunar.is_leap_month:
        raise ValueError(f"lunar year {lunar.year} has no leap month")
    k = math.floor(0.5 + (a11 - _EPOCH_NEW_MOON) / _SYNODIC_MONTH)
    month_start = _new_moon_day(k + offset, tz)
    result = _from_jd(month_start + lunar.day - 1)
    if not 1 <= lunar.day <= 30 or solar_to_lunar(result, tz) != lunar:
        raise ValueError(f"{lunar} is not a date of the lunar calendar")
    return result


def lunar_new_year(year: int) -> date:
    """Tết Nguyên đán: 1 tháng Giêng of the lunar year that starts in ``year``."""
    return lunar_to_solar(LunarDate(year, 1, 1))


def hung_kings_day(year: int) -> date:
    """Giỗ Tổ Hùng Vương: 10 tháng 3 (the regular, not a leap, third month)."""
    return lunar_to_solar(LunarDate(year, 3, 10))
