"""Vietnamese wording of dates, times, numbers and labels on the one-stop forms.

The forms are legal documents in Vietnamese (TT 03/2025/TT-VPCP Phụ lục I); their fixed wording is
not translated. Dates follow ND 30/2020/NĐ-CP Phụ lục I: days below 10 and the months 1 and 2 take
a leading zero ("ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026").
"""

import re
from datetime import date, datetime
from decimal import Decimal

from egov.dossiers.choices import ApplicantKind, ReturnMethod, Timeliness
from egov.workflow.facade import VIETNAM_TZ

UNIT_LABELS = {
    "working_day": "ngày làm việc",
    "working_hour": "giờ làm việc",
    "calendar_day": "ngày",
    "month": "tháng",
}
TIMELINESS_LABELS: dict[str, str] = {
    Timeliness.EARLY: "Trước hạn",
    Timeliness.ON_TIME: "Đúng hạn",
    Timeliness.LATE: "Quá hạn",
}
IN_PROGRESS = "Đang xử lý"
BLANK = "…………………"


def local(moment: datetime) -> datetime:
    return moment.astimezone(VIETNAM_TZ)


def vn_date(day: date | datetime | None) -> str:
    """``ngày 02 tháng 11 năm 2026`` (ND 30/2020: leading zero for days < 10 and months 1 and 2)."""
    if day is None:
        return f"ngày {BLANK} tháng {BLANK} năm {BLANK}"
    if isinstance(day, datetime):
        day = local(day).date()
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def vn_datetime(moment: datetime | None) -> str:
    """``14 giờ 05 phút, ngày 02 tháng 11 năm 2026`` in Vietnam time."""
    if moment is None:
        return BLANK
    moment = local(moment)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {vn_date(moment)}"


def short_date(moment: datetime | None) -> str:
    return local(moment).strftime("%d/%m/%Y") if moment else BLANK


def vn_number(value: Decimal | int) -> str:
    """``1`` → ``01``, ``0.5`` → ``0,5`` (decimal comma)."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):02d}"
    return format(number.normalize(), "f").replace(".", ",")


def processing_time(amount: Decimal | None, unit: str) -> str:
    if amount is None:
        return BLANK
    return f"{vn_number(amount)} {UNIT_LABELS.get(unit, '')}".strip()


def honorific(applicant_kind: str) -> str:
    return "Ông/Bà" if applicant_kind == ApplicantKind.CITIZEN else "Tổ chức"


def return_place(method: str, agency_name: str) -> str:
    if method == ReturnMethod.POST:
        return "Qua dịch vụ bưu chính công ích, theo địa chỉ của người nộp hồ sơ"
    if method == ReturnMethod.ONLINE:
        return "Trực tuyến, vào tài khoản của người nộp hồ sơ trên Cổng Dịch vụ công"
    return f"Trực tiếp tại {agency_name}"


def timeliness(value: str) -> str:
    return TIMELINESS_LABELS.get(value, "") if value else ""


_TRAILING_DIGITS = re.compile(r"(\d+)$")


def daily_sequence(code: str) -> str:
    """The daily sequence at the end of the dossier code (TT 01/2018 Điều 19: ``…-YYMMDD-XXXX``)."""
    match = _TRAILING_DIGITS.search(code)
    return match.group(1) if match else code


def place_name(unit_name: str, unit_type: str) -> str:
    """``Phường Đồng Hới`` → ``Đồng Hới`` for the place-and-date line (ND 30/2020 Phụ lục I)."""
    if unit_type and unit_name.lower().startswith(unit_type.lower() + " "):
        return unit_name[len(unit_type) + 1 :]
    return unit_name


def procedure_phrase(name: str) -> str:
    """The procedure's name inside a sentence: ``Thủ tục đăng ký khai sinh`` → ``đăng ký khai sinh``."""
    phrase = name.strip()
    if phrase.lower().startswith("thủ tục "):
        phrase = phrase[len("thủ tục ") :]
    return phrase[:1].lower() + phrase[1:]


# What fits on one line of the masthead's agency column (47 % of 165 mm) in 12 pt capitals.
MASTHEAD_LINE_CHARS = {False: 30, True: 27}  # regular (parent agency), bold (issuing agency)
_UNIT_WORDS = re.compile(r"\s(?=(?:phường|xã|tỉnh|thành phố|đặc khu)\s)", re.IGNORECASE)


def masthead_lines(name: str, *, bold: bool = False) -> list[str]:
    """An agency name in capitals; one too long for a line is broken before its administrative unit,
    as mastheads are set ("ỦY BAN NHÂN DÂN / PHƯỜNG ĐỒNG HỚI"); otherwise the line wraps."""
    budget = MASTHEAD_LINE_CHARS[bold]
    breaks = [m.start() for m in _UNIT_WORDS.finditer(name) if 8 <= m.start() <= budget]
    if len(name) <= budget or not breaks:
        return [name.upper()]
    cut = breaks[-1]
    return [name[:cut].upper(), name[cut + 1 :].upper()]


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _tens(number: int) -> str:
    """0-99 in words, as read in Vietnamese ("hai mươi mốt", "mười lăm", "ba mươi")."""
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if units == 0:
        return head
    unit = "lăm" if units == 5 else "mốt" if units == 1 and tens > 1 else _DIGITS[units]
    return f"{head} {unit}"


def _year_words(year: int) -> str:
    thousands, rest = divmod(year, 1000)
    hundreds, last = divmod(rest, 100)
    words = [f"{_DIGITS[thousands]} nghìn"]
    if hundreds or last:
        words.append(f"{_DIGITS[hundreds]} trăm")
    if 0 < last < 10:
        words.append(f"lẻ {_DIGITS[last]}")
    elif last:
        words.append(_tens(last))
    return " ".join(words)


def date_in_words(day: date) -> str:
    """A date of birth as civil-status extracts write it out ("ghi bằng chữ"): ``05/01/2026`` →
    ``Ngày năm, tháng một, năm hai nghìn không trăm hai mươi sáu``."""
    month = "tư" if day.month == 4 else _tens(day.month)
    return f"Ngày {_tens(day.day)}, tháng {month}, năm {_year_words(day.year)}"
