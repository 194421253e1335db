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


def test_copy_certification_is_charged_per_page_and_per_copy() -> None:
    # TT 226/2016/TT-BTC: 2.000 đồng a page, 1.000 from the third, at most 200.000 đồng a copy
    from egov.procedures.demo.certification import COPY_CERTIFICATION_FEES

    channel = Channel(fees=list(COPY_CERTIFICATION_FEES))

    def total(pages: int, copies: int) -> int:
        return fees_for(channel, {"document": {"pages": pages, "copies": copies}}).total

    assert total(1, 1) == 2000
    assert total(2, 3) == 12000  # 2 pages at 2.000, 3 copies
    assert total(5, 2) == 2 * (4000 + 3000)
    assert total(300, 2) == 2 * 200000  # capped for each copy
    assert fees_for(channel, {}).lines == ()


def test_the_extract_copy_fee_counts_the_copies_of_the_form() -> None:
    from egov.procedures.demo.civil_status_records import COPY_EXTRACT_FEE

    line = fee_line(COPY_EXTRACT_FEE, {"copies": {"count": 3}}, procedure_name="Cấp bản sao Trích lục hộ tịch")
    assert line is not None
    assert (line.description, line.unit_amount, line.quantity, line.amount) == (
        "Phí cấp bản sao trích lục hộ tịch",
        8000,
        3,
        24000,
    )
    assert line.detail == "Phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản, Thông tư 281/2016/TT-BTC)"
