"""List exports of the national TTHC database ("danh-sach-tthc-*.xlsx"): one row per procedure with
Mã số, Tên, Cơ quan ban hành, Cơ quan thực hiện, Lĩnh vực, under a letterhead of a few rows.

The header row is found by its titles (not by its row number). A list row carries only the code,
name, implementing agency and field, so its records are ``merge`` records: they create the
procedures the catalogue lacks and, on a procedure imported from a detail record, only fill an
empty field or implementing agency; they never wipe the detail data (channels, papers …). See
``procedures_import``. The issuing ministry (Cơ quan ban hành) has no column in the catalogue model
and is not stored.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from egov.core.text import fold
from egov.procedures.contracts import ProcedureData
from egov.procedures.importers.common import (
    ParsedRecord,
    clean,
    fit_name,
    guarded,
    identity_problem,
    join_lines,
    reject,
)

SOURCE = "national_list"
_HEADERS = {
    "ma so": "code",
    "ma thu tuc": "code",
    "ten": "name",
    "ten thu tuc": "name",
    "co quan ban hanh": "issuing_agency",
    "co quan thuc hien": "implementing_agency",
    "linh vuc": "field",
}
_REQUIRED = {"code", "name"}


def read_national_list(path: Path) -> Iterator[ParsedRecord]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, OSError, KeyError, ValueError) as exc:
        yield reject(path.name, "", _("not a readable .xlsx workbook: %(error)s") % {"error": str(exc)[:120]})
        return
    try:
        found = False
        for sheet in workbook.worksheets:
            columns: dict[str, int] | None = None
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if columns is None:
                    columns = _header(row)
                    continue
                if not any(clean(cell) for cell in row):
                    continue
                found = True
                ref = _("%(file)s sheet “%(sheet)s” row %(row)s") % {
                    "file": path.name,
                    "sheet": sheet.title,
                    "row": number,
                }
                yield guarded(ref, None, list_record, row, columns)
        if not found:
            yield reject(path.name, "", _("no header row with “Mã số” and “Tên” found, or no rows under it"))
    finally:
        workbook.close()


def _header(row: tuple[Any, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = _HEADERS.get(fold(clean(cell)).rstrip(":"))
        if key is not None and key not in columns:
            columns[key] = index
    return columns if set(columns) >= _REQUIRED else None


def list_record(row: tuple[Any, ...], columns: dict[str, int], *, ref: str) -> ParsedRecord:
    def cell(key: str) -> Any:
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    code = clean(cell("code"))
    name = " ".join(clean(cell("name")).split())
    problem = identity_problem(code, name)
    if problem:
        return reject(ref, code, problem)
    warnings: list[str] = []
    name = fit_name(name, warnings)
    data = ProcedureData(
        code=code,
        name=name,
        field_name=" ".join(clean(cell("field")).split()),
        implementing_agency=join_lines(cell("implementing_agency")),
        source=SOURCE,
    )
    return ParsedRecord(ref=ref, code=code, data=data, warnings=warnings, merge=True)
