"""Result templates of the demo procedures that produce a document (admin-editable afterwards).

- 1.001193 Đăng ký khai sinh: Trích lục khai sinh, in the field order of the official civil-status
  form (Thông tư 04/2020/TT-BTP, as amended), inside the ND 30/2020/NĐ-CP frame.
- 1.000656 Đăng ký khai tử: Trích lục khai tử, likewise.
The signer block is the commune People's Committee's (ND 30/2020 Phụ lục I, ô 7a: "TM. ỦY BAN NHÂN
DÂN" and the position "CHỦ TỊCH").
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from egov.dossiers.models import ResultTemplate
from egov.procedures.models import Procedure

VALID_FROM = datetime.date(2025, 7, 1)  # the two-level local government (the commune registers)


@dataclass(frozen=True)
class TemplateSpec:
    procedure_code: str
    name: str
    title: str
    notation: str
    form_reference: str
    fields: list[dict[str, object]]
    body: str
    recipients: str = "Người yêu cầu\nLưu: VT, hồ sơ"


def _row(label: str, key: str) -> str:
    return f'<tr><td class="label">{label}:</td><td class="value">{{{{ fields.{key} }}}}</td></tr>'


_BIRTH_FIELDS: list[dict[str, object]] = [
    {"key": "child_name", "label": "Họ, chữ đệm, tên", "source": "form:child.full_name"},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "source": "form:child.birth_date"},
    {"key": "birth_date_words", "label": "Ghi bằng chữ", "source": "date_words:child.birth_date"},
    {"key": "gender", "label": "Giới tính", "source": "form:child.gender"},
    {"key": "ethnicity", "label": "Dân tộc", "source": "form:child.ethnicity"},
    {"key": "nationality", "label": "Quốc tịch", "source": "form:child.nationality"},
    {"key": "birth_place", "label": "Nơi sinh", "source": "form:child.birth_place"},
    {"key": "hometown", "label": "Quê quán", "source": "form:child.hometown"},
    {"key": "mother_name", "label": "Họ, chữ đệm, tên người mẹ", "source": "form:mother.full_name"},
    {"key": "mother_birth_year", "label": "Năm sinh của người mẹ", "source": "form:mother.birth_year"},
    {"key": "mother_ethnicity", "label": "Dân tộc của người mẹ", "source": "form:mother.ethnicity"},
    {"key": "mother_nationality", "label": "Quốc tịch của người mẹ", "source": "form:mother.nationality"},
    {"key": "mother_residence", "label": "Nơi cư trú của người mẹ", "source": "form:mother.residence"},
    # The father's part stays blank when no father is established (Nghị định 123/2015/NĐ-CP Điều 15,
    # as the e-form says): "father.declared" is then no, these fields are empty and may stay so.
    {"key": "father_name", "label": "Họ, chữ đệm, tên người cha", "source": "form:father.full_name", "optional": True},
    {
        "key": "father_birth_year",
        "label": "Năm sinh của người cha",
        "source": "form:father.birth_year",
        "optional": True,
    },
    {"key": "father_ethnicity", "label": "Dân tộc của người cha", "source": "form:father.ethnicity", "optional": True},
    {
        "key": "father_nationality",
        "label": "Quốc tịch của người cha",
        "source": "form:father.nationality",
        "optional": True,
    },
    {
        "key": "father_residence",
        "label": "Nơi cư trú của người cha",
        "source": "form:father.residence",
        "optional": True,
    },
    {"key": "requester", "label": "Người đi đăng ký khai sinh", "source": "form:requester.full_name"},
    {"key": "register_book", "label": "Quyển số", "source": "text:01/2026"},
]

_BIRTH_BODY = "\n".join(
    [
        '<table class="fields">',
        _row("Họ, chữ đệm, tên", "child_name"),
        _row("Ngày, tháng, năm sinh", "birth_date"),
        _row("Ghi bằng chữ", "birth_date_words"),
        _row("Giới tính", "gender"),
        _row("Dân tộc", "ethnicity"),
        _row("Quốc tịch", "nationality"),
        _row("Nơi sinh", "birth_place"),
        _row("Quê quán", "hometown"),
        _row("Họ, chữ đệm, tên người mẹ", "mother_name"),
        _row("Năm sinh", "mother_birth_year"),
        _row("Dân tộc", "mother_ethnicity"),
        _row("Quốc tịch", "mother_nationality"),
        _row("Nơi cư trú", "mother_residence"),
        _row("Họ, chữ đệm, tên người cha", "father_name"),
        _row("Năm sinh", "father_birth_year"),
        _row("Dân tộc", "father_ethnicity"),
        _row("Quốc tịch", "father_nationality"),
        _row("Nơi cư trú", "father_residence"),
        "</table>",
        '<p class="plain">Nơi đăng ký khai sinh: <strong>{{ agency.name }}</strong></p>',
        '<p class="plain">Ngày, tháng, năm đăng ký: <strong>{{ issued_date }}</strong>'
        " — Quyển số: {{ fields.register_book }}</p>",
        '<p class="plain">Người đi đăng ký khai sinh: {{ fields.requester }}</p>',
    ]
)

_DEATH_FIELDS: list[dict[str, object]] = [
    {"key": "deceased_name", "label": "Họ, chữ đệm, tên", "source": "form:deceased.full_name"},
    {"key": "birth_date", "label": "Ngày, tháng, năm sinh", "source": "form:deceased.birth_date"},
    {"key": "gender", "label": "Giới tính", "source": "form:deceased.gender"},
    {"key": "ethnicity", "label": "Dân tộc", "source": "form:deceased.ethnicity"},
    {"key": "nationality", "label": "Quốc tịch", "source": "form:deceased.nationality"},
    {"key": "citizen_id", "label": "Số định danh cá nhân", "source": "form:deceased.citizen_id"},
    {"key": "last_residence", "label": "Nơi cư trú cuối cùng", "source": "form:deceased.last_residence"},
    {"key": "death_time", "label": "Giờ, phút chết", "source": "form:deceased.death_time"},
    {"key": "death_date", "label": "Ngày, tháng, năm chết", "source": "form:deceased.death_date"},
    {"key": "death_date_words", "label": "Ghi bằng chữ", "source": "date_words:deceased.death_date"},
    {"key": "death_place", "label": "Nơi chết", "source": "form:deceased.death_place"},
    {"key": "cause", "label": "Nguyên nhân chết", "source": "form:deceased.cause"},
    {"key": "requester", "label": "Người đi đăng ký khai tử", "source": "form:requester.full_name"},
    {"key": "register_book", "label": "Quyển số", "source": "text:01/2026"},
]

_DEATH_BODY = "\n".join(
    [
        '<table class="fields">',
        _row("Họ, chữ đệm, tên", "deceased_name"),
        _row("Ngày, tháng, năm sinh", "birth_date"),
        _row("Giới tính", "gender"),
        _row("Dân tộc", "ethnicity"),
        _row("Quốc tịch", "nationality"),
        _row("Số định danh cá nhân", "citizen_id"),
        _row("Nơi cư trú cuối cùng", "last_residence"),
        _row("Đã chết vào lúc", "death_time"),
        _row("Ngày, tháng, năm chết", "death_date"),
        _row("Ghi bằng chữ", "death_date_words"),
        _row("Nơi chết", "death_place"),
        _row("Nguyên nhân chết", "cause"),
        "</table>",
        '<p class="plain">Nơi đăng ký khai tử: <strong>{{ agency.name }}</strong></p>',
        '<p class="plain">Ngày, tháng, năm đăng ký: <strong>{{ issued_date }}</strong>'
        " — Quyển số: {{ fields.register_book }}</p>",
        '<p class="plain">Người đi đăng ký khai tử: {{ fields.requester }}</p>',
    ]
)

DEMO_TEMPLATES = (
    TemplateSpec(
        "1.001193",
        "Trích lục khai sinh (bản chính)",
        "Trích lục khai sinh",
        "TLKS",
        "Trích lục khai sinh, mẫu ban hành kèm Thông tư số 04/2020/TT-BTP (sửa đổi); thể thức Nghị định 30/2020/NĐ-CP",
        _BIRTH_FIELDS,
        _BIRTH_BODY,
    ),
    TemplateSpec(
        "1.000656",
        "Trích lục khai tử (bản chính)",
        "Trích lục khai tử",
        "TLKT",
        "Trích lục khai tử, mẫu ban hành kèm Thông tư số 04/2020/TT-BTP (sửa đổi); thể thức Nghị định 30/2020/NĐ-CP",
        _DEATH_FIELDS,
        _DEATH_BODY,
    ),
)


@transaction.atomic
def result_templates_load_demo() -> int:
    """Create the demo result templates that do not exist yet (by procedure and name); returns how many."""
    created = 0
    procedures = dict(
        Procedure.objects.filter(code__in=[s.procedure_code for s in DEMO_TEMPLATES]).values_list("code", "pk")
    )
    for spec in DEMO_TEMPLATES:
        procedure_id = procedures.get(spec.procedure_code)
        if procedure_id is None or ResultTemplate.objects.filter(procedure_id=procedure_id, name=spec.name).exists():
            continue
        template = ResultTemplate(
            procedure_id=procedure_id,
            name=spec.name,
            form_reference=spec.form_reference,
            title=spec.title,
            notation=spec.notation,
            fields=spec.fields,
            body=spec.body,
            authority="TM. Ủy ban nhân dân",
            position="Chủ tịch",
            recipients=spec.recipients,
            valid_from=VALID_FROM,
        )
        template.full_clean()
        template.save()
        created += 1
    return created
