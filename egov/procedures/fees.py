"""Fees of a submission, computed from the channel's fee items and the applicant's e-form answers.

A fee item (``Channel.fees``) is data, so a new fee circular changes rows, not code:

    {"amount": "8000", "currency": "VND", "description": "Phí cấp bản sao ... (mỗi bản)",
     "per": "copies.count",                                  # optional: multiply by this e-form field
     "unit": "bản",                                          # optional: what one quantity is
     "when": {"field": "copies.requested", "equals": true,   # optional: only in this case,
              "label": "Có yêu cầu cấp bản sao"},             #   named so on the receipt
     "max": "200000"}                                         # optional: cap of this item

A tiered charge per page and per copy (TT 226/2016/TT-BTC: 2.000 đồng a page, 1.000 from the third,
at most 200.000 đồng a copy) is two items: ``"per": "document.pages", "limit": 2`` and ``"per":
"document.pages", "skip": 2``, each with ``"times": "document.copies"``; ``max`` then caps the item
for each of those copies.

An item without ``per`` is charged once; an item whose ``when`` does not hold, or whose quantity is
missing or zero, is not charged. Amounts are whole đồng (VND has no minor unit in practice). Each
line is named briefly (``fee_names``: the source's description may be empty or a legal paragraph),
the published text kept as the line's detail.

Fees the provincial People's Council sets ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết
định": an item saying so, or the channel's published fee text when no item does) are never charged
at the catalogue's figure, which is 0 or a national reference: the province's table
(``ProvincialFee``, Luật Phí và lệ phí 2015 Điều 21 khoản 2) gives the rates in force on the day;
with none in force the fee is *pending* — shown as set by the Council, its amount confirmed at the
desk, and not charged online.

A provincial rate may hold only in a case the applicant declares (``ProvincialFee.condition_*``,
``fee_conditions``): among the rates of one name in force, those whose case holds replace the one
without a case (a re-registration's lower rate, an exemption at 0 đồng for a beneficiary of social
policy — Luật Phí và lệ phí Điều 10); a line then carries its case (``FeeLine.condition``), which the
review page, the receipt and the desk show. Rates without a case behave as before.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q

from egov.core import clock
from egov.core.text import fold
from egov.procedures.fee_conditions import answer_of, condition_holds
from egov.procedures.fee_names import fee_name
from egov.procedures.models import Channel, ProvincialFee


@dataclass(frozen=True)
class FeeLine:
    description: str  # the short name a receipt prints ("Phí cấp bản sao trích lục hộ tịch")
    unit_amount: int
    quantity: int
    amount: int
    detail: str = ""  # the published text, when it says more than the name
    resolution: str = ""  # the Council's resolution of a provincial rate ("15/2025/NQ-HĐND")
    condition: str = ""  # the case of the applicant's answers this line applies to ("Đăng ký lại")

    @property
    def exempted(self) -> bool:
        """A rate of 0 for the applicant's case: nothing to pay, shown with its case."""
        return self.amount == 0


@dataclass(frozen=True)
class PendingFee:
    """A fee the provincial People's Council sets, with no rate in force in the province's table."""

    name: str
    detail: str


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple[FeeLine, ...]
    currency: str = "VND"
    pending: tuple[PendingFee, ...] = ()  # confirmed and collected at the desk

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class PublishedFee:
    """One fee of a channel as the procedure page states it, whatever the applicant answers."""

    name: str
    amount: int | None  # None: the source gives no figure, or the Council sets it and no rate is in force
    currency: str
    unit: str  # "bản" for a fee per copy; "" when charged once
    detail: str
    council_set: bool = False
    resolution: str = ""
    note: str = ""  # exemptions of a provincial rate
    condition: str = ""  # the case this rate is for ("Đăng ký lại"); "" for every applicant


def _whole(value: Any) -> int | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0:
        return None
    return int(number)


def _answer(form_data: dict[str, Any], name: str) -> Any:
    return answer_of(form_data, name)


def _applies(item: dict[str, Any], form_data: dict[str, Any]) -> bool:
    condition = item.get("when")
    if not isinstance(condition, dict):
        return True
    value = _answer(form_data, condition.get("field", ""))
    if "equals" in condition:
        return bool(value == condition["equals"])
    if "in" in condition and isinstance(condition["in"], list):
        return value in condition["in"]
    return False


def is_council_set(text: str) -> bool:
    """The text says the provincial People's Council sets the amount ("do Hội đồng nhân dân tỉnh
    quyết định", "theo Nghị quyết HĐND tỉnh"): in the fee texts of the national catalogue the Council
    is named for nothing else."""
    folded = f" {fold(text)} "
    return " hoi dong nhan dan " in folded or " hdnd " in folded.replace("-", " ").replace("(", " ")


def _item_text(item: dict[str, Any]) -> str:
    return f"{item.get('description') or ''} {item.get('note') or ''}"


def _unit_of(item: dict[str, Any]) -> str:
    unit = str(item.get("unit") or "").strip()
    if unit or not item.get("per"):
        return unit
    return "bản" if str(item["per"]).startswith("copies.") else ""  # the e-forms' "Số bản sao"


def fee_line(item: dict[str, Any], form_data: dict[str, Any], *, procedure_name: str = "") -> FeeLine | None:
    """The charge of one fee item for these answers, or None when it is not charged."""
    unit = _whole(item.get("amount"))
    if unit is None or unit == 0 or not _applies(item, form_data):
        return None
    quantity = 1
    if item.get("per"):
        quantity = max((_whole(_answer(form_data, item["per"])) or 0) - (_whole(item.get("skip")) or 0), 0)
        limit = _whole(item.get("limit"))
        if limit:
            quantity = min(quantity, limit)
    times = (_whole(_answer(form_data, item["times"])) or 0) if item.get("times") else 1
    quantity *= times
    if quantity == 0:
        return None
    amount = unit * quantity
    cap = _whole(item.get("max"))
    if cap is not None and cap > 0:
        amount = min(amount, cap * times)
    name, detail = fee_name(
        str(item.get("description") or ""), str(item.get("note") or ""), procedure_name=procedure_name
    )
    when = item.get("when")
    label = str(when.get("label") or "").strip() if isinstance(when, dict) else ""
    return FeeLine(description=name, unit_amount=unit, quantity=quantity, amount=amount, detail=detail, condition=label)


def _rate_line(rate: ProvincialFee, form_data: dict[str, Any]) -> FeeLine | None:
    quantity = 1
    if rate.per.strip():
        quantity = _whole(_answer(form_data, rate.per.strip())) or 0
    condition = rate.condition
    if quantity == 0 or (rate.amount == 0 and condition is None):
        return None
    return FeeLine(
        description=rate.name,
        unit_amount=rate.amount,
        quantity=quantity,
        amount=rate.amount * quantity,
        detail=rate.note,
        resolution=rate.resolution_number,
        condition=condition.label if condition is not None else "",
    )


def rates_applying(rates: Sequence[ProvincialFee], form_data: dict[str, Any]) -> list[ProvincialFee]:
    """The rates that apply to these answers: for each fee (by name), the rate whose case holds when
    any does (the lowest when several do), else the rates without a case (Luật Phí và lệ phí 2015 Điều 10: the resolution's
    exemptions and reductions replace the general rate for the cases it names)."""
    by_name: dict[str, list[ProvincialFee]] = {}
    for rate in rates:
        by_name.setdefault(fold(rate.name), []).append(rate)
    chosen: list[ProvincialFee] = []
    for group in by_name.values():
        holding = [r for r in group if r.condition is not None and condition_holds(r.condition, form_data)]
        if holding:
            # A fee is charged once: of several cases that hold (a re-registration by a beneficiary
            # exempted), the applicant gets the most favourable rate the resolution grants.
            chosen.append(min(holding, key=lambda rate: rate.amount))
        else:
            chosen += [r for r in group if r.condition is None]
    order = {id(rate): index for index, rate in enumerate(rates)}
    return sorted(chosen, key=lambda rate: order[id(rate)])


def procedure_name_of(channel: Channel) -> str:
    """The name of the channel's procedure version ("" for a channel not attached to one)."""
    attached = channel.version_id is not None or Channel.version.is_cached(channel)
    return channel.version.name if attached else ""


def provincial_fees_in_force(channel: Channel, *, on: date) -> list[ProvincialFee]:
    """The province's rates for the channel's procedure on ``on``: those for this channel when it has
    any (online is often cheaper), else those for every channel."""
    if channel.version_id is None:
        return []
    rows = list(
        ProvincialFee.objects.filter(procedure_id=channel.version.procedure_id, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .filter(Q(channel_kind="") | Q(channel_kind=channel.kind))
        .order_by("effective_from", "pk")
    )
    own = [row for row in rows if row.channel_kind == channel.kind]
    return own or [row for row in rows if row.channel_kind == ""]


@dataclass(frozen=True)
class _Split:
    regular: list[dict[str, Any]]
    council: list[dict[str, Any]]  # items the Council sets; one from the fee text when no item says so


def _split(channel: Channel) -> _Split:
    items = [item for item in channel.fees or [] if isinstance(item, dict)]
    council = [item for item in items if is_council_set(_item_text(item))]
    regular = [item for item in items if item not in council]
    if not council and is_council_set(channel.fee_text or ""):
        council = [{"description": channel.fee_text}]
    return _Split(regular=regular, council=council)


def _rates(
    channel: Channel, split: _Split, on: date | None, rates: Sequence[ProvincialFee] | None
) -> list[ProvincialFee]:
    if not split.council:
        return []
    if rates is not None:
        return list(rates)
    return provincial_fees_in_force(channel, on=on or clock.today())


def fees_for(
    channel: Channel | None,
    form_data: dict[str, Any],
    *,
    on: date | None = None,
    rates: Sequence[ProvincialFee] | None = None,
) -> FeeQuote:
    """What the applicant pays when submitting through ``channel`` with these e-form answers on
    ``on`` (today); ``rates`` replaces the province's table read from the database."""
    if channel is None:
        return FeeQuote(lines=())
    name = procedure_name_of(channel)
    split = _split(channel)
    lines = [fee_line(item, form_data, procedure_name=name) for item in split.regular]
    pending: list[PendingFee] = []
    in_force = _rates(channel, split, on, rates)
    if in_force:
        lines += [_rate_line(rate, form_data) for rate in rates_applying(in_force, form_data)]
    else:
        pending = [PendingFee(*_council_name(item, name)) for item in split.council]
    currencies = {str(item.get("currency") or "VND") for item in channel.fees or [] if isinstance(item, dict)}
    return FeeQuote(
        lines=tuple(line for line in lines if line is not None),
        currency=min(currencies or {"VND"}),
        pending=tuple(_unique(pending)),
    )


def _council_name(item: dict[str, Any], procedure_name: str) -> tuple[str, str]:
    return fee_name(str(item.get("description") or ""), str(item.get("note") or ""), procedure_name=procedure_name)


def _unique(pending: Iterable[PendingFee]) -> list[PendingFee]:
    seen: dict[str, PendingFee] = {}
    for fee in pending:
        seen.setdefault(fee.name, fee)
    return list(seen.values())


def _says_nothing(item: dict[str, Any]) -> bool:
    text = fold(_item_text(item)).strip(" .")
    return _whole(item.get("amount")) == 0 and text in {"", "khong", "khong co", "khong co thong tin", "mien phi"}


def published_fees(
    channel: Channel, *, on: date | None = None, rates: Sequence[ProvincialFee] | None = None
) -> list[PublishedFee]:
    """The channel's fees as the procedure page states them on ``on`` (today): each named briefly,
    the provincial rates in force in place of the fees the Council sets."""
    name = procedure_name_of(channel)
    split = _split(channel)
    fees: list[PublishedFee] = []
    for item in split.regular:
        if _says_nothing(item) and len(split.regular) + len(split.council) > 1:
            continue  # "0 Đồng (Không có)" beside other fees: no fee of its own
        short, detail = fee_name(str(item.get("description") or ""), str(item.get("note") or ""), procedure_name=name)
        currency = str(item.get("currency") or "VND").strip().upper() or "VND"
        fees.append(PublishedFee(short, _whole(item.get("amount")), currency, _unit_of(item), detail))
    in_force = _rates(channel, split, on, rates)
    for rate in in_force:
        unit = rate.unit.strip() or ("bản" if rate.per.strip().startswith("copies.") else "")
        fees.append(
            PublishedFee(
                rate.name,
                rate.amount,
                "VND",
                unit,
                "",
                council_set=True,
                resolution=rate.resolution_number,
                note=rate.note,
                condition=rate.condition.label if rate.condition is not None else "",
            )
        )
    if not in_force:
        for item in split.council:
            short, detail = _council_name(item, name)
            if all(fee.name != short for fee in fees):
                fees.append(PublishedFee(short, None, "VND", "", detail, council_set=True))
    return fees
