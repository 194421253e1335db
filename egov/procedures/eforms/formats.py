"""Vietnamese value formats for e-forms: JSON Schema ``format`` checkers and their normalisers.

Each checker raises Django's ``ValidationError`` with a translated message, which the validator
shows as the field's error; each normaliser turns what people type into the stored form
(``0912 345 678`` → ``0912345678``) before checking.
"""

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from jsonschema import FormatChecker  # type: ignore[import-untyped]

from egov.identity.validators import normalize_citizen_id, normalize_phone, validate_citizen_id, validate_phone

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VN_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TAX_CODE = re.compile(r"^(\d{10})(?:-(\d{3}))?$")
# Weights of the check digit N10 of a tax code (mã số thuế): N10 = 10 - (Σ Ni·Wi mod 11).
_TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_NAME_PUNCTUATION = frozenset("'\u2019-")  # apostrophe, right single quotation mark, hyphen


def _single_line(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def normalize_tax_code(value: str) -> str:
    """``0100109106 001`` / ``0100109106001`` → ``0100109106-001``; spaces and dots dropped."""
    compact = re.sub(r"[\s.]", "", value)
    if re.fullmatch(r"\d{13}", compact):
        return f"{compact[:10]}-{compact[10:]}"
    return compact


def normalize_date(value: str) -> str:
    """Browsers without a date picker let people type ``20/3/2026``: store it as ``2026-03-20``."""
    match = _VN_DATE.match(value)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value


def _tax_check_digit(first_nine: str) -> int:
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _TAX_WEIGHTS, strict=True))
    return 10 - total % 11


def check_tax_code(value: Any) -> bool:
    """Mã số thuế: 10 digits (organisations, legacy personal codes) or 10 + ``-`` + 3 digits (dependent
    units), whose 10th digit is the check digit (TT 105/2020/TT-BTC Điều 5). Since 01/7/2025 an
    individual's or household business's tax code is the 12-digit personal ID number
    (TT 86/2024/TT-BTC), which is accepted too."""
    if not isinstance(value, str):
        return True
    if re.fullmatch(r"\d{12}", value):
        validate_citizen_id(value)
        return True
    match = _TAX_CODE.match(value)
    if not match:
        raise ValidationError(_("A tax code has 10 digits, or 13 written as 10-3."), code="tax_code")
    digits, branch = match.groups()
    if _tax_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(_("This tax code is not valid: check the digits."), code="tax_code_check")
    if branch == "000":
        raise ValidationError(_("The last three digits of a tax code run from 001."), code="tax_code_branch")
    return True


def check_date(value: Any) -> bool:
    """A calendar date as ``yyyy-mm-dd``, what a browser's date input sends."""
    if not isinstance(value, str):
        return True
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(_("Enter a real date as dd/mm/yyyy."), code="date") from exc
    return True


def check_vn_name(value: Any) -> bool:
    """A person's name in Latin letters with Vietnamese diacritics and spaces; an apostrophe or a
    hyphen may join letters, as in Ê Đê and other minority names (``H'Hen Niê``)."""
    if not isinstance(value, str):
        return True
    previous = " "
    for char in value:
        if char == " ":
            pass
        elif char in _NAME_PUNCTUATION:
            if not previous.isalpha():
                raise ValidationError(_("Use letters and spaces only."), code="vn_name")
        elif unicodedata.category(char).startswith("M"):
            if previous == " " or previous in _NAME_PUNCTUATION:
                raise ValidationError(_("Use letters and spaces only."), code="vn_name")
            continue  # a combining accent keeps its base letter as the previous character
        elif not (char.isalpha() and "LATIN" in unicodedata.name(char, "")):
            raise ValidationError(_("Use letters and spaces only."), code="vn_name")
        previous = char
    if not any(char.isalpha() for char in value) or previous in _NAME_PUNCTUATION:
        raise ValidationError(_("Use letters and spaces only."), code="vn_name")
    return True


def check_citizen_id(value: Any) -> bool:
    if isinstance(value, str):
        validate_citizen_id(value)
    return True


def check_vn_phone(value: Any) -> bool:
    if isinstance(value, str):
        validate_phone(value)
    return True


def check_email(value: Any) -> bool:
    if isinstance(value, str):
        try:
            validate_email(value)
        except ValidationError as exc:
            raise ValidationError(_("Enter an email address such as ten@example.vn."), code="email") from exc
    return True


CHECKS: dict[str, Callable[[Any], bool]] = {
    "citizen-id": check_citizen_id,
    "vn-phone": check_vn_phone,
    "date": check_date,
    "tax-code": check_tax_code,
    "vn-name": check_vn_name,
    "email": check_email,
}

NORMALIZERS: dict[str, Callable[[str], str]] = {
    "citizen-id": normalize_citizen_id,
    "vn-phone": normalize_phone,
    "tax-code": normalize_tax_code,
    "vn-name": _single_line,
    "date": normalize_date,
}


def normalize_text(value: str, *, format_name: str | None, multiline: bool) -> str:
    """NFC (Vietnamese keyboards may send decomposed accents), trimmed, then the format's own form."""
    text = unicodedata.normalize("NFC", value).strip()
    if not multiline:
        text = " ".join(text.split())
    normalizer = NORMALIZERS.get(format_name or "")
    return normalizer(text) if normalizer else text


def build_format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, check in CHECKS.items():
        checker.checks(name, raises=ValidationError)(check)
    return checker


FORMAT_CHECKER = build_format_checker()
