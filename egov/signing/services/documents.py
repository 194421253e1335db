"""PDFs the signing module draws itself with WeasyPrint: the text stamp for attachments and copies, and
a sample official document in the ND 30/2020 layout (demo, benchmarks, tests)."""

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string


@functools.cache
def _fonts() -> Any:
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    return FontConfiguration()


def _pdf(html: str) -> bytes:
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    doc = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    return bytes(doc.write_pdf(font_config=_fonts()))


STAMP_WIDTH_MM = 75.0
STAMP_HEIGHT_MM = 14.0


def text_stamp_pdf(lines: list[str]) -> bytes:
    """ND 30/2020 Phụ lục I §II.8b, Phần II §I.3: Times New Roman, upright, 10 pt, black, no image."""
    return _pdf(
        render_to_string(
            "signing/pdf/stamp.html",
            {"lines": lines, "width_mm": f"{STAMP_WIDTH_MM:g}", "height_mm": f"{STAMP_HEIGHT_MM:g}"},
        )
    )


@dataclass
class SampleDocument:
    agency_name: str
    signer_name: str
    position: str = "Chủ tịch"
    authority: str = "TM. Ủy ban nhân dân"
    parent_name: str = "Tỉnh Quảng Trị"
    number: str = "15/QĐ-UBND"
    place: str = "Đồng Hới"
    date: dt.date = field(default_factory=dt.date.today)
    doc_type: str = "Quyết định"
    subject: str = "Về việc cấp giấy phép"
    paragraphs: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=lambda: ["Như Điều 3", "Chủ tịch UBND tỉnh (b/c)"])
    pages: int = 1


_FILLER = (
    "Căn cứ Luật Tổ chức chính quyền địa phương; căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 "
    "của Chính phủ về công tác văn thư; xét đề nghị của cơ quan chuyên môn và hồ sơ của tổ chức, cá nhân "
    "đã được tiếp nhận, giải quyết theo đúng quy trình nội bộ và thời hạn quy định."
)


def sample_official_document_pdf(doc: SampleDocument) -> bytes:
    paragraphs = doc.paragraphs or [_FILLER] * max(3, 13 * doc.pages - 10)
    data = {**doc.__dict__, "paragraphs": paragraphs}
    return _pdf(render_to_string("signing/pdf/sample.html", data))
