"""``manage.py calendar_year``: the effective days off of a year, compared with the holidays package."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_calendar_year_lists_entries_and_rules_with_their_sources():
    out = StringIO()
    call_command("calendar_year", "2026", "--compare", stdout=out)
    text = out.getvalue()
    assert "2026-02-16  Mon  public_holiday         entry  Nghỉ Tết Âm lịch Bính Ngọ 2026" in text
    assert (
        "2026-04-26  Sun  public_holiday         rule   Giỗ Tổ Hùng Vương (10/3 âm lịch)  [BLLĐ 2019 Điều 112 k1 điểm e]"
        in text
    )
    assert "2026: 250 working days." in text
    # the holidays package also lists 24/11/2026 (Ngày Văn hóa Việt Nam); we do not (ADR 0002)
    assert "DIFF 2026-11-24" in text
    assert "NOTE 2026-08-22: make-up working day" in text


def test_calendar_year_without_an_announcement_matches_the_holidays_package_on_weekdays():
    out = StringIO()
    call_command("calendar_year", "2027", "--compare", "--language", "en", stdout=out)
    text = out.getvalue()
    assert (
        "2027-05-03  Mon  compensatory_day_off   rule   Compensatory day off for International Labour Day (1 May)"
        in text
    )
    differences = [line for line in text.splitlines() if line.startswith("DIFF")]
    assert differences == [
        "DIFF 2027-11-24: the holidays package says “Ngày Văn hóa Việt Nam”; our calendar: working day"
    ]


def test_calendar_year_refuses_uncovered_years():
    with pytest.raises(CommandError, match="covers"):
        call_command("calendar_year", "2200")
