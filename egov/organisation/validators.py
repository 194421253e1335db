"""Formats of agency codes (mã định danh cơ quan) and of department codes."""

import re

from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError

# QĐ 20/2020/QĐ-TTg Điều 4 (amended by QĐ 09/2025/QĐ-TTg): the electronic identifier of an agency
# has at most 35 characters, in groups separated by ".", read left to right. The first group is
# the level-1 code M X1 X2 (a capital letter and two digits, e.g. "H44" for a province, "G06" for a
# ministry); each further group is the code the level above assigns to its unit, e.g. "H44.01",
# "G06.01". The lists of lower-level codes are issued by each ministry/province, so lower groups
# are checked only as short groups of capital letters and digits.
QD20_CODE_MAX_LENGTH = 35
_QD20_CODE_RE = re.compile(r"^[A-Z]\d{2}(\.[0-9A-Z]{1,5})*$")

# QCVN 102:2016/BTTTT (TT 10/2016/TT-BTTTT) organ code, still used by edXML packages and old dossier
# codes: exactly 13 characters V1V2V3.Z1Z2.Y1Y2.MX1X2, read right to left (MX1X2 = level 1,
# Y1Y2 = level 2, Z1Z2 = level 3, V1V2V3 = level 4; zeros where a level is unused), e.g.
# "000.00.00.H41" (UBND tỉnh Nghệ An), "000.00.00.G22" (Văn phòng Chính phủ).
QCVN102_CODE_LENGTH = 13
_QCVN102_CODE_RE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z]\d{2}$")

_DEPARTMENT_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,34}$")


def normalise_code(value: str) -> str:
    """Codes are written in capitals without spaces; accept lower case and stray spaces on input."""
    return value.strip().upper()


def validate_agency_code(code: str) -> str:
    """Return the normalised QĐ 20/2020 code or raise ``invalid_agency_code`` (400)."""
    normalised = normalise_code(code)
    if len(normalised) > QD20_CODE_MAX_LENGTH or not _QD20_CODE_RE.match(normalised):
        raise ApplicationError(
            _(
                "The agency code must follow QĐ 20/2020/QĐ-TTg: at most 35 characters, a letter and two "
                "digits (e.g. H44) followed by groups separated by dots (e.g. H44.01)."
            ),
            code="invalid_agency_code",
            fields={"code": code},
        )
    return normalised


def validate_qcvn102_code(code: str) -> str:
    """Return the normalised 13-character QCVN 102:2016 code or raise ``invalid_legacy_code`` (400)."""
    normalised = normalise_code(code)
    if len(normalised) != QCVN102_CODE_LENGTH or not _QCVN102_CODE_RE.match(normalised):
        raise ApplicationError(
            _("A QCVN 102:2016 agency code has exactly 13 characters in the form 000.00.00.H44."),
            code="invalid_legacy_code",
            fields={"code": code},
        )
    return normalised


def validate_department_code(code: str) -> str:
    """Department codes are the agency's own short codes: letters, digits, '.', '_' and '-'."""
    stripped = code.strip()
    if not _DEPARTMENT_CODE_RE.match(stripped):
        raise ApplicationError(
            _("A department code has 1 to 35 letters, digits, dots, dashes or underscores."),
            code="invalid_department_code",
            fields={"code": code},
        )
    return stripped
