"""Pieces shared by the importers: the national database's placeholders, implementing levels,
fee amounts, processing times and the full-online rule."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from egov.core.text import fold
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ProcedureData

# Letters of Vietnamese text by case, for regex classes ("À-Ỹ" would mix both cases).
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯ" + "".join(
    chr(c) for c in range(0x1EA0, 0x1EFA) if chr(c).isupper()
)
LOWER = UPPER.lower()

# National procedure codes: "1.001193", "2.000769" (a digit, a dot, six digits).
CODE_RE = re.compile(r"^\d\.\d{6}$")

# What the national portal prints in an empty cell.
_PLACEHOLDERS = {"khong co thong tin", "khong", "khong co", "khong quy dinh", "--", "-", "."}


def clean(value: Any) -> str:
    """A cell as trimmed text, with the portal's "no information" placeholders made empty."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\xa0", " ").strip()
    return "" if len(text) <= 20 and fold(text).rstrip(".") in _PLACEHOLDERS else text


def join_lines(value: Any) -> str:
    """Multi-line cells of the list exports ("Sở Tư pháp\\nUBND cấp tỉnh") as one "; "-joined line."""
    parts = [part.strip() for part in clean(value).split("\n") if part.strip()]
    return "; ".join(dict.fromkeys(parts))  # "UBND cấp xã\nUBND cấp xã" is listed once


# Cấp thực hiện as printed (any case) → ImplementingLevel codes (migration 0002).
_LEVELS = {
    "cap bo": "ministry",
    "cap trung uong": "ministry",
    "cap tinh": "province",
    "cap huyen": "district",
    "cap xa": "commune",
    "co quan khac": "other",
}


def parse_levels(text: str) -> tuple[tuple[str, ...], list[str]]:
    """ "Cấp Tỉnh, Cấp Xã, Cơ quan khác" → ("province", "commune", "other") and unknown parts."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in clean(text).split(","):
        part = part.strip()
        if not part:
            continue
        code = _LEVELS.get(fold(part))
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return tuple(codes), unknown


_CURRENCIES = {"viet nam dong": "VND", "vnd": "VND", "dong": "VND", "d": "VND", "usd": "USD", "eur": "EUR"}
CURRENCY_RE = r"Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD|EUR"


def currency_code(text: str) -> str:
    return _CURRENCIES.get(fold(text), "VND")


def amount_from_text(text: str) -> str | None:
    """ "2,000,000" or "8.000" or "0" → "2000000" / "8000" / "0" (both separators are thousands)."""
    digits = re.sub(r"[.,\s]", "", text)
    if not digits.isdigit():
        return None
    return str(int(digits))


# "Phí : 2.000.000 Đồng (Thẩm định …)", "Lệ phí : 0 Đồng": the national database's fee items.
_FEE_ITEM_RE = re.compile(
    rf"(?P<label>Lệ phí|Phí)\s*:\s*(?P<amount>\d[\d.,]*)?\s*(?P<currency>{CURRENCY_RE})?",
)


def fee_items(text: str) -> list[dict[str, str]]:
    """Every "Phí : N Đồng (note)" / "Lệ phí : N Đồng" item with an amount, as fee dicts.

    ``{"amount": "2000000", "currency": "VND", "description": "Phí", "note": "Thẩm định …"}``; items
    without an amount ("Phí : Mức thu bằng 50% …") are left to the fee text.
    """
    items: list[dict[str, str]] = []
    for match in _FEE_ITEM_RE.finditer(text):
        amount = amount_from_text(match["amount"] or "")
        if amount is None or not match["currency"]:
            continue
        item = {"amount": amount, "currency": currency_code(match["currency"]), "description": match["label"]}
        note = leading_parenthesis(text[match.end() :].lstrip())
        if note:
            item["note"] = note
        items.append(item)
    return items


def leading_parenthesis(text: str) -> str:
    """ "(a (b) c) rest" → "a (b) c"; "" when the text does not open with a parenthesis."""
    if not text.startswith("("):
        return ""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[1:index].strip()
    return text[1:].strip()


# Thời hạn giải quyết units as printed.
_UNITS = {
    "ngay lam viec": TimeUnit.WORKING_DAY,
    "ngay": TimeUnit.CALENDAR_DAY,
    "gio lam viec": TimeUnit.WORKING_HOUR,
    "gio": TimeUnit.WORKING_HOUR,
    "thang": TimeUnit.MONTH,
}
UNIT_RE = r"Ngày làm việc|ngày làm việc|Giờ làm việc|giờ làm việc|Ngày|ngày|Giờ|giờ|Tháng|tháng"


def unit_from_text(text: str) -> TimeUnit:
    return _UNITS.get(fold(text), TimeUnit.UNSPECIFIED)


def decimal_or_none(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value < Decimal("1000000") else None


_TIME_RE = re.compile(rf"^\s*(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>{UNIT_RE})?\b")


def parse_time(text: str) -> tuple[Decimal | None, TimeUnit]:
    """ "30 Ngày làm việc" → (30, working_day); "01 Giờ" → (1, working_hour); "Không quy định" → (None, unspecified)."""
    match = _TIME_RE.match(text)
    if match is None:
        return None, TimeUnit.UNSPECIFIED
    unit = unit_from_text(match["unit"]) if match["unit"] else TimeUnit.UNSPECIFIED
    return decimal_or_none(match["number"]), unit


# ND 42/2022/NĐ-CP Điều 11: a procedure is "trực tuyến toàn trình" only when the whole procedure,
# result included, is done online. The national records rarely say so; the importers mark an online
# channel full only when the procedure's own text states it, otherwise partial (the safe reading:
# the applicant may still have to come to the desk).
_FULL_ONLINE_RE = re.compile(r"trực\s+tuyến\s+toàn\s+trình", re.IGNORECASE)
_PARTIAL_RE = re.compile(r"một\s+phần", re.IGNORECASE)


def online_kind(*, name: str, texts: list[str]) -> ChannelKind:
    if _PARTIAL_RE.search(name) and not _FULL_ONLINE_RE.search(name):
        return ChannelKind.ONLINE_PARTIAL
    if any(_FULL_ONLINE_RE.search(text) for text in [name, *texts]):
        return ChannelKind.ONLINE_FULL
    return ChannelKind.ONLINE_PARTIAL


@dataclass
class ParsedRecord:
    """One row of a source: the data to save, or why it was rejected; warnings either way.

    ``merge`` marks list-export rows that carry only a few columns: they update those columns of an
    existing procedure and keep everything else (see ``procedures_import``).
    """

    ref: str  # "line 12", "1.013124.json", "danh-sach.xlsx row 40"
    code: str = ""
    data: ProcedureData | None = None
    reject_reason: str = ""
    warnings: list[str] = field(default_factory=list)
    merge: bool = False


def guarded(ref: str, raw: Any, parse: Callable[..., ParsedRecord], *args: Any) -> ParsedRecord:
    """``parse(*args, ref=ref)`` for one record; a record it cannot read is rejected with the error,
    never a crash of the whole import."""
    try:
        return parse(*args, ref=ref)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, ArithmeticError) as exc:
        code = clean(raw.get("ma_thu_tuc") or raw.get("thu_tuc_id")) if isinstance(raw, dict) else ""
        return reject(
            ref, code[:30], _("record could not be read (%(error)s)") % {"error": f"{type(exc).__name__}: {exc}"[:160]}
        )


def reject(ref: str, code: str, reason: str) -> ParsedRecord:
    return ParsedRecord(ref=ref, code=code, reject_reason=reason)


def identity_problem(code: str, name: str) -> str:
    """Why a record cannot become a procedure at all ("" if it can)."""
    if not code:
        return _("procedure code missing")
    if not CODE_RE.match(code):
        return _("malformed procedure code “%(code)s” (expected like 1.001193)") % {"code": code}
    if not name:
        return _("procedure name missing")
    return ""


NAME_LIMIT = 1000  # ProcedureVersion.name / Procedure.name


def fit_name(name: str, warnings: list[str]) -> str:
    """A name longer than the catalogue holds (one real name has 1,094 characters) is cut at a word
    boundary with "…", and a warning says so; the code identifies the procedure, not the name."""
    if len(name) <= NAME_LIMIT:
        return name
    warnings.append(
        _("name of %(length)s characters shortened to %(limit)s") % {"length": len(name), "limit": NAME_LIMIT}
    )
    cut = name[: NAME_LIMIT - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
