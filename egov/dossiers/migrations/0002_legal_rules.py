"""Seed the legal rules stored as data: dossier code formats and the national status codes.

Code formats (rules digest §1.4): TT 01/2018/TT-VPCP Điều 19 (13-character QCVN 102 agency code,
4-digit daily sequence) until the 2025 reform; from 01/7/2025 the agency's electronic identifier
(QĐ 20/2020/QĐ-TTg as amended by QĐ 09/2025/QĐ-TTg) with a sequence of at least 4 digits that grows
(TT 03/2025/TT-VPCP Điều 13, k3 added by TT 04/2025/TT-VPCP). Province administrators add rows
when the format changes. Status codes: TrangThaiHoSo of Cổng DVCQG (digest §1.6).
"""

import datetime

from django.db import migrations

CODE_RULES = [
    ("TT 01/2018/TT-VPCP", "Thông tư 01/2018/TT-VPCP, Điều 19", "qcvn102", datetime.date(2018, 8, 1), datetime.date(2025, 6, 30)),
    ("TT 03/2025/TT-VPCP", "Thông tư 03/2025/TT-VPCP, Điều 13 (khoản 3 bổ sung bởi Thông tư 04/2025/TT-VPCP)", "current", datetime.date(2025, 7, 1), None),
]

STATUS_CODES = [
    ("submitted", "1", "Mới đăng ký"),
    ("rejected", "3", "Không được tiếp nhận"),
    ("processing", "4", "Đang xử lý"),
    ("waiting_supplement", "5", "Yêu cầu bổ sung giấy tờ"),
    ("waiting_obligation", "6", "Yêu cầu thực hiện nghĩa vụ tài chính"),
    ("withdrawn", "8", "Dừng xử lý"),
    ("resolved", "9", "Đã xử lý xong"),
    ("returned", "10", "Đã trả kết quả"),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("dossiers", "DossierCodeRule")
    Mapping = apps.get_model("dossiers", "StatusCodeMapping")
    for name, basis, scheme, valid_from, valid_to in CODE_RULES:
        Rule.objects.get_or_create(
            name=name,
            defaults={
                "legal_basis": basis,
                "pattern": "{agency}-{yymmdd}-{seq}",
                "agency_code_scheme": scheme,
                "min_digits": 4,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    for status, code, label in STATUS_CODES:
        Mapping.objects.get_or_create(
            status=status, valid_from=datetime.date(2019, 1, 1), defaults={"national_code": code, "national_label": label}
        )


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
