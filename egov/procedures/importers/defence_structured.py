"""Structured records parsed from the national database's Word exports ("ChiTietTTHC_<code>.doc"),
as published for the Ministry of Defence: ``metadata`` / ``content`` / ``tables`` with real cells.

Observed quirks: the paper table's "so_luong" column holds the template file name and "ghi_chu"
holds the quantity ("Bản chính: 1\\nBản sao: 0"); fees are "Phí : 2.000.000 Đồng (note)".
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from egov.core.text import fold
from egov.procedures.choices import ChannelKind
from egov.procedures.contracts import ChannelData, LegalBasisData, PaperData, ProcedureData
from egov.procedures.importers.common import (
    ParsedRecord,
    clean,
    fee_items,
    fit_name,
    guarded,
    identity_problem,
    online_kind,
    parse_levels,
    parse_time,
    reject,
)
from egov.procedures.importers.flat_legal import NOTATION_RE
from egov.procedures.importers.paper_rules import classify_paper

SOURCE = "defence_structured"
_KINDS = {
    "truc tiep": ChannelKind.COUNTER,
    "dich vu buu chinh": ChannelKind.POST,
    "truc tuyen": ChannelKind.ONLINE_FULL,
}
_FILE_RE = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip|odt|rtf)$", re.IGNORECASE)


def is_structured(raw: Any) -> bool:
    return isinstance(raw, dict) and {"metadata", "content", "tables"} <= set(raw)


def read_structured(path: Path) -> Iterator[ParsedRecord]:
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    for file in files:
        ref = file.name
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield reject(ref, "", _("not a JSON document: %(error)s") % {"error": str(exc)[:120]})
            continue
        if not is_structured(raw):
            yield reject(ref, "", _("not a structured procedure record (metadata, content, tables)"))
            continue
        yield guarded(ref, raw, structured_record, raw)


def structured_record(raw: dict[str, Any], *, ref: str) -> ParsedRecord:
    meta = _section(raw, "metadata")
    content = _section(raw, "content")
    tables = _section(raw, "tables")
    code = clean(meta.get("mã_thủ_tục")) or clean(raw.get("thu_tuc_id"))
    name = " ".join(clean(meta.get("tên_thủ_tục")).split())
    problem = identity_problem(code, name)
    if problem:
        return reject(ref, code, problem)
    warnings: list[str] = []
    name = fit_name(name, warnings)
    levels, unknown = parse_levels(clean(meta.get("cấp_thực_hiện")))
    warnings += [_("unknown implementing level “%(level)s”") % {"level": level} for level in unknown]
    steps = clean(content.get("trình_tự_thực_hiện"))
    conditions = clean(content.get("yêu_cầu_điều_kiện_thực_hiện"))
    online = online_kind(name=name, texts=[steps, conditions])
    channels = [_channel(row, online, warnings) for row in _rows(tables, "hinh_thuc_nop")]
    result = clean(content.get("kết_quả_thực_hiện"))
    data = ProcedureData(
        code=code,
        name=name,
        field_name=clean(meta.get("lĩnh_vực")),
        level_codes=levels,
        procedure_type=clean(meta.get("loại_thủ_tục"))[:255],
        decision_number=re.sub(r"^Quyết định số\s*", "", clean(meta.get("số_quyết_định")))[:255],
        competent_agency=clean(content.get("cơ_quan_có_thẩm_quyền")),
        implementing_agency=clean(content.get("cơ_quan_thực_hiện")),
        coordinating_agencies=clean(content.get("cơ_quan_phối_hợp")),
        target_applicants=clean(content.get("đối_tượng_thực_hiện")),
        submission_address=clean(content.get("địa_chỉ_tiếp_nhận_hs")),
        steps=steps,
        conditions=conditions,
        results=({"name": result, "code": ""},) if result else (),
        channels=tuple(channel for channel in channels if channel is not None),
        papers=tuple(_paper(row) for row in _rows(tables, "thanh_phan_ho_so") if clean(row.get("ten_giay_to"))),
        legal_bases=tuple(
            LegalBasisData(document_number=_notation(clean(row.get("so_ky_hieu"))), title=clean(row.get("trich_yeu")))
            for row in _rows(tables, "can_cu_phap_ly")
            if clean(row.get("so_ky_hieu")) or clean(row.get("trich_yeu"))
        ),
        source=SOURCE,
    )
    return ParsedRecord(ref=ref, code=code, data=data, warnings=warnings)


def _notation(text: str) -> str:
    """ "Thông tư số 67/2024/TT-BQP" → "67/2024/TT-BQP"; a cell without a notation is kept as written."""
    match = NOTATION_RE.search(text)
    return match.group(0) if match else text[:255]


def _section(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def _rows(tables: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = tables.get(key)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _channel(row: dict[str, Any], online: ChannelKind, warnings: list[str]) -> ChannelData | None:
    label = clean(row.get("hinh_thuc"))
    kind = _KINDS.get(fold(label))
    if kind is None:
        warnings.append(_("unknown submission channel “%(channel)s”") % {"channel": label})
        return None
    time_text = clean(row.get("thoi_han_giai_quyet"))
    time, unit = parse_time(time_text)
    fee_text = clean(row.get("phi_le_phi"))
    return ChannelData(
        kind=online if kind == ChannelKind.ONLINE_FULL else kind,
        processing_time=time,
        time_unit=unit,
        processing_time_text=time_text or str(row.get("thoi_han_giai_quyet") or "").strip(),
        fees=tuple(fee_items(fee_text)),
        fee_text=fee_text,
    )


def _paper(row: dict[str, Any]) -> PaperData:
    name = " ".join(clean(row.get("ten_giay_to")).split())
    template = clean(row.get("so_luong"))
    note = str(row.get("ghi_chu") or "")
    originals = re.search(r"Bản chính:\s*(\d+)", note)
    copies = re.search(r"Bản sao:\s*(\d+)", note)
    count_originals = int(originals.group(1)) if originals else 0
    count_copies = int(copies.group(1)) if copies else 0
    found = classify_paper(name, originals=count_originals, copies=count_copies)
    return PaperData(
        name=name,
        originals=count_originals,
        copies=count_copies,
        quantity_text=", ".join(part.strip() for part in note.splitlines() if part.strip())[:255],
        kind=found.kind,
        requirement=found.requirement,
        condition=found.condition,
        condition_rule=found.condition_rule,
        template_name=template[:255] if _FILE_RE.search(template) else "",
    )
