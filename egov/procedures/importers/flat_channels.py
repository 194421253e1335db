"""Parse the national catalogue's flattened "Cách thức thực hiện" table.

The crawler flattened an HTML table (Hình thức nộp | Thời gian giải quyết | Phí, lệ phí | Mô tả) to
text WITHOUT cell separators::

    Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc50,000 Việt Nam Đồng(Phí : …)…

Each row is "<channel><time cell><fee cell><description>". Observed in all 2,642 records:

- channel: "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính", glued to the next cell (a digit or a
  capital letter); inside descriptions the same words are followed by a space or a colon.
- time cell: "5 Ngày làm việc", "15 Ngày", "8 Giờ", "2 Tháng", a bare "5" (unit not stated),
  "Không có thông tin", "Không quy định", or free text ("Không phải trả kết quả cho người nộp thuế").
- fee cell: "Miễn phí", "Không có thông tin", or "<amount> <currency>" with comma thousands
  ("2,000,000 Việt Nam Đồng", "70,000 VNĐ", "25 USD", or a bare "VNĐ" when the amount is missing),
  then an optional "(…)" note, balanced parentheses.
- a bare time glued to an amount is ambiguous ("Trực tuyến120,000 VNĐ" = 1 + 20,000 or 12 + 0,000):
  the split must leave a well-formed amount; among those we prefer the time the record's other
  channels state, then an amount the note repeats, then the shortest time.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData
from egov.procedures.importers.common import (
    CURRENCY_RE,
    UNIT_RE,
    UPPER,
    amount_from_text,
    currency_code,
    decimal_or_none,
    fee_items,
    unit_from_text,
)

HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_KINDS = {
    "Trực tiếp": ChannelKind.COUNTER,
    "Dịch vụ bưu chính": ChannelKind.POST,
    "Trực tuyến": ChannelKind.ONLINE_FULL,
}
_ROW_START_RE = re.compile(rf"(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=[0-9{UPPER}])")
_NO_INFO = "Không có thông tin"
_FREE = "Miễn phí"
_TIMED_RE = re.compile(rf"^(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>{UNIT_RE})")
_BARE_RUN_RE = re.compile(rf"^(?P<run>\d[\d,.]*)\s*(?P<currency>{CURRENCY_RE})")
_BARE_NUMBER_RE = re.compile(r"^(?P<number>\d+)(?![\d,.]*\s*(?:" + CURRENCY_RE + "))")
_AMOUNT_RE = re.compile(rf"^(?P<amount>\d[\d,.]*)?\s*(?P<currency>{CURRENCY_RE})")
_WELL_FORMED_AMOUNT = re.compile(r"^(?:0|[1-9]\d{0,2}(?:,\d{3})*)$")
_FEE_START_RE = re.compile(rf"{_FREE}|{_NO_INFO}|\d[\d,.]*\s*(?:{CURRENCY_RE})|(?<![\w])(?:{CURRENCY_RE})\(")


@dataclass
class _Row:
    label: str
    body: str
    time: Decimal | None = None
    unit: TimeUnit = TimeUnit.UNSPECIFIED
    time_text: str = ""
    ambiguous_run: str = ""
    rest: str = ""
    warnings: list[str] = field(default_factory=list)


def parse_channels(text: str, *, online_kind: ChannelKind, hint_text: str = "") -> tuple[list[ChannelData], list[str]]:
    """The channels of one record, and warnings for what could not be read.

    A row may repeat a channel with another time or fee (passport: 5 days, or 3 days in the cases of
    Art. 15(4)): each row is kept, exact repeats are dropped. ``hint_text`` (the steps) gives the
    unit of a bare "5" when the row's own description does not.
    """
    body = text.strip()
    if not body or body == _NO_INFO:
        return [], []
    if body.startswith(HEADER):
        body = body[len(HEADER) :]
    rows, warnings = _split_rows(body)
    for row in rows:
        _read_time(row)
    known_times = {row.time for row in rows if row.time is not None and not row.ambiguous_run}
    channels: list[ChannelData] = []
    for row in rows:
        if row.ambiguous_run:
            _split_time_and_amount(row, known_times)
        channel = _channel(row, online_kind, hint_text)
        warnings.extend(row.warnings)
        if channel not in channels:
            channels.append(channel)
    return channels, warnings


def _split_rows(body: str) -> tuple[list[_Row], list[str]]:
    starts = list(_ROW_START_RE.finditer(body))
    if not starts:
        return [], [_("no submission channel found in “%(text)s”") % {"text": body[:80]}]
    head = body[: starts[0].start()].strip()
    warnings = [_("text before the first channel ignored: “%(text)s”") % {"text": head[:80]}] if head else []
    return _rows_from(body, starts), warnings


def _rows_from(body: str, starts: list[re.Match[str]]) -> list[_Row]:
    rows: list[_Row] = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        rows.append(_Row(label=match.group(1), body=body[match.end() : end]))
    return rows


def _read_time(row: _Row) -> None:
    body = row.body
    timed = _TIMED_RE.match(body)
    if timed is not None:
        row.time = decimal_or_none(timed["number"])
        row.unit = unit_from_text(timed["unit"])
        row.time_text = timed.group(0)
        row.rest = body[timed.end() :]
        return
    bare_run = _BARE_RUN_RE.match(body)
    if bare_run is not None:
        row.ambiguous_run = bare_run["run"]
        row.rest = body[bare_run.start("currency") :]
        return
    bare = _BARE_NUMBER_RE.match(body)
    if bare is not None:
        row.time = decimal_or_none(bare["number"])
        row.time_text = bare["number"]
        row.rest = body[bare.end() :]
        return
    if body.startswith(_NO_INFO):
        row.rest = body[len(_NO_INFO) :]
        return
    fee_start = _FEE_START_RE.search(body)
    cut = fee_start.start() if fee_start is not None else len(body)
    row.time_text = body[:cut].strip()
    row.rest = body[cut:]


def _split_time_and_amount(row: _Row, known_times: set[Decimal]) -> None:
    run = row.ambiguous_run
    note = _note_after(row.rest)
    candidates: list[tuple[str, str]] = []
    for cut in range(1, len(run)):
        time_part, amount_part = run[:cut], run[cut:]
        if time_part.isdigit() and _WELL_FORMED_AMOUNT.match(amount_part):
            candidates.append((time_part, amount_part))
    if not candidates:
        row.warnings.append(_("cannot tell the time from the fee in “%(text)s”") % {"text": run})
        row.rest = run + row.rest
        return
    note_amounts = {amount_from_text(m) for m in re.findall(r"\d[\d.,]*\d|\d", note)}

    def rank(candidate: tuple[str, str]) -> tuple[int, int, int]:
        time_part, amount_part = candidate
        return (
            0 if decimal_or_none(time_part) in known_times else 1,
            0 if amount_from_text(amount_part) in note_amounts else 1,
            len(time_part),
        )

    time_part, amount_part = min(candidates, key=rank)
    row.time = decimal_or_none(time_part)
    row.time_text = time_part
    row.rest = amount_part + " " + row.rest


def _note_after(text: str) -> str:
    start = text.find("(")
    return text[start:] if start >= 0 else ""


def _channel(row: _Row, online_kind: ChannelKind, hint_text: str) -> ChannelData:
    kind = _KINDS[row.label]
    if kind == ChannelKind.ONLINE_FULL:
        kind = online_kind
    fees, fee_text, description = _read_fee(row)
    unit = row.unit
    if row.time is not None and unit == TimeUnit.UNSPECIFIED:
        unit = _unit_from_text(row.time, description) or _unit_from_text(row.time, hint_text) or unit
        if unit == TimeUnit.UNSPECIFIED:
            row.warnings.append(
                _("processing time “%(time)s” of “%(channel)s” has no unit")
                % {"time": row.time_text, "channel": row.label}
            )
    return ChannelData(
        kind=kind,
        processing_time=row.time,
        time_unit=unit,
        processing_time_text=(f"{row.time_text}" if row.time_text else ""),
        fees=tuple(fees),
        fee_text=fee_text,
        description=description.strip(),
    )


def _read_fee(row: _Row) -> tuple[list[dict[str, str]], str, str]:
    rest = row.rest.lstrip()
    fees: list[dict[str, str]] = []
    if rest.startswith(_FREE):
        head, amount, currency = _FREE, "0", "VND"
        after = rest[len(_FREE) :]
    elif rest.startswith(_NO_INFO):
        head, amount, currency = "", None, ""
        after = rest[len(_NO_INFO) :]
    else:
        match = _AMOUNT_RE.match(rest)
        if match is None:
            row.warnings.append(_("fee not recognised in “%(text)s”") % {"text": rest[:80]})
            return [], "", rest
        head = match.group(0)
        amount = amount_from_text(match["amount"] or "")
        currency = currency_code(match["currency"])
        after = rest[match.end() :]
        if amount is None:
            row.warnings.append(_("fee amount missing in “%(text)s”") % {"text": head})
    note, description = _balanced_parenthesis(after)
    if amount is not None:
        currency = _currency_in_note(amount, currency, note, row)
        fees.append(_fee(amount, currency, note))
    elif note:
        fees.extend(fee_items(note))
    fee_text = f"{head} ({note})" if head and note else head or note
    return fees, fee_text.strip(), description


def _currency_in_note(amount: str, currency: str, note: str, row: _Row) -> str:
    """ "145 VNĐ(Thẻ tạm trú …: 145 USD/thẻ.)": the note's own currency for the same amount wins."""
    for match in re.finditer(r"(\d[\d.,]*)\s*(USD|EUR)\b", note):
        if amount_from_text(match.group(1)) == amount and match.group(2) != currency:
            row.warnings.append(
                _("fee currency %(old)s corrected to %(new)s as the note says")
                % {"old": currency, "new": match.group(2)}
            )
            return match.group(2)
    return currency


def _fee(amount: str, currency: str, note: str) -> dict[str, str]:
    """One fee; the note's own "Lệ phí : …" label becomes the description when it has one."""
    label = re.match(r"^\s*(Lệ phí|Phí)\s*:", note)
    if label is not None:
        return {"amount": amount, "currency": currency, "description": label.group(1), "note": note.strip()}
    return {"amount": amount, "currency": currency, "description": note.strip()}


def _balanced_parenthesis(text: str) -> tuple[str, str]:
    """ "(a (b) c)rest" → ("a (b) c", "rest"); text without a leading "(" → ("", text)."""
    if not text.startswith("(") or re.match(r"^\((?:\d{1,2}|[a-zđ])\)", text):
        return "", text  # no note, or an enumerator "(1)" that starts the description
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return text[1:index].strip(), text[index + 1 :]
    return text[1:].strip(), ""


def _unit_from_text(time: Decimal, text: str) -> TimeUnit | None:
    """A bare "5" takes its unit from text that states the same number ("05 (năm) ngày làm việc")."""
    for match in re.finditer(rf"(\d+)\s*(?:\([^)]*\)\s*)?({UNIT_RE})", text):
        if Decimal(match.group(1)) == time:
            return unit_from_text(match.group(2))
    return None
