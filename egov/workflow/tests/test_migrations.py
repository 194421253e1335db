"""The data migration seeding the announced 2025 and 2026 calendars."""

import importlib
from datetime import date, time

import pytest
from django.apps import apps

from egov.workflow.models import CalendarOverride, OfficeHours

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("egov.workflow.migrations.0002_seed_announced_calendars")

EXPECTED = {
    date(2025, 1, 27): ("public_holiday", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2025, 1, 31): ("public_holiday", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2025, 4, 26): ("make_up_working_day", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2025, 5, 2): ("swapped_day_off", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2025, 9, 1): ("public_holiday", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2025, 9, 2): ("public_holiday", "announced", "TB 6150/TB-BLĐTBXH"),
    date(2026, 1, 2): ("swapped_day_off", "announced", "CV 12729/VPCP-KGVX"),
    date(2026, 1, 10): ("make_up_working_day", "announced", "CV 12729/VPCP-KGVX"),
    date(2026, 2, 16): ("public_holiday", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
    date(2026, 2, 20): ("public_holiday", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
    date(2026, 4, 27): ("compensatory_day_off", "derived", "BLLĐ 2019 Điều 111 k3 — suy ra"),
    date(2026, 8, 22): ("make_up_working_day", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
    date(2026, 8, 31): ("swapped_day_off", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
    date(2026, 9, 1): ("public_holiday", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
    date(2026, 9, 2): ("public_holiday", "announced", "TB 9441/TB-BNV ngày 16/10/2025"),
}


def test_seeded_entries_say_what_they_are_and_where_they_come_from():
    rows = {o.date: o for o in CalendarOverride.objects.all()}
    assert (
        len(rows) == 21
    )  # 2025: 5 Tết + 26/4 + 2/5 + 1/9 + 2/9; 2026: 2/1 + 10/1 + 5 Tết + 27/4 + 22/8 + 31/8 + 1/9 + 2/9
    for day, (kind, basis, reference) in EXPECTED.items():
        row = rows[day]
        assert (row.kind, row.basis) == (kind, basis), day
        assert reference in row.legal_reference, day
        assert ("công bố" in row.legal_reference) is (basis == "announced"), day
        assert ("suy ra" in row.legal_reference) is (basis == "derived"), day


def test_default_office_hours_are_seeded():
    office_hours = OfficeHours.objects.get()
    assert (office_hours.morning_start, office_hours.morning_end) == (time(7, 30), time(11, 30))
    assert (office_hours.afternoon_start, office_hours.afternoon_end) == (time(13, 0), time(17, 0))
    assert office_hours.daily_hours == 8


def test_reverse_removes_only_untouched_seed_rows_and_forward_is_idempotent():
    # given an administrator edited one seeded row
    CalendarOverride.objects.filter(date=date(2026, 8, 31)).update(name="Đã sửa")
    # when the migration is reversed
    seed_migration.unseed(apps, None)
    # then only the edited row stays
    assert list(CalendarOverride.objects.values_list("date", flat=True)) == [date(2026, 8, 31)]
    assert OfficeHours.objects.count() == 0
    # when it runs forward again (twice), the seed is back without duplicates or overwrites
    seed_migration.seed(apps, None)
    seed_migration.seed(apps, None)
    assert CalendarOverride.objects.count() == 21
    assert CalendarOverride.objects.get(date=date(2026, 8, 31)).name == "Đã sửa"
    assert OfficeHours.objects.count() == 1
