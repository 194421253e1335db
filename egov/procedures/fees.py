"""Fees of a submission, computed from the channel's fee items and the applicant's e-form answers.

A fee item (``Channel.fees``) is data, so a new fee circular changes rows, not code:

    {"amount": "8000", "currency": "VND", "description": "Phí cấp bản sao ... (mỗi bản)",
     "per": "copies.count",                                  # optional: multiply by this e-form field
     "when": {"field": "copies.requested", "equals": true},  # optional: only in this case
     "max": "200000"}                                         # optional: cap of this item

An item without ``per`` is charged once; an item whose ``when`` does not hold, or whose quantity is
missing or zero, is not charged. Amounts are whole đồng (VND has no minor unit in practice).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from egov.procedures.models import Channel


@dataclass(frozen=True)
class FeeLine:
    description: str
    unit_amount: int
    quantity: int
    amount: int


@dataclass(frozen=True)
class FeeQuote:
    lines: tuple[FeeLine, ...]
    currency: str = "VND"

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def _whole(value: Any) -> int | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0:
        return None
    return int(number)


def _answer(form_data: dict[str, Any], name: str) -> Any:
    section, _dot, field = str(name).partition(".")
    values = form_data.get(section)
    return values.get(field) if isinstance(values, dict) else None


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


def fee_line(item: dict[str, Any], form_data: dict[str, Any]) -> FeeLine | None:
    """The charge of one fee item for these answers, or None when it is not charged."""
    unit = _whole(item.get("amount"))
    if unit is None or unit == 0 or not _applies(item, form_data):
        return None
    quantity = 1
    if item.get("per"):
        quantity = _whole(_answer(form_data, item["per"])) or 0
        if quantity == 0:
            return None
    amount = unit * quantity
    cap = _whole(item.get("max"))
    if cap is not None and cap > 0:
        amount = min(amount, cap)
    return FeeLine(description=str(item.get("description", "")), unit_amount=unit, quantity=quantity, amount=amount)


def fees_for(channel: Channel | None, form_data: dict[str, Any]) -> FeeQuote:
    """What the applicant pays when submitting through ``channel`` with these e-form answers."""
    if channel is None:
        return FeeQuote(lines=())
    lines = [fee_line(item, form_data) for item in channel.fees or [] if isinstance(item, dict)]
    currencies = {str(item.get("currency") or "VND") for item in channel.fees or [] if isinstance(item, dict)}
    return FeeQuote(lines=tuple(line for line in lines if line is not None), currency=min(currencies or {"VND"}))
