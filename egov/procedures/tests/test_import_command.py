"""``manage.py import_procedures``: the three shared sources, counts, rejections, merge, idempotency."""

import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook  # type: ignore[import-untyped]

from config.env import BASE_DIR
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_verify
from egov.procedures.eforms import eform_schema_for
from egov.procedures.models import Channel, Procedure, ProcedureVersion, RequiredPaper
from egov.procedures.services.catalogue import procedure_set_form_schema

DATA = BASE_DIR.parent / "shared" / "data" / "procedures"
pytestmark = pytest.mark.django_db
_COUNTS = re.compile(r"Created: (\d+), updated: (\d+), unchanged: (\d+), rejected: (\d+)")


def run(path: Path, *args: str) -> tuple[tuple[int, ...], str]:
    out = StringIO()
    call_command("import_procedures", str(path), *args, stdout=out)
    text = out.getvalue()
    match = _COUNTS.search(text)
    assert match is not None, text
    return tuple(int(n) for n in match.groups()), text


def sample_lines(*codes: str) -> list[dict[str, Any]]:
    wanted: dict[str, dict[str, Any]] = {}
    with (DATA / "national_catalogue_sample.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            if raw["ma_thu_tuc"] in codes:
                wanted[raw["ma_thu_tuc"]] = raw
    return [wanted[code] for code in codes]


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("\n".join(row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows))
    return path


def write_list(path: Path, rows: list[tuple[Any, ...]], *, letterhead: int = 1) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for _ in range(letterhead):
        sheet.append(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nDANH SÁCH THỦ TỤC HÀNH CHÍNH",))
    sheet.append(("Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_importing_the_three_shared_sources_twice(settings: Any) -> None:
    # given the shared data: 2,642 detail records, 207 structured records, 7 list exports
    lists = sorted((DATA / "national_db_exports").glob("*.xlsx"))
    # when imported once
    first = [run(DATA / "national_catalogue_sample.jsonl")[0], run(DATA / "ministry_of_defence_structured")[0]]
    first += [run(path)[0] for path in lists]
    # then every record became a procedure; list rows only filled empty fields
    assert first[0] == (2642, 0, 0, 0)
    assert first[1] == (207, 0, 0, 0)
    assert [counts[0] for counts in first[2:]] == [0] * 7  # every listed code has a detail record
    assert sum(counts[1] + counts[2] for counts in first[2:]) == 2642
    assert Procedure.objects.count() == 2849
    # when everything is imported again, in the same order
    again = [run(DATA / "national_catalogue_sample.jsonl")[0], run(DATA / "ministry_of_defence_structured")[0]]
    again += [run(path)[0] for path in lists]
    # then nothing changes
    assert [counts[:2] for counts in again] == [(0, 0)] * 9
    assert again[0] == (0, 0, 2642, 0)
    assert AuditEntry.objects.filter(action="procedures.catalogue_import").count() == 18
    assert audit_verify() == []


def test_counts_and_each_rejected_row_with_its_reason(tmp_path: Path) -> None:
    good, other = sample_lines("1.000178", "1.001471")
    path = write_jsonl(
        tmp_path / "records.jsonl",
        [good, "{not json", {**other, "ma_thu_tuc": "1.00147"}, {**other, "ten_thu_tuc": ""}, other, good],
    )
    counts, text = run(path)
    assert counts == (2, 0, 0, 4)
    assert "  line 2: not a JSON object: Expecting property name enclosed in double quotes" in text
    assert "  line 3 [1.00147]: malformed procedure code “1.00147” (expected like 1.001193)" in text
    assert "  line 4 [1.001471]: procedure name missing" in text
    assert "  line 6 [1.000178]: the same code appears earlier in this source (line 1)" in text
    assert Procedure.objects.count() == 2


def test_reimport_changes_nothing_and_a_changed_record_makes_a_new_version(tmp_path: Path) -> None:
    (record,) = sample_lines("1.001471")
    path = write_jsonl(tmp_path / "one.jsonl", [record])
    assert run(path)[0] == (1, 0, 0, 0)
    assert run(path)[0] == (0, 0, 1, 0)
    changed = write_jsonl(tmp_path / "changed.jsonl", [{**record, "ten_thu_tuc": record["ten_thu_tuc"] + " (sửa đổi)"}])
    assert run(changed)[0] == (0, 1, 0, 0)
    procedure = Procedure.objects.get(code="1.001471")
    assert list(procedure.versions.order_by("number").values_list("number", "status")) == [
        (1, "retired"),
        (2, "published"),
    ]
    assert Channel.objects.filter(version=procedure.current_version).count() == 6


def test_dry_run_counts_but_saves_nothing(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "two.jsonl", sample_lines("1.000178", "1.001471"))
    counts, text = run(path, "--dry-run")
    assert counts == (2, 0, 0, 0)
    assert "Dry run: nothing was saved." in text
    assert (Procedure.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_list_export_fills_gaps_and_never_wipes_detail_data(tmp_path: Path) -> None:
    # given a detail record whose implementing agency is "Không có thông tin"
    (record,) = sample_lines("1.013313")
    assert record["co_quan_thuc_hien"] == "Không có thông tin"
    run(write_jsonl(tmp_path / "detail.jsonl", [record]))
    before = Procedure.objects.get(code="1.013313").current_version
    assert before is not None
    assert before.implementing_agency == ""
    papers = RequiredPaper.objects.filter(version=before).count()
    # when a list export names the agency (two lines), renames the procedure and adds an unknown code
    listed = write_list(
        tmp_path / "list.xlsx",
        [
            ("1.013313", "Tên khác", "Bộ Công an", "Cục Quản lý xuất nhập cảnh\nCông an tỉnh", "Khác"),
            ("1.999999", "Thủ tục mới", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"),
        ],
        letterhead=3,
    )
    assert run(listed)[0] == (1, 1, 0, 0)
    # then the gap is filled and everything else is kept
    after = Procedure.objects.get(code="1.013313").current_version
    assert after is not None
    assert after.implementing_agency == "Cục Quản lý xuất nhập cảnh; Công an tỉnh"
    assert (after.name, after.field) == (before.name, before.field)
    assert RequiredPaper.objects.filter(version=after).count() == papers > 0
    new = Procedure.objects.get(code="1.999999").current_version
    assert new is not None
    assert (new.name, new.implementing_agency, new.field.name) == (  # type: ignore[union-attr]
        "Thủ tục mới",
        "Ủy ban nhân dân cấp xã",
        "Hộ tịch",
    )
    # and importing both sources again changes nothing
    assert run(tmp_path / "detail.jsonl")[0] == (0, 0, 1, 0)
    assert run(listed)[0] == (0, 0, 2, 0)


def test_list_without_a_header_row_is_rejected(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("1.013313", "Tên", "Bộ", "Cục", "Lĩnh vực"))
    book.save(tmp_path / "bare.xlsx")
    counts, text = run(tmp_path / "bare.xlsx")
    assert counts == (0, 0, 0, 1)
    assert "bare.xlsx: no header row with “Mã số” and “Tên” found, or no rows under it" in text
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    counts, text = run(tmp_path / "broken.xlsx")
    assert counts == (0, 0, 0, 1)
    assert "broken.xlsx: not a readable .xlsx workbook" in text


def test_structured_file_and_directory(tmp_path: Path) -> None:
    source = DATA / "ministry_of_defence_structured" / "1.013124.json"
    single = tmp_path / "1.013124.json"
    single.write_bytes(source.read_bytes())
    (tmp_path / "broken.json").write_text("{")
    assert run(single)[0] == (1, 0, 0, 0)
    counts, text = run(tmp_path)
    assert counts == (0, 0, 1, 1)
    assert "broken.json: not a JSON document" in text
    version = Procedure.objects.get(code="1.013124").current_version
    assert version is not None
    channels = list(Channel.objects.filter(version=version).order_by("pk"))
    assert (channels[0].kind, channels[0].processing_time, channels[0].time_unit) == (
        "counter",
        Decimal(30),
        "working_day",
    )
    assert channels[0].fees == [{"amount": "0", "currency": "VND", "description": "Phí"}]
    assert list(RequiredPaper.objects.filter(version=version).values_list("template_name", "originals")) == [
        ("", 1),
        ("5-PHLCII.doc", 1),
    ]


def test_a_form_schema_set_in_the_catalogue_survives_a_reimport(tmp_path: Path) -> None:
    (record,) = sample_lines("1.001471")
    path = write_jsonl(tmp_path / "one.jsonl", [record])
    run(path)
    schema = eform_schema_for("1.001193")
    procedure_set_form_schema(code="1.001471", schema=schema, acting_user=None)
    assert run(path)[0] == (0, 0, 1, 0)
    assert ProcedureVersion.objects.get(procedure__code="1.001471", status="published").form_schema == schema


def test_unknown_format_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(CommandError, match="Unknown import format"):
        call_command("import_procedures", str(tmp_path / "notes.txt"), stdout=StringIO())
    with pytest.raises(CommandError, match=r"There is no file or directory at this path\."):
        call_command("import_procedures", str(tmp_path / "missing.jsonl"), stdout=StringIO())


def test_records_of_unexpected_shapes_never_crash_the_import(tmp_path: Path) -> None:
    (record,) = sample_lines("1.000178")
    rows: list[Any] = [
        [1, 2, 3],
        {**record, "cach_thuc_thuc_hien": 5, "thanh_phan_ho_so": None, "can_cu_phap_ly": {"a": 1}},
        {**record, "ma_thu_tuc": 1.000179, "ten_thu_tuc": "Thủ tục", "cap_thuc_hien": ["Cấp xã"]},
        {"ma_thu_tuc": None},
    ]
    counts, text = run(write_jsonl(tmp_path / "odd.jsonl", rows))
    assert counts == (2, 0, 0, 2)
    assert "  line 1: not a JSON object" in text
    assert "  line 4: procedure code missing" in text
    version = Procedure.objects.get(code="1.000178").current_version
    assert version is not None
    assert Channel.objects.filter(version=version).count() == 0
