"""Parse the national catalogue's flattened "Căn cứ pháp lý" table and "Kết quả thực hiện" block.

Legal basis, flattened as "Tên văn bản pháp lýMã văn bản" then rows "<title><number>" without
separators::

    Nghị định 137/2020/NĐ-CP137/2020/NĐ-CPLuật 65/2006/QH1165/2006/QH11…

The number cell is a Vietnamese document notation (số, ký hiệu: "68/2013/TT-BCA", "02/2020/UBTVQH14",
"20/2013/TTLT-BYT-BCT-BNNPTNT", "12/2021/QĐ-TTg"), sometimes with its kind in front ("Luật số
32/2024/QH15"). Titles repeat the number ("Nghị định 137/2020/NĐ-CP"), so a notation ends a row only
when it is followed by the end, by the next title glued to it, or by spaces and a capital letter;
one followed by a digit (the number cell glued after the title), " ngày", " của", "," … is part of
the title.
"""

import re

from django.utils.translation import gettext as _

from egov.procedures.contracts import LegalBasisData
from egov.procedures.importers.common import LOWER, UPPER

HEADER = "Tên văn bản pháp lýMã văn bản"
_KIND = r"(?:(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Nghị quyết|Thông tư(?: liên tịch)?|Quyết định|Chỉ thị)\s+(?:số\s+)?)"
_SIGN = r"(?:TTg|(?:UBTVQH|QH)\d{2}|[A-ZĐ]+)"
NOTATION_RE = re.compile(
    # A number starts after a non-digit, or glued after a year or a "QH15" (…ngày 25/01/202640/2026/NĐ-CP).
    r"(?P<number>(?:(?<!\d)|(?<=(?:19|20)\d\d)|(?<=QH\d\d))\d{1,4}(?:\.\d+)?/\d{4}/"
    rf"{_SIGN}(?:(?:[-\u2013/]\s?|\s[-\u2013/]){_SIGN})*(?:\([A-Z0-9]{{1,6}}\))?)"  # "NĐ-CP", "NĐ- CP", "TT-BCA(X13)"
)
_SIGN_SPLIT_RE = re.compile(r"[-\u2013/\s]")
_KIND_BEFORE_RE = re.compile(rf"{_KIND}$")
_AFTER_INTERNAL_RE = re.compile(rf"^(?:\s*[,.;:)/]|\s+[{LOWER}0-9(]|\s+[-\u2013]\s|ngày\s*\d|của\s)")
# Issuing-body codes that end a notation ("…/NĐ-CP", "…/TT-BCA"): a longer capital run glued to one of
# them is the start of the next title ("…/NĐ-CPQUY ĐỊNH …", "…/TT-BTCThông tư …").
ISSUER_CODES = frozenset(
    {
        "BBCVT",
        "BCA",
        "BCN",
        "BCT",
        "BGD",
        "BGDĐT",
        "BGTVT",
        "BKH",
        "BKHCN",
        "BKHĐT",
        "BLĐ",
        "BLĐTBXH",
        "BNG",
        "BNNMT",
        "BNNPTNT",
        "BNV",
        "BQP",
        "BTC",
        "BTM",
        "BTNMT",
        "BTP",
        "BTS",
        "BTTTT",
        "BVHTT",
        "BVHTTDL",
        "BXD",
        "BYT",
        "CP",
        "CT",
        "HĐND",
        "KTNN",
        "LLTP",
        "ND",
        "NHNN",
        "NQ",
        "QĐ",
        "TANDTC",
        "TT",
        "TTG",
        "TTLT",
        "TTg",
        "UBCKNN",
        "UBND",
        "VKSNDTC",
        "VPCP",
    }
)


def parse_legal_bases(text: str) -> tuple[list[LegalBasisData], list[str]]:
    text = text.strip()
    if not text or text.startswith("Không có thông tin"):
        return [], []
    body = text[len(HEADER) :] if text.startswith(HEADER) else text
    bases: list[LegalBasisData] = []
    start = 0
    for match in NOTATION_RE.finditer(body):
        end = _trim_next_word(body, match)
        if match.start() < start or _is_internal(body, match, end):
            continue
        kind = _KIND_BEFORE_RE.search(body, max(start, match.start() - 40), match.start())
        cell_start = kind.start() if kind else match.start()  # "Luật số 32/2024/QH15" is one cell
        title = body[start:cell_start].strip(" ;,\n\t")
        number = _normalise(body[match.start() : end])
        if not title:
            title = body[cell_start:end].strip()
        bases.append(LegalBasisData(document_number=number[:255], title=" ".join(title.split())))
        start = end
    warnings: list[str] = []
    tail = body[start:].strip(" ;,\n\t")
    if tail:
        if bases or len(tail) > 3:
            bases.append(LegalBasisData(document_number="", title=" ".join(tail.split())))
        warnings.append(_("legal basis without a document number: “%(text)s”") % {"text": tail[:80]})
    return _unique(bases), warnings


def _trim_next_word(body: str, match: re.Match[str]) -> int:
    """ "NĐ-CPNghị định" matches "NĐ-CPN": give the letters after the issuer code back to the next title."""
    end = match.end()
    last = _SIGN_SPLIT_RE.split(match.group(0))[-1]
    if last in ISSUER_CODES or not last.isalpha():
        return end
    for size in range(len(last) - 1, 0, -1):
        if last[:size] in ISSUER_CODES:
            return end - (len(last) - size)
    if end < len(body) and body[end] in LOWER and len(last) > 1 and last[-1] in UPPER:
        return end - 1  # an unknown issuer: a capital glued to lower case starts the next word
    return end


def _is_internal(body: str, match: re.Match[str], end: int) -> bool:
    """A notation inside a title: followed by its own number cell, or by " ngày …", ", " …"""
    after = body[end:]
    if after[:1].isdigit():
        return after.startswith(match.group(0))
    return bool(_AFTER_INTERNAL_RE.match(after))


def _normalise(number: str) -> str:
    return re.sub(r"\s*[-\u2013]\s*", "-", number.strip())


def _unique(bases: list[LegalBasisData]) -> list[LegalBasisData]:
    seen: set[tuple[str, str]] = set()
    unique: list[LegalBasisData] = []
    for basis in bases:
        key = (basis.document_number, basis.title)
        if key not in seen:
            seen.add(key)
            unique.append(basis)
    return unique


# Result codes: "KQ.G01.000184" mostly, also "000.00.00.G11-KQ1711", "KQ-G10-KQ00009", "03".
_RESULT_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*")
_RESULT_END = ("Từ khóa", "Chọn cơ quan thực hiện")


def parse_results(text: str) -> list[dict[str, str]]:
    """ "Giấy phép …Mã: KQ.G01.000184Từ khóa…" → [{"name": "Giấy phép …", "code": "KQ.G01.000184"}].

    What follows "Từ khóa" is the portal's search form, crawled along with the block. A "Mã:" that
    is not a code ("Mã: Chưa xác định") leaves the result without one.
    """
    body = text.strip()
    for marker in _RESULT_END:
        cut = body.find(marker)
        if cut >= 0:
            body = body[:cut]
    parts = re.split(r"Mã:\s*", body)
    results: list[dict[str, str]] = []
    name = parts[0]
    for part in parts[1:]:
        code, rest = _result_code(part)
        _add_result(results, name, code)
        name = rest
    _add_result(results, name, "")
    return results


def _result_code(part: str) -> tuple[str, str]:
    """ "KQ.G12.001161Văn bản …" → ("KQ.G12.001161", "Văn bản …"); "Chưa xác định" → ("", "")."""
    match = _RESULT_CODE_RE.match(part)
    if match is None:
        return "", ""
    end = match.end()
    if end < len(part) and part[end].isalpha():  # glued to the next name: give its first letters back
        word = re.search(r"[A-Za-z]+$", part[:end])
        end = word.start() if word else end
    code = part[:end].rstrip(".-_")
    if not code or not any(ch.isdigit() for ch in code) or len(code) > 40:
        return "", ""
    return code, part[end:].lstrip(". ")


def _add_result(results: list[dict[str, str]], name: str, code: str) -> None:
    name = " ".join(name.split())
    if name and name != "Không có thông tin":
        results.append({"name": name[:1000], "code": code})
