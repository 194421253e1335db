"""The national catalogue's detail records, one JSON object per line (crawled from
dichvucong.gov.vn: ``ma_thu_tuc``, ``ten_thu_tuc``, ``cach_thuc_thuc_hien`` …).

Table fields are flattened text; ``flat_channels``, ``flat_papers`` and ``flat_legal`` read them.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from egov.procedures.contracts import ProcedureData
from egov.procedures.importers.common import (
    ParsedRecord,
    clean,
    fit_name,
    guarded,
    identity_problem,
    online_kind,
    parse_levels,
    reject,
)
from egov.procedures.importers.flat_channels import parse_channels
from egov.procedures.importers.flat_legal import parse_legal_bases, parse_results
from egov.procedures.importers.flat_papers import parse_papers

SOURCE = "national_catalogue"


def read_national_catalogue(path: Path) -> Iterator[ParsedRecord]:
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            ref = _("line %(number)s") % {"number": number}
            try:
                raw = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError:
                yield reject(ref, "", _("not UTF-8 text"))
                continue
            except json.JSONDecodeError as exc:
                yield reject(ref, "", _("not a JSON object: %(error)s") % {"error": exc.msg})
                continue
            if not isinstance(raw, dict):
                yield reject(ref, "", _("not a JSON object"))
                continue
            yield guarded(ref, raw, national_record, raw)


def national_record(raw: dict[str, Any], *, ref: str) -> ParsedRecord:
    """One detail record as ``ProcedureData``, or rejected with the reason; parse problems are warnings."""
    code = clean(raw.get("ma_thu_tuc"))
    name = " ".join(clean(raw.get("ten_thu_tuc")).split())
    problem = identity_problem(code, name)
    if problem:
        return reject(ref, code, problem)
    warnings: list[str] = []
    name = fit_name(name, warnings)
    levels, unknown = parse_levels(clean(raw.get("cap_thuc_hien")))
    warnings += [_("unknown implementing level “%(level)s”") % {"level": level} for level in unknown]
    steps = clean(raw.get("trinh_tu_thuc_hien"))
    conditions = clean(raw.get("yeu_cau_dieu_kien"))
    channels_text = str(raw.get("cach_thuc_thuc_hien") or "")
    channels, channel_warnings = parse_channels(
        channels_text,
        online_kind=online_kind(name=name, texts=[channels_text, conditions, steps]),
        hint_text=steps,
    )
    papers, paper_warnings = parse_papers(str(raw.get("thanh_phan_ho_so") or ""))
    bases, basis_warnings = parse_legal_bases(str(raw.get("can_cu_phap_ly") or ""))
    warnings += channel_warnings + paper_warnings + basis_warnings
    url = clean(raw.get("detail_url"))
    if len(url) > 500 or not url.startswith("https://"):
        url = ""
    data = ProcedureData(
        code=code,
        name=name,
        field_name=clean(raw.get("linh_vuc")),
        level_codes=levels,
        procedure_type=clean(raw.get("loai_thu_tuc"))[:255],
        decision_number=clean(raw.get("so_quyet_dinh"))[:255],
        competent_agency=clean(raw.get("co_quan_co_tham_quyen")),
        implementing_agency=clean(raw.get("co_quan_thuc_hien")),
        authorised_agency=clean(raw.get("co_quan_duoc_uy_quyen")),
        coordinating_agencies=clean(raw.get("co_quan_phoi_hop")),
        target_applicants=clean(raw.get("doi_tuong_thuc_hien")),
        submission_address=clean(raw.get("dia_chi_tiep_nhan")),
        steps=steps,
        conditions=conditions,
        results=tuple(parse_results(str(raw.get("ket_qua_xu_ly") or ""))),
        related_procedures=clean(raw.get("thu_tuc_lien_quan")),
        channels=tuple(channels),
        papers=tuple(papers),
        legal_bases=tuple(bases),
        source=SOURCE,
        source_url=url,
    )
    return ParsedRecord(ref=ref, code=code, data=data, warnings=warnings)
