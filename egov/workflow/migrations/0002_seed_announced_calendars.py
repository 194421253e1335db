"""Seed the announced 2025 and 2026 calendars for civil servants and the default office hours.

Each entry says in its legal reference whether it was read in an announcement ("công bố") or
derived from the law ("suy ra"), and where a source was read only as a press restatement.
Administrators correct and extend this table in the Django admin (audited).
"""

from datetime import date, time

from django.db import migrations

TB_6150 = "TB 6150/TB-BLĐTBXH (2024), thực hiện CV 8726/VPCP-KGVX ngày 26/11/2024"
TB_9441 = "TB 9441/TB-BNV ngày 16/10/2025, thực hiện CV 9859/VPCP-KGVX ngày 13/10/2025"
CV_12729 = "CV 12729/VPCP-KGVX ngày 25/12/2025 (Bộ Nội vụ đề xuất)"
ANNOUNCED = "announced"
DERIVED = "derived"

TET_2025 = "Nghỉ Tết Âm lịch Ất Tỵ 2025"
TET_2026 = "Nghỉ Tết Âm lịch Bính Ngọ 2026"

# (date, kind, name, legal reference, basis, note)
ENTRIES = [
    # --- 2025 ---------------------------------------------------------------------------------
    *[
        (date(2025, 1, day), "public_holiday", TET_2025, f"{TB_6150} — công bố", ANNOUNCED,
         "Nghỉ từ Thứ Bảy 25/01/2025 (26 tháng Chạp) đến hết Chủ nhật 02/02/2025 (mùng 5 Tết); "
         "05 ngày Tết Thứ Hai 27/01 – Thứ Sáu 31/01.")
        for day in range(27, 32)
    ],
    (date(2025, 4, 26), "make_up_working_day", "Làm bù cho ngày nghỉ Thứ Sáu 02/5/2025",
     f"{TB_6150} — công bố (đọc qua bản tin thuật lại thông báo, chưa đọc nguyên văn)", ANNOUNCED,
     "Hoán đổi ngày làm việc dịp 30/4 – 01/5/2025: nghỉ Thứ Sáu 02/5, làm bù Thứ Bảy 26/4."),
    (date(2025, 5, 2), "swapped_day_off", "Nghỉ hoán đổi dịp 30/4 – 01/5 (làm bù Thứ Bảy 26/4/2025)",
     f"{TB_6150} — công bố (đọc qua bản tin thuật lại thông báo, chưa đọc nguyên văn)", ANNOUNCED,
     "Công chức, viên chức nghỉ 05 ngày liên tục từ Thứ Tư 30/4 đến hết Chủ nhật 04/5/2025."),
    (date(2025, 9, 1), "public_holiday", "Quốc khánh 2025 (ngày liền kề 01/9)", f"{TB_6150} — công bố", ANNOUNCED,
     "Nghỉ từ Thứ Bảy 30/8 đến hết Thứ Ba 02/9/2025."),
    (date(2025, 9, 2), "public_holiday", "Quốc khánh 2025 (02/9)", f"{TB_6150} — công bố", ANNOUNCED, ""),
    # --- 2026 ---------------------------------------------------------------------------------
    (date(2026, 1, 2), "swapped_day_off", "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù Thứ Bảy 10/01/2026)",
     f"{CV_12729} — công bố (đọc qua bản tin, chưa đọc nguyên văn)", ANNOUNCED,
     "Công chức, viên chức nghỉ 04 ngày liên tục từ Thứ Năm 01/01 đến hết Chủ nhật 04/01/2026."),
    (date(2026, 1, 10), "make_up_working_day", "Làm bù cho ngày nghỉ Thứ Sáu 02/01/2026",
     f"{CV_12729} — công bố (đọc qua bản tin, chưa đọc nguyên văn)", ANNOUNCED, ""),
    *[
        (date(2026, 2, day), "public_holiday", TET_2026, f"{TB_9441} — công bố", ANNOUNCED,
         "Nghỉ Tết từ Thứ Hai 16/02/2026 (29 tháng Chạp Ất Tỵ) đến hết Thứ Sáu 20/02/2026 (mùng 4 Tết Bính Ngọ); "
         "cùng 02 ngày nghỉ hằng tuần trước và sau là 09 ngày liên tục (14/02 – 22/02).")
        for day in range(16, 21)
    ],
    (date(2026, 4, 27), "compensatory_day_off", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 Bính Ngọ là Chủ nhật 26/4/2026)",
     "BLLĐ 2019 Điều 111 k3 — suy ra, chưa đọc trong thông báo", DERIVED,
     "Giỗ Tổ 10/3 âm lịch tính theo lịch âm Việt Nam (UTC+7) là Chủ nhật 26/4/2026."),
    (date(2026, 8, 22), "make_up_working_day", "Làm bù cho ngày nghỉ Thứ Hai 31/8/2026", f"{TB_9441} — công bố", ANNOUNCED,
     "Hoán đổi dịp Quốc khánh 2026: nghỉ Thứ Hai 31/8, làm bù Thứ Bảy 22/8."),
    (date(2026, 8, 31), "swapped_day_off", "Nghỉ hoán đổi dịp Quốc khánh (làm bù Thứ Bảy 22/8/2026)", f"{TB_9441} — công bố",
     ANNOUNCED, "Nghỉ từ Thứ Bảy 29/8 đến hết Thứ Tư 02/9/2026."),
    (date(2026, 9, 1), "public_holiday", "Quốc khánh 2026 (ngày liền kề 01/9)", f"{TB_9441} — công bố", ANNOUNCED, ""),
    (date(2026, 9, 2), "public_holiday", "Quốc khánh 2026 (02/9)", f"{TB_9441} — công bố", ANNOUNCED, ""),
]

DEFAULT_OFFICE_HOURS = {
    "valid_from": date(2014, 1, 1),
    "morning_start": time(7, 30),
    "morning_end": time(11, 30),
    "afternoon_start": time(13, 0),
    "afternoon_end": time(17, 0),
    "legal_reference": "QĐ 188/1999/QĐ-TTg (40 giờ/tuần); giờ cụ thể do UBND tỉnh quyết định",
    "note": "Giá trị mặc định 07:30–11:30, 13:00–17:00 (8 giờ/ngày). Sửa theo quyết định giờ làm việc của tỉnh.",
}


def seed(apps, schema_editor):
    CalendarOverride = apps.get_model("workflow", "CalendarOverride")
    OfficeHours = apps.get_model("workflow", "OfficeHours")
    for day, kind, name, reference, basis, note in ENTRIES:
        CalendarOverride.objects.get_or_create(
            date=day,
            defaults={"kind": kind, "name": name, "legal_reference": reference, "basis": basis, "note": note},
        )
    OfficeHours.objects.get_or_create(valid_from=DEFAULT_OFFICE_HOURS["valid_from"], defaults=DEFAULT_OFFICE_HOURS)


def unseed(apps, schema_editor):
    CalendarOverride = apps.get_model("workflow", "CalendarOverride")
    OfficeHours = apps.get_model("workflow", "OfficeHours")
    for day, kind, name, reference, basis, _note in ENTRIES:
        CalendarOverride.objects.filter(date=day, kind=kind, name=name, legal_reference=reference, basis=basis).delete()
    OfficeHours.objects.filter(**{k: v for k, v in DEFAULT_OFFICE_HOURS.items() if k != "note"}).delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_calendar_tables")]

    operations = [migrations.RunPython(seed, unseed)]
