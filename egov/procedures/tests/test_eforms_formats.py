"""Vietnamese formats of e-form values: citizen ID, phone, date, tax code, person's name."""

import unicodedata
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_validate

from .eforms_fixtures import sample_data, sample_schema

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def person(**values: Any) -> dict[str, Any]:
    return sample_data(person={"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female", **values})


def error_of(field: str, **values: Any) -> list[str]:
    with pytest.raises(ApplicationError) as caught:
        eform_validate(sample_schema(), person(**values))
    assert caught.value.code == "eform_invalid"
    return [message["en"] for message in caught.value.fields[f"person.{field}"]]


def cleaned(**values: Any) -> dict[str, Any]:
    result: dict[str, Any] = eform_validate(sample_schema(), person(**values))["person"]
    return result


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("044190012345", "044190012345"), ("001 099 012 345", "001099012345"), ("096.123.456.789", "096123456789")],
)
def test_good_citizen_ids_are_kept_as_12_digits(typed: str, stored: str) -> None:
    assert cleaned(citizen_id=typed)["citizen_id"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("04419001234", "A citizen ID number has exactly 12 digits."),
        ("0441900123456", "A citizen ID number has exactly 12 digits."),
        ("04419001234A", "A citizen ID number has exactly 12 digits."),
        ("097190012345", "The first three digits of a citizen ID number must be a province code from 001 to 096."),
        ("000190012345", "The first three digits of a citizen ID number must be a province code from 001 to 096."),
        ("003190012345", "The first three digits of a citizen ID number must be a province code from 001 to 096."),
    ],
)
def test_bad_citizen_ids_are_refused_with_the_reason(typed: str, message: str) -> None:
    assert error_of("citizen_id", citizen_id=typed) == [message]


def test_a_citizen_id_error_is_in_vietnamese_and_english() -> None:
    # when
    with pytest.raises(ApplicationError) as caught:
        eform_validate(sample_schema(), person(citizen_id="12345"))
    # then
    assert caught.value.fields["person.citizen_id"] == [
        {"vi": "Số định danh cá nhân phải có đúng 12 chữ số.", "en": "A citizen ID number has exactly 12 digits."}
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0232 3822 123", "02323822123"),
    ],
)
def test_good_phone_numbers_are_normalised(typed: str, stored: str) -> None:
    assert cleaned(phone=typed)["phone"] == stored


@pytest.mark.parametrize("typed", ["12345", "0912 34", "+1 202 555 0100", "09123456789012", "phone"])
def test_bad_phone_numbers_are_refused(typed: str) -> None:
    assert error_of("phone", phone=typed) == ["Enter a Vietnamese phone number, e.g. 0912345678."]


@pytest.mark.parametrize(
    ("typed", "stored"), [("2024-02-29", "2024-02-29"), ("20/3/1990", "1990-03-20"), ("05.11.2001", "2001-11-05")]
)
def test_dates_from_the_date_input_or_typed_dd_mm_yyyy_are_stored_iso(typed: str, stored: str) -> None:
    assert cleaned(birth_date=typed)["birth_date"] == stored


@pytest.mark.parametrize("typed", ["2023-02-29", "2024-13-01", "24-01-01", "2024-1-5", "31/02/2020", "hôm qua"])
def test_impossible_or_malformed_dates_are_refused(typed: str) -> None:
    assert error_of("birth_date", birth_date=typed) == ["Enter a real date as dd/mm/yyyy."]


@time_machine.travel(datetime(2026, 3, 6, 23, 30, tzinfo=VN), tick=False)
def test_a_date_marked_not_future_accepts_today_in_vietnam_and_refuses_tomorrow() -> None:
    # 23:30 on 6 March in Hà Nội is still 6 March, although it is already 16:30 UTC
    assert cleaned(birth_date="2026-03-06")["birth_date"] == "2026-03-06"
    assert error_of("birth_date", birth_date="2026-03-07") == ["This date cannot be in the future."]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0100109106", "0100109106"),
        ("0300588569", "0300588569"),
        ("0101248141", "0101248141"),
        ("0100109106-001", "0100109106-001"),
        ("0100109106001", "0100109106-001"),
        ("0100 109 106", "0100109106"),
        ("044190012345", "044190012345"),
    ],
)
def test_good_tax_codes_are_accepted(typed: str, stored: str) -> None:
    assert cleaned(tax_code=typed)["tax_code"] == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0100109107", "This tax code is not valid: check the digits."),
        ("0300588568", "This tax code is not valid: check the digits."),
        ("0100109106-000", "The last three digits of a tax code run from 001."),
        ("12345", "A tax code has 10 digits, or 13 written as 10-3."),
        ("0100109106-01", "A tax code has 10 digits, or 13 written as 10-3."),
        ("MST0100109106", "A tax code has 10 digits, or 13 written as 10-3."),
        ("099190012345", "The first three digits of a citizen ID number must be a province code from 001 to 096."),
    ],
)
def test_bad_tax_codes_are_refused(typed: str, message: str) -> None:
    assert error_of("tax_code", tax_code=typed) == [message]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Nguyễn Thị Hoa", "Nguyễn Thị Hoa"),
        ("  Trần   Văn  Bình ", "Trần Văn Bình"),
        ("H'Hen Niê", "H'Hen Niê"),
        ("Y-Moan Ênuôl", "Y-Moan Ênuôl"),
        ("Đặng Thùy Trâm", "Đặng Thùy Trâm"),
        (unicodedata.normalize("NFD", "Lê Thị Ngọc Ánh"), "Lê Thị Ngọc Ánh"),
    ],
)
def test_names_with_vietnamese_letters_are_accepted_and_composed(typed: str, stored: str) -> None:
    # then: decomposed accents (some keyboards send them) are stored composed (NFC)
    result = cleaned(full_name=typed)["full_name"]
    assert result == stored
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize("typed", ["Nguyen2", "Hoa!", "'Hoa", "Hoa-", "Lý <b>", "Иван Петров", "王小明", "Hoa--Mai"])
def test_names_with_digits_symbols_or_other_scripts_are_refused(typed: str) -> None:
    assert error_of("full_name", full_name=typed) == ["Use letters and spaces only."]
