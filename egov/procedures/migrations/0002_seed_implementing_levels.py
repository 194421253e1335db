"""Implementing levels (cấp thực hiện) of the national TTHC database. The district level ended on
30/6/2025 (two-level local government, Luật Tổ chức chính quyền địa phương 72/2025/QH15)."""

import datetime

from django.db import migrations

LEVELS = [
    ("ministry", "Cấp Bộ", None, None),
    ("province", "Cấp Tỉnh", None, None),
    ("district", "Cấp Huyện", None, datetime.date(2025, 6, 30)),
    ("commune", "Cấp Xã", None, None),
    ("other", "Cơ quan khác", None, None),
]


def seed(apps, schema_editor):
    level = apps.get_model("procedures", "ImplementingLevel")
    for code, name, valid_from, valid_to in LEVELS:
        level.objects.update_or_create(code=code, defaults={"name": name, "valid_from": valid_from, "valid_to": valid_to})


def unseed(apps, schema_editor):
    apps.get_model("procedures", "ImplementingLevel").objects.filter(code__in=[c for c, *_ in LEVELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("procedures", "0001_catalogue")]
    operations = [migrations.RunPython(seed, unseed)]
