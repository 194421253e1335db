"""Short names of fees: what a receipt, a payment page and a procedure page call a fee.

The national database gives a fee as an amount with an optional note, and the note is anything: empty
(3,698 of the 6,026 fee items of the 2,642 sample records), a label ("Lệ phí"), a name ("Phí cấp bản
sao trích lục hộ tịch (8.000 đồng/bản)") or a legal paragraph ("Thông tư số 60/2023/TT-BTC … quy định
mức thu …"). A receipt must name the fee (ND 123/2020/NĐ-CP Điều 32: "tên loại phí, lệ phí"), so each
item gets a short name: the name the text opens with when it opens with one, otherwise the kind of
charge and the procedure ("Lệ phí đăng ký khai sinh"). The published text is kept as the detail.

Luật Phí và lệ phí 97/2015/QH13 Điều 3: "phí" pays for a public service (a copy, an appraisal, a
certification, the use of information), "lệ phí" for a state administrative service (a
registration, a licence, a certificate). A name derived from the procedure uses the word the law's
Danh mục uses for that kind of service, and both words when the procedure does not tell.
"""

import re

from egov.core.text import fold

NAME_LIMIT = 90  # a receipt line, a table cell on a phone

FEE = "Phí"
CHARGE = "Lệ phí"
EITHER = "Phí, lệ phí"

# Placeholders of the source that name nothing.
_EMPTY = frozenset({"", "khong", "khong co", "khong co thong tin", "khong quy dinh", "mien phi"})
_LABELS = {"phi": FEE, "le phi": CHARGE, "phi, le phi": EITHER, "phi le phi": EITHER, "phi va le phi": EITHER}

# Folded openings of procedure names, in the order they are tried (longest first where they overlap).
_PUBLIC_SERVICE_OPENINGS = (
    "cap ban sao",
    "cap sao",
    "sao y",
    "chung thuc",
    "tham dinh",
    "khai thac",
    "cung cap thong tin",
    "cung cap du lieu",
    "kiem dinh",
    "kiem dich",
    "kiem nghiem",
    "trich luc",
)
_STATE_SERVICE_OPENINGS = ("dang ky", "cap ", "cap,", "gia han", "dieu chinh giay", "chuyen doi giay", "doi giay")

# A clause that explains rather than names ("Mức lệ phí cụ thể do …", "Thông tư số …", "50.000đ/…").
_EXPLANATION_OPENINGS = (
    "muc ",
    "theo ",
    "thong tu",
    "nghi dinh",
    "nghi quyet",
    "quyet dinh",
    "luat ",
    "can cu",
    "thuc hien",
    "khong ",
    "mien ",
    "chi tiet",
    "ap dung",
    "duoc ",
    "nguoi ",
    "truong hop",
    "doi voi",
    "phi, le phi theo",
    "phi, le phi do",
    "phi theo",
    "phi do",
    "le phi theo",
    "le phi do",
)
_CLAUSE_END = re.compile(r"\s\(|\(|;|:|\.\s|\.$|\n|\s[-\u2013]\s")
_LEADING_MARKS = re.compile(r"^[\s\-\u2013+*\u2022.)(]+")
# "300.000 đồng", "50.000đ", "10 USD", "5%": an amount makes a clause an explanation, not a name.
_AMOUNT = re.compile(r"\d[\d.,]*\s*(?:đ|đồng|vnđ|usd|eur|%)|\d{1,3}[.,]\d{3}", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-ZĐ]{2,}\b")
_PROCEDURE_PREFIX = re.compile(r"^thủ\s+tục\s+", re.IGNORECASE)


def _clean(text: str) -> str:
    return " ".join(str(text or "").split())


def _lower_first(text: str) -> str:
    """ "Cấp bản sao" → "cấp bản sao"; "UBND cấp xã" keeps its acronym."""
    if not text or _ACRONYM.match(text):
        return text
    return text[0].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def shorten(text: str, limit: int = NAME_LIMIT) -> str:
    """At most ``limit`` characters, cut at a word boundary with "…"."""
    text = _clean(text).rstrip(" ,;:.")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-\u2013") + "…"


def procedure_phrase(name: str) -> str:
    """The procedure as the object of a fee's name: "Thủ tục đăng ký khai sinh" → "đăng ký khai sinh"."""
    phrase = _PROCEDURE_PREFIX.sub("", _clean(name))
    phrase = re.split(r"\s*\(", phrase, maxsplit=1)[0]
    return _lower_first(phrase.strip(" ,;:.-\u2013"))


def kind_for_procedure(name: str) -> str:
    """Phí for a public service, lệ phí for a state administrative one (Luật Phí và lệ phí Điều 3)."""
    folded = fold(procedure_phrase(name))
    if folded.startswith(_PUBLIC_SERVICE_OPENINGS):
        return FEE
    if folded.startswith(_STATE_SERVICE_OPENINGS):
        return CHARGE
    return EITHER


def _kind_in_text(text: str) -> str | None:
    """The first of "lệ phí" / "phí" the text mentions (a paragraph about "lệ phí đăng ký …")."""
    match = re.search(r"\b(le phi|phi)\b", fold(text))
    if match is None:
        return None
    return CHARGE if match.group(1) == "le phi" else FEE


def _first_clause(text: str) -> str:
    text = _LEADING_MARKS.sub("", text)
    match = _CLAUSE_END.search(text)
    return (text[: match.start()] if match else text).strip(" ,;:.-\u2013")


def _opens_with_name(clause: str) -> bool:
    """ "Phí thẩm định …", "Lệ phí cấp lại …": the label and what it is for."""
    folded = fold(clause)
    if not folded.startswith(("phi ", "le phi ")) or folded.startswith(_EXPLANATION_OPENINGS):
        return False
    label_words = 2 if folded.startswith("le phi ") else 1
    return len(folded.split()) > label_words and not _AMOUNT.search(clause)


def _names_a_purpose(clause: str) -> bool:
    """ "Thẩm định hồ sơ …" after a bare "Phí": what the fee is for, not an amount or a reference."""
    folded = fold(clause)
    return bool(folded) and not folded[0].isdigit() and not folded.startswith(_EXPLANATION_OPENINGS)


def fee_name(description: str, note: str = "", *, procedure_name: str) -> tuple[str, str]:
    """The short name of a fee item and the published text when it says more (else "")."""
    description = _clean(description).rstrip(":").strip()
    note = _clean(note)
    if fold(description).strip(" .") in _EMPTY:
        description = ""
    label = _LABELS.get(fold(description).strip(" .:"))
    text = note if label else description
    published = _LEADING_MARKS.sub("", description or note) if not label else f"{label}: {note}" if note else ""
    name = ""
    clause = _first_clause(text) if text else ""
    if clause and _opens_with_name(clause):
        name = _upper_first(clause)
    elif clause and label and label != EITHER and _names_a_purpose(clause):
        name = f"{label} {_lower_first(clause)}"
    if not name:
        kind = label or (_kind_in_text(text) if text else None) or kind_for_procedure(procedure_name)
        phrase = procedure_phrase(procedure_name)
        name = f"{kind} {phrase}" if phrase else kind
    name = shorten(name)
    detail = published if published and fold(published).strip(" .") != fold(name).strip(" .…") else ""
    return name, detail
