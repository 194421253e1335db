"""The one-stop report as an Excel workbook laid out like the national form Biểu số II.06a/VPCP/KSTT.

The wording is the form's own (a national reporting form is filled in Vietnamese whatever the
user's language), so it is written here as the form prints it rather than translated.
Columns (1) to (13) are the form's; (14) to (17) are this system's extra columns.
"""

from dataclasses import dataclass
from io import BytesIO
from typing import Any, cast

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from egov.dossiers.one_stop_report import FORM_COLUMNS, ReportResult, ReportRow
from egov.organisation.facade import agency_get_summary, staff_agency_ids
from egov.workflow.facade import VIETNAM_TZ

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM_NUMBER = "Biểu số II.06a/VPCP/KSTT"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI"
FONT_NAME = "Times New Roman"
HEADER_ROW = 8  # first row of the column headers
FIRST_DATA_ROW = HEADER_ROW + 4
LAST_COLUMN = 17
_GROUP_HEADING = {"agency": "Đơn vị", "field": "Lĩnh vực", "agency_field": "Đơn vị / Lĩnh vực"}
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)

# (first row, first column, last row, last column, text) relative to HEADER_ROW; the form's header.
_HEADERS: tuple[tuple[int, int, int, int, str], ...] = (
    (0, 1, 2, 1, "STT"),
    (0, 2, 2, 2, ""),  # filled with the grouping's heading
    (0, 3, 0, 6, "Số hồ sơ tiếp nhận"),
    (1, 3, 2, 3, "Tổng số"),
    (1, 4, 1, 5, "Trong kỳ"),
    (2, 4, 2, 4, "Trực tuyến"),
    (2, 5, 2, 5, "Trực tiếp, dịch vụ bưu chính"),
    (1, 6, 2, 6, "Từ kỳ trước"),
    (0, 7, 0, 10, "Số lượng hồ sơ đã giải quyết"),
    (1, 7, 2, 7, "Tổng số"),
    (1, 8, 2, 8, "Trước hạn"),
    (1, 9, 2, 9, "Đúng hạn (gồm cả hồ sơ xin rút)"),
    (1, 10, 2, 10, "Quá hạn"),
    (0, 11, 0, 13, "Số lượng hồ sơ đang xử lý"),
    (1, 11, 2, 11, "Tổng số"),
    (1, 12, 2, 12, "Trong hạn (gồm cả hồ sơ chờ bổ sung)"),
    (1, 13, 2, 13, "Quá hạn"),
    (0, 14, 2, 14, "Đã trả kết quả trong kỳ"),
    (0, 15, 2, 15, "Công dân xin rút (đã tính vào (7), (9))"),
    (0, 16, 2, 16, "Từ chối tiếp nhận"),
    (0, 17, 2, 17, "Tỷ lệ giải quyết đúng hạn, trước hạn (%)"),
)
_WIDTHS = {1: 6, 2: 42, **dict.fromkeys(range(3, 14), 12), 14: 13, 15: 13, 16: 13, 17: 15}


@dataclass(frozen=True)
class ReportHeading:
    """The header block of the form: whose report, to whom, about which unit(s)."""

    subject: str  # "… TẠI <subject>"
    reporting_unit: str  # Đơn vị báo cáo
    recipient_unit: str  # Đơn vị nhận báo cáo


def report_heading(*, user: Any, report: ReportResult) -> ReportHeading:
    """The reporting unit is the user's agency; it reports to its parent agency (the top one to the
    Government Office). The subject is the one agency covered, else the top agency for a
    province-wide report, else the reporting unit (e.g. a ward and its centre)."""
    own_ids = staff_agency_ids(user.pk)
    own = agency_get_summary(own_ids[0]) if own_ids else None
    parent = agency_get_summary(own.parent_id) if own and own.parent_id else None
    with override("vi"):  # the form is Vietnamese whatever the user's language
        recipient = parent.name if parent else (str(_("Government Office")) if own else "")
    subject = own.name if own else ""
    if len(report.agency_ids) == 1:
        single = agency_get_summary(report.agency_ids[0])
        subject = single.name if single else subject
    elif report.province_wide and own:
        top = own
        for _depth in range(5):  # the agency tree is at most a few levels deep
            up = agency_get_summary(top.parent_id) if top.parent_id else None
            if up is None:
                break
            top = up
        subject = top.name
    return ReportHeading(subject=subject, reporting_unit=own.name if own else "", recipient_unit=recipient)


def _font(bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=12, bold=bold, italic=italic)


def _put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False, italic: bool = False) -> Cell:
    cell: Cell = ws.cell(row=row, column=col, value=value)  # type: ignore[assignment]
    cell.font = _font(bold, italic)
    return cell


def _merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int, value: object, **style: bool) -> Cell:
    if (r1, c1) != (r2, c2):
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    return _put(ws, r1, c1, value, **style)


def _box(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            cell.border = _BOX


def _heading(ws: Worksheet, report: ReportResult, heading: ReportHeading) -> None:
    _merge(ws, 1, 1, 1, 5, FORM_NUMBER, bold=True)
    _merge(ws, 1, 12, 1, LAST_COLUMN, f"Đơn vị báo cáo: {heading.reporting_unit}")
    _merge(ws, 2, 12, 2, LAST_COLUMN, f"Đơn vị nhận báo cáo: {heading.recipient_unit}")
    subject = heading.subject.upper() or "CÁC CƠ QUAN, ĐƠN VỊ"
    title = _merge(ws, 4, 1, 4, LAST_COLUMN, f"{TITLE} {subject}", bold=True)
    period = f"Kỳ báo cáo: từ ngày {report.period_from:%d/%m/%Y} đến ngày {report.period_to:%d/%m/%Y}"
    kind = "cơ quan tiếp nhận" if report.agency_by == "receiving" else "cơ quan giải quyết"
    _merge(ws, 5, 1, 5, LAST_COLUMN, period, italic=True)
    # The cut-off in Vietnamese time, as the page shows it (the database keeps UTC).
    as_of = report.as_of.astimezone(VIETNAM_TZ)
    _merge(ws, 6, 1, 6, LAST_COLUMN, f"(Số liệu theo {kind}; tính đến {as_of:%H:%M ngày %d/%m/%Y})", italic=True)
    _merge(ws, 7, 14, 7, LAST_COLUMN, "Đơn vị tính: hồ sơ", italic=True)
    for row in (4, 5, 6):
        ws.cell(row=row, column=1).alignment = _CENTRE
    ws.cell(row=7, column=14).alignment = Alignment(horizontal="right")
    ws.row_dimensions[4].height = 36
    title.font = Font(name=FONT_NAME, size=13, bold=True)


def _column_headers(ws: Worksheet, group_by: str) -> None:
    for r1, c1, r2, c2, text in _HEADERS:
        cell = _merge(ws, HEADER_ROW + r1, c1, HEADER_ROW + r2, c2, text or _GROUP_HEADING[group_by], bold=True)
        cell.alignment = _CENTRE
    numbers_row = HEADER_ROW + 3
    for col in range(1, LAST_COLUMN + 1):
        _put(ws, numbers_row, col, f"({col})", italic=True).alignment = _CENTRE
    _box(ws, HEADER_ROW, 1, numbers_row, LAST_COLUMN)
    for row in range(HEADER_ROW, numbers_row):
        ws.row_dimensions[row].height = 45


def _values(row: ReportRow) -> list[object]:
    values: list[object] = [getattr(row, name) for name in FORM_COLUMNS]
    return ["" if value is None else value for value in values]  # no rate when nothing was resolved


def _data_row(ws: Worksheet, at: int, number: object, label: str, row: ReportRow, *, bold: bool = False) -> None:
    _put(ws, at, 1, number, bold=bold).alignment = Alignment(horizontal="center", vertical="top")
    _put(ws, at, 2, label, bold=bold).alignment = Alignment(wrap_text=True, vertical="top")
    for offset, value in enumerate(_values(row)):
        cell = _put(ws, at, 3 + offset, value, bold=bold)
        cell.alignment = Alignment(horizontal="right", vertical="top")
    ws.cell(row=at, column=LAST_COLUMN).number_format = "0.00"


def one_stop_report_xlsx(report: ReportResult, heading: ReportHeading) -> bytes:
    """The workbook of ``report`` (one sheet), as bytes."""
    wb = Workbook()
    ws = cast(Worksheet, wb.active)  # a new workbook always has its first sheet
    ws.title = "II.06a"
    _heading(ws, report, heading)
    _column_headers(ws, report.group_by)
    at = FIRST_DATA_ROW
    for number, row in enumerate(report.rows, start=1):
        _data_row(ws, at, number, row.label or "—", row)
        at += 1
    _data_row(ws, at, "", "Tổng cộng", report.total, bold=True)
    _box(ws, FIRST_DATA_ROW, 1, at, LAST_COLUMN)
    notes = (
        "Ghi chú: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13). Hồ sơ công dân xin rút "
        "được tính vào cột (7) và (9); hồ sơ đang chờ bổ sung, chờ thực hiện nghĩa vụ tài chính được tính vào "
        "cột (12). Đúng hạn, quá hạn xác định theo thời hạn giải quyết theo quy định (không tính thời gian chờ "
        "bổ sung); tỷ lệ (17) = ((8) + (9)) / (7)."
    )
    _merge(ws, at + 2, 1, at + 2, LAST_COLUMN, notes, italic=True).alignment = Alignment(wrap_text=True)
    ws.row_dimensions[at + 2].height = 48
    for col, width in _WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=3)
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 3}"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
