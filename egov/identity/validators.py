"""Validation and normalisation of citizen identifiers: the personal ID number and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# First three digits of a personal identification number: the province (or centrally run city)
# where the birth was registered, as listed by Thông tư 59/2021/TT-BCA (formerly
# TT 07/2016/TT-BCA). The 2025 merger of provinces does not renumber existing IDs, so the 63
# pre-2025 codes stay valid.
PROVINCE_OF_BIRTH_CODES: frozenset[str] = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)

_CITIZEN_ID = re.compile(r"^\d{12}$")
_PHONE = re.compile(r"^0\d{9,10}$")


def normalize_citizen_id(value: str) -> str:
    """Strip spaces and dots people type between digit groups."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_citizen_id(value: str) -> None:
    """A personal ID number (số định danh cá nhân, Luật Căn cước 2023 Điều 12): 12 digits whose
    first three are a province-of-birth code 001-096. There is no public check digit."""
    if not _CITIZEN_ID.match(value):
        raise ValidationError(_("A citizen ID number has exactly 12 digits."), code="citizen_id")
    if value[:3] not in PROVINCE_OF_BIRTH_CODES:
        raise ValidationError(
            _("The first three digits of a citizen ID number must be a province code from 001 to 096."),
            code="citizen_id_province",
        )


def normalize_phone(value: str) -> str:
    """``+84 912 345 678`` / ``84912345678`` / ``0912.345.678`` → ``0912345678``."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def validate_phone(value: str) -> None:
    if not _PHONE.match(value):
        raise ValidationError(_("Enter a Vietnamese phone number, e.g. 0912345678."), code="phone")


def looks_like_citizen_id(value: str) -> bool:
    return bool(_CITIZEN_ID.match(normalize_citizen_id(value)))
