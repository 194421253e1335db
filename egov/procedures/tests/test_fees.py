"""Fees of a submission from the channel's fee items and the e-form answers (egov.procedures.fees)."""

from egov.procedures.fees import fee_line, fees_for
from egov.procedures.models import Channel

COPY = {
    "amount": "8000",
    "description": "Bản sao",
    "per": "copies.count",
    "when": {"field": "copies.requested", "equals": True},
}


def test_per_copy_fee_counts_the_copies_asked_for() -> None:
    line = fee_line(COPY, {"copies": {"requested": True, "count": 3}})
    assert line is not None
    assert (line.unit_amount, line.quantity, line.amount) == (8000, 3, 24000)


def test_no_copies_asked_for_no_fee() -> None:
    assert fee_line(COPY, {"copies": {"requested": False}}) is None
    assert fee_line(COPY, {"copies": {"requested": True}}) is None  # no count: nothing to charge
    assert fee_line(COPY, {}) is None


def test_flat_fee_and_cap() -> None:
    assert fee_line({"amount": "50000"}, {}).amount == 50000  # type: ignore[union-attr]
    capped = fee_line({"amount": "2000", "per": "doc.pages", "max": "200000"}, {"doc": {"pages": 150}})
    assert capped is not None
    assert capped.amount == 200000


def test_in_condition_and_bad_amounts_are_not_charged() -> None:
    item = {"amount": "10000", "when": {"field": "a.kind", "in": ["x", "y"]}}
    assert fee_line(item, {"a": {"kind": "y"}}) is not None
    assert fee_line(item, {"a": {"kind": "z"}}) is None
    assert fee_line({"amount": "abc"}, {}) is None
    assert fee_line({"amount": "-5"}, {}) is None
    assert fee_line({"amount": "NaN"}, {}) is None


def test_quote_totals_the_lines() -> None:
    channel = Channel(fees=[{"amount": "10000", "description": "Lệ phí"}, COPY, "not a dict"])
    quote = fees_for(channel, {"copies": {"requested": True, "count": 2}})
    assert quote.total == 26000
    assert [line.amount for line in quote.lines] == [10000, 16000]
    assert fees_for(None, {}).total == 0
