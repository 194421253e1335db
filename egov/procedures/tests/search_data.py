"""Small catalogues for search, API and page tests: real procedures of the national database
(names, codes and fields as published), written as rows the way the catalogue's write path stores
them (folded search columns copied from the current version)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from egov.core.text import fold
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.models import (
    Channel,
    ImplementingLevel,
    LegalBasis,
    Procedure,
    ProcedureField,
    ProcedureVersion,
    RequiredPaper,
)
from egov.procedures.services.search_index import procedures_index


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    field_name: str
    levels: tuple[str, ...] = ("commune",)
    agency: str = "Ủy ban nhân dân cấp xã"
    online: str = "none"  # none | partial | full
    days: str | None = "5"
    fees: tuple[dict[str, Any], ...] = ()
    papers: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


HO_TICH = "Hộ tịch"
SAMPLE: tuple[Row, ...] = (
    Row("1.001193", "Thủ tục đăng ký khai sinh", HO_TICH, online="full", days="1"),
    Row("1.003583", "Thủ tục đăng ký khai sinh lưu động", HO_TICH, days="5"),
    Row("1.004884", "Thủ tục đăng ký lại khai sinh", HO_TICH, days="5"),
    Row("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", HO_TICH, days="15"),
    Row("1.000689", "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", HO_TICH, days="3"),
    Row(
        "2.000635",
        "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
        HO_TICH,
        ("province", "commune"),
        online="partial",
    ),
    Row("1.000656", "Thủ tục đăng ký khai tử", HO_TICH, online="full", days="1"),
    Row("1.000894", "Thủ tục đăng ký kết hôn", HO_TICH, online="partial", days="1"),
    Row(
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        agency="Phòng Tài chính - Kế hoạch",
        online="full",
        days="3",
    ),
    Row(
        "1.000105",
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "Hoạt động xây dựng",
        ("province", "commune"),
        agency="Sở Xây dựng",
        days="15",
    ),
    Row(
        "1.009994",
        "Xác nhận hợp đồng tiếp cận nguồn gen và chia sẻ lợi ích",
        "Đa dạng sinh học",
        ("ministry",),
        agency="Bộ Nông nghiệp và Môi trường",
        days="20",
    ),
)


# The published content of 1.001193 (national database, decision 163/QĐ-BTP), abridged.
BIRTH_REGISTRATION: dict[str, Any] = {
    "version": {
        "decision_number": "163/QĐ-BTP",
        "target_applicants": "Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài",
        "steps": (
            "Bước 1: Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến trên "
            "Cổng dịch vụ công quốc gia.\n"
            "Bước 2: Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ.\n"
            "Bước 3: Công chức tư pháp - hộ tịch ghi vào Sổ đăng ký khai sinh; Chủ tịch Ủy ban nhân dân "
            "cấp xã cấp Giấy khai sinh."
        ),
        "results": [{"name": "Giấy khai sinh", "code": "KQ.G15.000031"}],
        "source_url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
    },
    "fees": ({"amount": "0", "currency": "VND", "description": "Lệ phí"},),
    "papers": (
        {
            "name": "Tờ khai đăng ký khai sinh",
            "originals": 1,
            "template_name": "Tờ khai đăng ký khai sinh (Thông tư 04/2024/TT-BTP)",
        },
        {
            "name": (
                "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng "
                "xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh."
            ),
            "originals": 1,
        },
        {
            "name": "Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật",
            "originals": 1,
            "requirement": "conditional",
            "condition": "Trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh.",
        },
        {
            "name": "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
            "originals": 1,
            "requirement": "conditional",
            "group": "Trường hợp trẻ em bị bỏ rơi",
        },
    ),
}


def make_procedure(row: Row, *, active: bool = True, detail: dict[str, Any] | None = None) -> Procedure:
    """One procedure with a published version, its channels, papers and legal basis."""
    field_obj, _ = ProcedureField.objects.get_or_create(name=row.field_name, defaults={"code": _slug(row.field_name)})
    if not field_obj.name_folded:
        field_obj.name_folded = fold(field_obj.name)
        field_obj.save(update_fields=["name_folded"])
    procedure = Procedure.objects.create(
        code=row.code,
        name=row.name,
        name_folded=fold(row.name),
        field=field_obj,
        search_text=fold(" ".join((row.code, row.name, row.field_name, row.agency))),
        has_online=row.online in {"partial", "full"},
        has_full_online=row.online == "full",
        is_active=active,
    )
    content = {
        "competent_agency": row.agency,
        "implementing_agency": row.agency,
        "target_applicants": "Công dân Việt Nam",
        "steps": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "results": [{"name": "Giấy xác nhận", "code": "KQ.01"}],
        **row.extra,
        **(detail or {}).get("version", {}),
    }
    version = ProcedureVersion.objects.create(procedure=procedure, number=1, name=row.name, field=field_obj, **content)
    version.levels.set([_level(code) for code in row.levels])
    kinds = [ChannelKind.COUNTER, ChannelKind.POST]
    if row.online == "partial":
        kinds.append(ChannelKind.ONLINE_PARTIAL)
    if row.online == "full":
        kinds.append(ChannelKind.ONLINE_FULL)
    for kind in kinds:
        Channel.objects.create(
            version=version,
            kind=kind,
            processing_time=Decimal(row.days) if row.days is not None else None,
            time_unit=TimeUnit.WORKING_DAY if row.days is not None else TimeUnit.UNSPECIFIED,
            processing_time_text=f"{row.days} Ngày làm việc" if row.days else "",
            fees=list((detail or {}).get("fees", row.fees)),
        )
    for order, paper in enumerate((detail or {}).get("papers", row.papers), start=1):
        RequiredPaper.objects.create(version=version, order=order, **paper)
    LegalBasis.objects.create(
        version=version, order=1, document_number="123/2015/NĐ-CP", title="Nghị định quy định chi tiết"
    )
    procedure.current_version = version
    procedure.save(update_fields=["current_version"])
    procedures_index([procedure.pk])  # as the catalogue's write path does
    return procedure


def make_sample(*, detailed: dict[str, dict[str, Any]] | None = None) -> dict[str, Procedure]:
    return {row.code: make_procedure(row, detail=(detailed or {}).get(row.code)) for row in SAMPLE}


# As seeded by migration 0002 (a transactional test's flush empties the table).
LEVELS = {
    "ministry": ("Cấp Bộ", None),
    "province": ("Cấp Tỉnh", None),
    "district": ("Cấp Huyện", date(2025, 6, 30)),
    "commune": ("Cấp Xã", None),
    "other": ("Cơ quan khác", None),
}


def ensure_levels() -> None:
    for code in LEVELS:
        _level(code)


def _level(code: str) -> ImplementingLevel:
    name, valid_to = LEVELS[code]
    level, _ = ImplementingLevel.objects.get_or_create(code=code, defaults={"name": name, "valid_to": valid_to})
    return level


def _slug(name: str) -> str:
    return "-".join(fold(name).replace(",", " ").split())[:100]
