"""Addresses of applicants: Vietnamese mobile numbers and e-mail addresses, checked and normalised.

Mobile numbers have ten digits since the 2018 move from 11-digit prefixes (QĐ 798/QĐ-BTTTT): 0 and a
mobile prefix 3, 5, 7, 8 or 9, then eight digits; +84 / 84 / 0084 stand for the leading 0. Landlines
(02x) cannot receive SMS. The normal form is E.164 (+84xxxxxxxxx), so one person written as
0905 110 001 and +84905110001 is one address for deduplication and rate limits.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

_SEPARATORS = re.compile(r"[\s.\-()/]")
_MOBILE = re.compile(r"0[35789]\d{8}")


def normalize_phone(raw: str) -> str | None:
    """The mobile number in E.164 (``+84905110001``), or None when it is not a Vietnamese mobile."""
    digits = _SEPARATORS.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("0084"):
        digits = "0" + digits[4:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        return None
    return "+84" + digits[1:]


def national_phone(e164: str) -> str:
    """``+84905110001`` → ``0905110001`` (how people write it)."""
    return "0" + e164[3:] if e164.startswith("+84") else e164


def mask_phone(e164: str) -> str:
    """For logs: ``+84905110001`` → ``090****001``."""
    national = national_phone(e164)
    return f"{national[:3]}****{national[-3:]}" if len(national) >= 7 else "****"


def normalize_email(raw: str) -> str | None:
    """The address with its domain lower-cased, or None when it is not a valid address."""
    value = (raw or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"
