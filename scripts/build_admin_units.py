#!/usr/bin/env python3
"""Build ``egov/organisation/data/admin_units.json.gz`` from the reference copy of vietnamadminunits.

The product ships its own compact data file; this script is how it is made and re-made. Input (the
MIT-licensed PyPI package ``vietnamadminunits`` 1.0.4, copied to ``shared/data/admin_units/``):

* ``admin_units_2025.sqlite`` — table ``admin_units``: the 3,321 communes of the 34 provinces in force
  since 2025-07-01 (NQ 202/2025/QH15 and the commune-merger resolutions); table ``admin_units_legacy``:
  one row per pre-2025 commune (10,035) with its district (696) and province (63), plus one row for
  each of the 5 island districts that had no commune (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo).
* ``legacy_to_2025_mapping.json`` — the old → new mapping, keyed by the source's folded "keys":
  ``DICT_PROVINCE`` (new province → old provinces), ``DICT_PROVINCE_WARD_NO_DIVIDED`` (new commune →
  old communes that went into it whole) and ``DICT_PROVINCE_WARD_DIVIDED`` (old commune split among
  several new communes, one of them marked as the default).

Clean-ups (counted and printed): the unit type is taken from the official name when the source's type
column disagrees (NSO's list agrees with the names, e.g. 10543 "Phường Việt Hòa" typed "Xã"); the type
word at the start of a name gets its usual casing ("Thị Trấn Ái Tử" → "Thị trấn Ái Tử"); short names
lose the source's disambiguating suffix ("Phước Long (Xã)" → "Phước Long").

The output is deterministic (sorted, gzip mtime 0): re-running on the same input gives the same bytes.
Usage: ``python scripts/build_admin_units.py [--source DIR] [--output FILE] [--check]``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "admin_units"
DEFAULT_OUTPUT = REPO / "egov" / "organisation" / "data" / "admin_units.json.gz"
SQLITE_NAME = "admin_units_2025.sqlite"
MAPPING_NAME = "legacy_to_2025_mapping.json"
FORMAT = "egov-admin-units/1"
LEGACY_VALID_TO = "2025-06-30"
REFORM_DATE = "2025-07-01"  # NQ 202/2025/QH15 and Luật 72/2025/QH15: two-level local government

# Every type word used in names, longest first so "Thành phố" wins over a shorter prefix.
UNIT_TYPES = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")
UNIT_COLUMNS = ["code", "name", "short_name", "unit_type", "parent_code"]
LINK_COLUMNS = [
    "predecessor_level",
    "predecessor_code",
    "successor_level",
    "successor_code",
    "is_partial",
    "is_default",
]
EXPECTED = {
    ("legacy", "province"): 63,
    ("legacy", "district"): 696,
    ("legacy", "commune"): 10_035,
    ("2025", "province"): 34,
    ("2025", "commune"): 3_321,
}


class BuildError(Exception):
    """The reference data is not what this script expects; nothing is written."""


class Corrections(Counter[str]):
    pass


def split_type(name: str, fallback_type: str, corrections: Corrections) -> tuple[str, str]:
    """Return ``(name with canonical type casing, unit type)``; the name's own type word wins."""
    for unit_type in UNIT_TYPES:
        if name.casefold().startswith(unit_type.casefold() + " "):
            canonical = unit_type + name[len(unit_type) :]
            if canonical != name:
                corrections["name type-word casing"] += 1
            if fallback_type and unit_type != fallback_type:
                corrections["type taken from the name"] += 1
            return canonical, unit_type
    raise BuildError(f"name without a known type word: {name!r}")


def clean_short(short: str, unit_type: str, corrections: Corrections) -> str:
    suffix = f" ({unit_type})"
    if short.casefold().endswith(suffix.casefold()):
        corrections["short-name suffix removed"] += 1
        return short[: -len(suffix)]
    return short


RawUnit = tuple[str, str, str, str, str | None]  # code, name, short name, type column, parent code


def read_units(db: sqlite3.Connection, fixes: Corrections) -> dict[str, dict[str, dict[str, list[Any]]]]:
    """Cleaned units per period and level, keyed by code; duplicates and inconsistent rows are errors."""
    legacy: dict[str, dict[str, RawUnit]] = {"province": {}, "district": {}, "commune": {}}
    current: dict[str, dict[str, RawUnit]] = {"province": {}, "commune": {}}
    rows = db.execute(
        "SELECT provinceCode, province, provinceShort, districtCode, district, districtShort, districtType,"
        " wardCode, ward, wardShort, wardType FROM admin_units_legacy"
    )
    for pcode, pname, pshort, dcode, dname, dshort, dtype, wcode, wname, wshort, wtype in rows:
        _put(legacy["province"], (pcode, pname, pshort, "", None))
        _put(legacy["district"], (dcode, dname, dshort, dtype, pcode))
        if wcode:
            _put(legacy["commune"], (wcode, wname, wshort, wtype, dcode), unique=True)
    rows = db.execute(
        "SELECT provinceCode, province, provinceShort, wardCode, ward, wardShort, wardType FROM admin_units"
    )
    for pcode, pname, pshort, wcode, wname, wshort, wtype in rows:
        _put(current["province"], (pcode, pname, pshort, "", None))
        _put(current["commune"], (wcode, wname, wshort, wtype, pcode), unique=True)
    return {
        period: {level: {code: _clean(raw, fixes) for code, raw in index.items()} for level, index in levels.items()}
        for period, levels in (("legacy", legacy), ("2025", current))
    }


def _put(index: dict[str, RawUnit], unit: RawUnit, *, unique: bool = False) -> None:
    code = unit[0]
    if not re.fullmatch(r"\d{2}|\d{3}|\d{5}", code):
        raise BuildError(f"code is not an NSO code: {code!r}")
    known = index.get(code)
    if known is None:
        index[code] = unit
    elif unique or known != unit:
        raise BuildError(f"code {code} appears twice with {known} and {unit}")


def _clean(raw: RawUnit, fixes: Corrections) -> list[Any]:
    code, name, short, type_column, parent = raw
    # Provinces have no type column: their type is the name's first word(s) (Tỉnh, Thành phố).
    name, unit_type = split_type(name, type_column, fixes)
    return [code, name, clean_short(short, unit_type, fixes), unit_type, parent]


class SourceKeys:
    """The source's folded keys (``tinhquangbinh``, ``tinhquangbinh_thanhphodonghoi_phuonghaithanh``) → codes."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.old_provinces: dict[str, str] = {}
        self.old_units: dict[str, tuple[str, str]] = {}
        for pkey, pcode, dkey, dcode, wkey, wcode in db.execute(
            "SELECT provinceKey, provinceCode, districtKey, districtCode, wardKey, wardCode FROM admin_units_legacy"
        ):
            self.old_provinces[pkey] = pcode
            # The mapping names a ward-less district "<province>_<district>_" (empty ward key).
            self.old_units[f"{pkey}_{dkey}_{wkey or ''}"] = ("commune", wcode) if wcode else ("district", dcode)
        self.new_provinces: dict[str, str] = {}
        self.new_communes: dict[tuple[str, str], str] = {}
        for pkey, pcode, wkey, wcode in db.execute(
            "SELECT provinceKey, provinceCode, wardKey, wardCode FROM admin_units"
        ):
            self.new_provinces[pkey] = pcode
            self.new_communes[(pkey, wkey)] = wcode


def build_links(db: sqlite3.Connection, mapping: dict[str, Any]) -> list[list[Any]]:
    """Succession links ``[pred level, pred code, succ level, succ code, is_partial, is_default]``."""
    keys = SourceKeys(db)
    links: list[list[Any]] = []
    seen_old_provinces: set[str] = set()
    for new_pkey, old_pkeys in mapping["DICT_PROVINCE"].items():
        for old_pkey in old_pkeys:
            if old_pkey in seen_old_provinces:
                raise BuildError(f"old province {old_pkey} mapped twice")
            seen_old_provinces.add(old_pkey)
            new_code = keys.new_provinces[new_pkey]
            links.append(["province", keys.old_provinces[old_pkey], "province", new_code, False, True])
    if seen_old_provinces != set(keys.old_provinces):
        raise BuildError(f"old provinces without a successor: {sorted(set(keys.old_provinces) - seen_old_provinces)}")

    seen_old: set[str] = set()

    def add(old_key: str, new_pkey: str, new_wkey: str, *, partial: bool, default: bool) -> None:
        if old_key.split("_")[0] not in mapping["DICT_PROVINCE"][new_pkey]:
            raise BuildError(f"{old_key} mapped outside its province's successor {new_pkey}")
        level, code = keys.old_units[old_key]
        links.append([level, code, "commune", keys.new_communes[(new_pkey, new_wkey)], partial, default])

    for new_pkey, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            for old_key in old_keys:
                if old_key in seen_old:
                    raise BuildError(f"old unit {old_key} mapped twice")
                seen_old.add(old_key)
                add(old_key, new_pkey, new_wkey, partial=False, default=True)
    for new_pkey, old_units in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in old_units.items():
            if old_key in seen_old:
                raise BuildError(f"old unit {old_key} mapped twice")
            seen_old.add(old_key)
            if len(targets) < 2 or sum(bool(t["isDefaultNewWard"]) for t in targets) != 1:
                raise BuildError(f"split unit {old_key} needs at least 2 successors and exactly one default")
            for target in targets:
                add(old_key, new_pkey, target["newWardKey"], partial=True, default=bool(target["isDefaultNewWard"]))
    if seen_old != set(keys.old_units):
        raise BuildError(f"old units without a successor: {sorted(set(keys.old_units) - seen_old)[:10]}")
    level_order = {"province": 0, "district": 1, "commune": 2}
    links.sort(key=lambda link: (level_order[link[0]], link[1], link[3]))
    return links


def _check(units: dict[str, dict[str, dict[str, list[Any]]]], links: list[list[Any]]) -> None:
    for (period, level), expected in EXPECTED.items():
        found = len(units[period][level])
        if found != expected:
            raise BuildError(f"{period} {level}: expected {expected} units, found {found}")
    successors = {link[3] for link in links if link[2] == "commune"}
    if successors != set(units["2025"]["commune"]):
        raise BuildError("some current communes have no predecessor")


def _rows(index: dict[str, list[Any]], with_parent: bool) -> list[list[Any]]:
    return [unit if with_parent else unit[:4] for _, unit in sorted(index.items())]


def build(source: Path) -> tuple[bytes, Corrections]:
    sqlite_path, mapping_path = source / SQLITE_NAME, source / MAPPING_NAME
    for path in (sqlite_path, mapping_path):
        if not path.is_file():
            raise BuildError(f"missing input {path}")
    fixes = Corrections()
    db = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        units = read_units(db, fixes)
        links = build_links(db, json.loads(mapping_path.read_text(encoding="utf-8")))
    finally:
        db.close()
    _check(units, links)
    document = {
        "format": FORMAT,
        "source": {
            "package": "vietnamadminunits",
            "version": "1.0.4",
            "licence": "MIT",
            "copyright": "Copyright (c) 2025 Tran Ngoc Minh Hieu",
            "origin": "Vietnam General Statistics Office (NSO) list of administrative units, as packaged",
            "sha256": {SQLITE_NAME: _sha256(sqlite_path), MAPPING_NAME: _sha256(mapping_path)},
        },
        "unit_columns": UNIT_COLUMNS,
        "periods": [
            {
                "id": "legacy",
                "valid_from": None,
                "valid_to": LEGACY_VALID_TO,
                "levels": ["province", "district", "commune"],
                "units": {
                    "province": _rows(units["legacy"]["province"], with_parent=False),
                    "district": _rows(units["legacy"]["district"], with_parent=True),
                    "commune": _rows(units["legacy"]["commune"], with_parent=True),
                },
            },
            {
                "id": "2025",
                "valid_from": REFORM_DATE,
                "valid_to": None,
                "levels": ["province", "commune"],
                "units": {
                    "province": _rows(units["2025"]["province"], with_parent=False),
                    "commune": _rows(units["2025"]["commune"], with_parent=True),
                },
            },
        ],
        "successions": [
            {
                "effective_date": REFORM_DATE,
                "from": "legacy",
                "to": "2025",
                "link_columns": LINK_COLUMNS,
                "links": links,
            }
        ],
    }
    return _gzip(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()), fixes


def _gzip(raw: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as archive:
        archive.write(raw)
    return buffer.getvalue()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="folder with the reference copy")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="data file to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file is not up to date")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        data, fixes = build(args.source)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for what, count in sorted(fixes.items()):
        print(f"cleaned: {what}: {count}")
    if args.check:
        current = args.output.read_bytes() if args.output.is_file() else b""
        if current != data:
            print(f"{args.output} is out of date; run scripts/build_admin_units.py", file=sys.stderr)
            return 1
        print(f"{args.output} is up to date ({len(data):,} bytes)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
