"""Statutory days off computed from the Labour Code, used wherever no announcement was entered.

Sources: Bộ luật Lao động 2019 (45/2019/QH14) Điều 112 k1 (11 holidays) and Điều 111 k3 (nghỉ bù);
for 2014-2020 Bộ luật Lao động 2012 (10/2012/QH13) Điều 115 (the same days without the National-Day
adjacent day). The fixed-date holidays are read from the ``holidays`` package (country VN); its lunar
dates are checked against our own Vietnamese lunar algorithm (``lunar.py``, UTC+7), which wins.
The Prime Minister fixes the exact Tết days and the National-Day adjacent day each year (Điều 112 k3);
the defaults below are explained in docs/adr/0002-working-day-counting.md and reproduce the
announcements of 2018-2026. Announced calendars are data (``CalendarOverride``) and win over these.
"""

import logging
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType

import holidays
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.workflow.choices import DayKind
from egov.workflow.contracts import DayStatus, Reason
from egov.workflow.lunar import hung_kings_day, lunar_new_year

logger = logging.getLogger(__name__)

MIN_YEAR = 2014
MAX_YEAR = 2100  # the holidays package and our tests cover the lunar calendar up to here
LABOUR_CODE_2019_FROM = 2021  # BLLĐ 2019 in force 01/01/2021

SATURDAY, SUNDAY = 5, 6
ONE_DAY = timedelta(days=1)

WEEKLY_REST_REFERENCE = "QĐ 188/1999/QĐ-TTg Điều 1"
SATURDAY_REASON = _("Saturday (weekly rest day)")
SUNDAY_REASON = _("Sunday (weekly rest day)")

_NEW_YEAR = _("New Year's Day")
_TET = _("Lunar New Year (Tết)")
_TET_MOVED = _("Lunar New Year (Tết), moved off a weekend")
_VICTORY_DAY = _("Victory Day (30 April)")
_LABOUR_DAY = _("International Labour Day (1 May)")
_NATIONAL_DAY = _("National Day (2 September)")
_NATIONAL_DAY_ADJACENT = _("National Day (adjacent day)")
_HUNG_KINGS = _("Hung Kings Commemoration Day (10th day of the 3rd lunar month)")

# (month, day) of the fixed-date holidays of Điều 112 k1 and their letter in the article.
_FIXED = {
    (1, 1): ("a", _NEW_YEAR),
    (4, 30): ("c", _VICTORY_DAY),
    (5, 1): ("d", _LABOUR_DAY),
    (9, 2): ("đ", _NATIONAL_DAY),
}

# Weekday of 2 September → the adjacent day (-1 before / +1 after) that joins the holiday to a
# weekend when one is in reach; otherwise the day before. Reproduces the announcements 2021-2026.
_NATIONAL_DAY_ADJACENT_OFFSET = {0: +1, 1: -1, 2: -1, 3: +1, 4: -1, 5: -1, 6: +1}


def _article(year: int, letter: str) -> str:
    if year >= LABOUR_CODE_2019_FROM:
        return f"BLLĐ 2019 Điều 112 k1 điểm {letter}"
    return f"BLLĐ 2012 Điều 115 k1 điểm {letter}"


def _compensatory_article(year: int) -> str:
    return "BLLĐ 2019 Điều 111 k3" if year >= LABOUR_CODE_2019_FROM else "BLLĐ 2012 Điều 115 k3"


def _is_weekend(d: date) -> bool:
    return d.weekday() >= SATURDAY


def weekly_rest_status(d: date) -> DayStatus | None:
    """Saturday and Sunday are the weekly rest days of state agencies (QĐ 188/1999/QĐ-TTg)."""
    if d.weekday() == SATURDAY:
        return DayStatus(DayKind.WEEKLY_REST_DAY, SATURDAY_REASON, WEEKLY_REST_REFERENCE)
    if d.weekday() == SUNDAY:
        return DayStatus(DayKind.WEEKLY_REST_DAY, SUNDAY_REASON, WEEKLY_REST_REFERENCE)
    return None


def _package_days(year: int) -> holidays.HolidayBase:
    # The first call in a process imports the package's country modules (about a second).
    return holidays.country_holidays("VN", years=year, observed=False, language="vi")


def _fixed_holidays(year: int, package_days: holidays.HolidayBase) -> dict[date, tuple[str, Reason]]:
    """The fixed-date holidays of the package's list that the article names; one the package lacks
    is still applied (the law wins) and logged."""
    found = {(d.month, d.day) for d in package_days if (d.month, d.day) in _FIXED}
    for month_day in sorted(set(_FIXED) - found):
        logger.warning("holidays package lacks the statutory holiday %s/%s of %s", month_day[1], month_day[0], year)
    return {date(year, m, d): _FIXED[(m, d)] for (m, d) in sorted(found | set(_FIXED))}


def _verified_lunar_dates(year: int, package_days: holidays.HolidayBase) -> tuple[date, date]:
    """Tết and Giỗ Tổ from our UTC+7 algorithm, compared with the holidays package's dates."""
    tet, hung_kings = lunar_new_year(year), hung_kings_day(year)
    for name, ours in (("Tết Nguyên Đán", tet), ("Ngày Giỗ Tổ Hùng Vương", hung_kings)):
        theirs = package_days.get_named(name, lookup="exact")
        if theirs and theirs != [ours]:
            logger.warning(
                "holidays package dates %s %s at %s; the Vietnamese algorithm gives %s (used)", name, year, theirs, ours
            )
    return tet, hung_kings


def _tet_days(tet: date) -> list[tuple[date, Reason]]:
    """Default 5 Tết days: the last day of the lunar year and mùng 1-4 (Điều 112 k1 điểm b).

    A Saturday in that block is replaced by the working day before it and a Sunday by the working day
    after it, so 5 working days are off, as announced every year from 2018 to 2026.
    """
    block = [tet - ONE_DAY + i * ONE_DAY for i in range(5)]
    days: list[tuple[date, Reason]] = [(d, _TET) for d in block]
    before, after = block[0], block[-1]
    for d in block:
        if d.weekday() == SATURDAY:
            before -= ONE_DAY
            while _is_weekend(before):
                before -= ONE_DAY
            days.append((before, _TET_MOVED))
        elif d.weekday() == SUNDAY:
            after += ONE_DAY
            while _is_weekend(after):
                after += ONE_DAY
            days.append((after, _TET_MOVED))
    return days


@cache
def statutory_days_off(year: int) -> Mapping[date, DayStatus]:
    """Every holiday, Tết day and compensatory day of ``year`` by the rules (weekends not included,
    except holidays that fall on one). Pure: no database."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the calendar covers {MIN_YEAR}-{MAX_YEAR}, not {year}")
    package_days = _package_days(year)
    tet, hung_kings = _verified_lunar_dates(year, package_days)
    result: dict[date, DayStatus] = {}
    for d, reason in _tet_days(tet):
        result[d] = DayStatus(
            DayKind.PUBLIC_HOLIDAY, reason, f"{_article(year, 'b')}, k3 (mặc định khi chưa có thông báo)"
        )

    entitled: dict[date, tuple[str, Reason]] = _fixed_holidays(year, package_days)
    entitled[hung_kings] = ("e", _HUNG_KINGS)
    if year >= LABOUR_CODE_2019_FROM:
        national_day = date(year, 9, 2)
        adjacent = national_day + _NATIONAL_DAY_ADJACENT_OFFSET[national_day.weekday()] * ONE_DAY
        entitled[adjacent] = ("đ", _NATIONAL_DAY_ADJACENT)
    for d, (letter, reason) in entitled.items():
        reference = _article(year, letter)
        if letter == "đ" and year >= LABOUR_CODE_2019_FROM:
            reference += ", k3 (mặc định khi chưa có thông báo)"
        result[d] = DayStatus(DayKind.PUBLIC_HOLIDAY, reason, reference)

    # Nghỉ bù: a holiday on a weekly rest day gives the next working day off (Điều 111 k3).
    for d in sorted(entitled):
        if not _is_weekend(d):
            continue
        substitute = d + ONE_DAY
        while _is_weekend(substitute) or substitute in result:
            substitute += ONE_DAY
        reason = format_lazy(_("Compensatory day off for {holiday}"), holiday=entitled[d][1])
        result[substitute] = DayStatus(DayKind.COMPENSATORY_DAY_OFF, reason, _compensatory_article(year))
    return MappingProxyType(result)  # cached and shared: read-only


def holidays_package_days_off(year: int) -> dict[date, str]:
    """What the holidays package (observed days, swaps) says for ``year``: a second opinion for
    administrators (``manage.py calendar_year --compare``), never used for deadlines."""
    package_days = holidays.country_holidays("VN", years=year, language="vi")
    return {d: str(name) for d, name in sorted(package_days.items())}
