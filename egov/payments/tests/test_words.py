"""Amounts in Vietnamese words and figures, as the receipt prints them."""

from datetime import datetime

import pytest

from egov.payments.documents import vn_date
from egov.payments.tests.conftest import VN
from egov.payments.words import amount_in_words, number_in_words, vnd


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "không"),
        (5, "năm"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (8_000, "tám nghìn"),
        (16_000, "mười sáu nghìn"),
        (115_000, "một trăm mười lăm nghìn"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_000_000_000, "một tỷ"),
        (2_000_050_000, "hai tỷ không trăm năm mươi nghìn"),
        (1_234_567_891, "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt"),
    ],
)
def test_number_in_words(amount: int, words: str) -> None:
    assert number_in_words(amount) == words


def test_amount_in_words_and_figures() -> None:
    assert amount_in_words(16_000) == "Mười sáu nghìn đồng"
    assert vnd(1_234_567) == "1.234.567"
    with pytest.raises(ValueError, match="negative"):
        number_in_words(-1)


def test_receipt_dates_follow_decree_30() -> None:
    assert vn_date(datetime(2026, 1, 5, 9, 0, tzinfo=VN)) == "ngày 05 tháng 01 năm 2026"
    assert vn_date(datetime(2026, 3, 15, 9, 0, tzinfo=VN)) == "ngày 15 tháng 3 năm 2026"
