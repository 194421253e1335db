"""Which rows of a national record's "Thành phần hồ sơ" table are papers, and which papers every
applicant brings.

The national database's table mixes three things under one header: the papers (giấy tờ) an
applicant hands in or shows, papers needed only in a stated case ("Trường hợp …", "(nếu có)"), and
notes the ministry typed into the same table — how the desk checks papers ("Người tiếp nhận có trách
nhiệm …"), exemptions ("… thì không phải nộp bản giấy"), rules on foreign papers (consular
legalisation, translations), headings ("… các giấy tờ sau:"), "Số lượng hồ sơ: 01 bộ". Counted as
papers, birth registration (1.001193) asked a mother for 32 uploads, 19 of them "mandatory".

``classify_paper`` decides with short rules, in order; each says why it exists. The rules read the
folded text (``egov.core.text.fold``: no accents, lower case), so "Trường hợp" and "TRUONG HOP"
match alike. Measured against rows classified by hand: ``bench/papers.py``.
"""

import re
from dataclasses import dataclass
from typing import Any

from egov.core.text import fold

PAPER, NOTE = "paper", "note"
MANDATORY, CONDITIONAL, OPTIONAL = "mandatory", "conditional", "optional"


@dataclass(frozen=True)
class PaperClass:
    kind: str  # PaperKind
    requirement: str  # PaperRequirement (MANDATORY for notes: unused)
    condition: str = ""  # when a conditional paper is needed, as published
    condition_rule: dict[str, Any] | None = None
    rule: str = ""  # which rule decided: for the benchmark and for reading the code

    @property
    def is_paper(self) -> bool:
        return self.kind == PAPER


# Enumerators the ministries put in front of rows: "-", "+", "*", "a)", "1.", "(iv)", "(1.2)", "b.".
_ENUMERATOR_RE = re.compile(
    r"^(?:[\s\-+*•\uf0fc\uf0d8\u2013]+|\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]\s*|\(?[ivx]{1,5}\)\s*|\([a-zđ]\)\s*|[a-zđ](?:\.\d)?[.)]\s+)+",
    re.IGNORECASE,
)

# What a paper's name starts with (folded): the document nouns of the national records.
_DOCUMENT_START_RE = re.compile(
    r"^(?:\d{1,2}\s*(?:\(\w+\)\s*)?)?(?:ban\s+(?:sao|chinh|chup|goc|dich|ve|do|khai|cam\s+ket|thuyet\s+minh|tu\s+khai|"
    r"ke|tom\s+tat|thong\s+tin|danh\s+sach|de\s+nghi|sao\s+y|in|du\s+thao|tu\s+kiem\s+diem|nhan\s+xet|xac\s+nhan)"
    r"|don|to\s+khai|to\s+trinh|giay|van\s+ban|van\s+bang|bao\s+cao|quyet\s+dinh|hop\s+dong|danh\s+sach|bien\s+ban|"
    r"so\s+(?!luong|bo\s+ho)|phieu|chung\s+chi|chung\s+tu|chung\s+nhan|chung\s+minh\s+thu|ho\s+so|tai\s+lieu|anh|du\s+thao|"
    r"ke\s+hoach|phuong\s+an|dieu\s+le|nghi\s+quyet|thong\s+bao|hoa\s+don|van\s+don|cong\s+van|de\s+an|du\s+an|"
    r"thuyet\s+minh|bang\s+ke|bang\s+(?:tong\s+hop|luong|diem|chung)|mau\b|ho\s+chieu|the\b|can\s+cuoc|bang\b|"
    r"cam\s+ket|ly\s+lich|so\s+yeu|trich\s+luc|trich\s+sao|bo\s+ho\s+so|quy\s+che|quy\s+trinh|quy\s+dinh|"
    r"bieu\s+mau|ket\s+qua|de\s+xuat|de\s+nghi|cac\s+(?:tai\s+lieu|giay\s+to|van\s+ban|chung\s+tu|"
    r"bao\s+cao|hop\s+dong|ban)|hinh\s+anh|video|dia\b|usb|mot\s+(?:trong|so)|01|02|03|hai\s+\(|tep|file|"
    r"nghi\s+dinh|bo\s+tai\s+lieu|chuong\s+trinh|giao\s+trinh|lich|thu\b|loi\s+khai|phu\s+luc|ban\b|"
    r"so\s+do|mat\s+bang|ban\s+ve|bang\s+tinh|tieu\s+chuan|tai\s+khoan|hien\s+vat|mau\s+vat|"
    r"chung\s+cu|nop\s+(?:lai\s+)?(?:ban|giay|the|so|chung|quyet|van|ho|phieu)|xuat\s+trinh|tu\s+khai|"
    r"y\s+kien|thoa\s+thuan|dang\s+ky|phuong\s+phap|chi\s+tiet|nhat\s+ky|hoc\s+ba|bang\s+chung|"
    r"ke\s+khai|khai\b|lenh|ban\s+an|quyet\s+nghi|thong\s+tin)"
)

# Rows that start with a case: "Trường hợp …", "Đối với …", "Khi …", "Nếu …", "Riêng …".
_CASE_START_RE = re.compile(r"^(?:\(\*\)\s*)?(?:trong\s+)?(?:truong\s+hop|doi\s+voi|khi|neu|rieng)\b")
# … that still ask for a paper: "thì phải có biên bản …", "phải gửi kèm theo bản sao …".
_DEMANDS_RE = re.compile(
    r"(?<!khong )\b(?:thi\s+)?(?:phai|can)\s+(?:co|nop|gui\s+kem|kem\s+theo|bo\s+sung|xuat\s+trinh|cung\s+cap|"
    r"tai\s+len|gui|lap|dinh\s+kem)\b|\bthi\s+(?:nop|kem\s+theo|bo\s+sung|gui\s+kem|co\b(?!\s+quan))"
    r"|\bho\s+so\s+(?:gom|bao\s+gom)|:\s*\S"
)

# Notes on how the desk works: papers are what the applicant brings, not what the officer does.
_DESK_DUTY_RE = re.compile(
    r"nguoi\s+tiep\s+nhan|can\s+bo\s+tiep\s+nhan|co\s+trach\s+nhiem\s+(?:tiep\s+nhan|kiem\s+tra|tra\s+cuu|doi\s+chieu|"
    r"khai\s+thac|ho\s+tro|huong\s+dan)|khong\s+duoc\s+yeu\s+cau|he\s+thong\s+dien\s+tu\s+dong|"
    r"co\s+quan\s+dang\s+ky\s+ho\s+tich\s+(?:tu\s+choi|co\s+tham\s+quyen|phai|co\s+trach)|phai\s+giai\s+thich"
)
# Exemptions: the row says what need not be brought.
_EXEMPTION_RE = re.compile(
    r"khong\s+phai\s+(?:nop|xuat\s+trinh|tai\s+len|cung\s+cap|chung\s+thuc|co\s+van\s+ban|gui)|duoc\s+mien|mien\s+nop|"
    r"chi\s+can\s+cung\s+cap|duoc\s+(?:quyen\s+)?su\s+dung\s+ban\s+dien\s+tu|khong\s+yeu\s+cau\s+nop|"
    r"duoc\s+mien\s+tru|khong\s+bao\s+gom"
)
# Rules about other papers: legalisation and translation of foreign papers, how copies are certified.
_PAPER_RULE_RE = re.compile(
    r"^(?:cac\s+)?(?:giay\s+to|tai\s+lieu|van\s+ban)(?:,\s*tai\s+lieu)?\s+(?:do|bang|nop|xuat\s+trinh|gui|"
    r"trong|phai|neu)\b.*\b(?:hop\s+phap\s+hoa\s+lanh\s+su|ban\s+dich|dich\s+ra\s+tieng|chung\s+thuc|phai\s+duoc)"
    r"|hop\s+phap\s+hoa\s+lanh\s+su.*tru\s+truong\s+hop\s+(?:duoc\s+)?mien"
    r"|^truong\s+hop\s+(?:cac\s+)?(?:giay\s+to|tai\s+lieu)\b.*\b(?:tieng\s+(?:nuoc\s+ngoai|anh)|ban\s+dich)"
)
# "… thì việc …", "… thì cơ quan …", "… thì người tiếp nhận …": what follows a case is the procedure.
_PROCESS_CONSEQUENCE_RE = re.compile(
    r"\bthi\s+(?:viec|co\s+quan|nguoi\s+tiep\s+nhan|can\s+bo|thong\s+tin|ho\s+so\s+duoc|ket\s+qua)\b"
)
# Notes by their opening words: "Lưu ý", "Ghi chú", "Số lượng hồ sơ: 01 bộ" always; "Người có yêu
# cầu …", "Cơ quan …", "Việc …" unless a document is named first.
_NOTE_LABEL_RE = re.compile(r"^(?:luu\s+y|ghi\s+chu|chu\s+y|so\s+luong\s+(?:ho\s+so|bo)|so\s+bo\s+ho\s+so)\b")
_NOTE_START_RE = re.compile(
    r"^(?:thoi\s+han|thoi\s+gian|"
    r"nguoi\s+(?:co\s+yeu\s+cau|yeu\s+cau|di\s+dang\s+ky|nop)|co\s+quan|ca\s+nhan\s+co\s+quyen|viec\s+|"
    r"cac\s+thong\s+tin|thong\s+tin\s+ve|he\s+thong|tham\s+quyen|hinh\s+thuc\s+nop|noi\s+nop)"
)
# Groups the ministry titles as notes ("* Lưu ý:").
_NOTE_GROUP_RE = re.compile(r"^(?:luu\s+y|ghi\s+chu|chu\s+y)\b")
# A case group: its papers are needed only in that case.
_CASE_GROUP_RE = re.compile(r"^(?:\(\*\)\s*|\(\s*)?(?:truong\s+hop|doi\s+voi|neu)\b")

# "(nếu có)" closing the name: bring it if you have one. Inside the name ("công trình liền kề (nếu có)
# trên …") or after "X và Y" it qualifies a part only, and the paper stays; with more words it is a
# case ("nếu có thay đổi").
_IF_ANY_RE = re.compile(r"(?:\(\s*nếu\s+có\s*\)|,?\s+nếu\s+có)\s*[.;]?\s*$", re.IGNORECASE)
# A case inside the name: "(nếu …)", "(…, nếu … trực tuyến)", "(trường hợp …)" first, then
# "trong trường hợp …", "đối với trường hợp …", "trừ trường hợp …", "khi làm thủ tục trực tiếp …".
_PAREN_CASE_RE = re.compile(
    r"\([^()]*?(?P<cond>(?!nếu có\s*\))(?:nếu|trường hợp|đối với|trừ trường hợp|áp dụng)[^()]*)\)", re.IGNORECASE
)
_INLINE_CASE_RE = re.compile(
    r"(?:trong |đối với |trừ )?trường hợp [^.;]+|khi (?:làm|thực hiện) thủ tục trực tiếp[^.;]*"
    r"|khi nộp hồ sơ trực tiếp[^.;]*",
    re.IGNORECASE,
)
# Cases that do not make a paper conditional: "Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì
# nộp …" (an alternative to the same paper), "trường hợp … bằng tiếng nước ngoài thì gửi kèm bản dịch"
# (how to present it).
_ALTERNATIVE_RE = re.compile(
    r"^(?:trong\s+)?(?:truong\s+hop|neu)\s+khong\s+(?:co|the\s+co)\b|tieng\s+nuoc\s+ngoai|ban\s+dich"
)
# Cases about the way of submitting: "(nếu … nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua bưu
# chính)" is not asked of an online applicant; "(…, nếu … trực tuyến)" only of an online one.
_OFFLINE_RE = re.compile(r"truc\s+tiep|buu\s+chinh")
_ONLINE_RE = re.compile(r"truc\s+tuyen|moi\s+truong\s+dien\s+tu|cong\s+dich\s+vu\s+cong")
ONLINE_CHANNELS = ["online_partial", "online_full"]


def _strip_enumerator(text: str) -> str:
    return _ENUMERATOR_RE.sub("", text.strip(), count=1).strip()


def _case_clause(text: str) -> str:
    """ "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản …" → "Trường hợp trẻ em bị bỏ rơi"."""
    clause = re.split(
        r"\s+thì\s+|:\s|,?\s+(?:phải|cần)\s+(?:có|nộp|gửi|kèm|xuất)|,\s*(?:nộp|kèm)\s",
        text,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    return clause.strip(" .;,:")[:500]


def _channel_rule(condition: str) -> dict[str, Any] | None:
    """A case that only says how the papers are sent (at the desk, by post, online) decides itself."""
    folded = fold(condition)
    offline, online = bool(_OFFLINE_RE.search(folded)), bool(_ONLINE_RE.search(folded))
    if offline and not online:
        kinds = ["post"] if "buu chinh" in folded and "truc tiep" not in folded else ["counter", "post"]
        if "truc tiep" in folded and "buu chinh" not in folded:
            kinds = ["counter"]
        return {"channel": kinds}
    if online and not offline:
        return {"channel": ONLINE_CHANNELS}
    return None


def _inner_case(text: str) -> str:
    """The case stated inside a paper's name, "" when there is none (or only an alternative)."""
    found = _PAREN_CASE_RE.search(text)
    if found is not None:
        return found["cond"]
    for match in _INLINE_CASE_RE.finditer(text):
        if not _ALTERNATIVE_RE.search(fold(match.group(0))):
            return match.group(0)
    return ""


def classify_paper(name: str, *, group: str = "", originals: int = 0, copies: int = 0) -> PaperClass:
    """The kind of one row and, for a paper, whether it is mandatory, conditional or optional."""
    text = _strip_enumerator(name)
    folded = fold(text)
    group_folded = fold(_strip_enumerator(group.lstrip("*").strip()))
    nothing_to_hand_in = originals == 0 and copies == 0
    starts_with_document = bool(_DOCUMENT_START_RE.match(folded))
    starts_with_case = bool(_CASE_START_RE.match(folded))
    demands = bool(_DEMANDS_RE.search(folded))

    # Notes first. A group the ministry titled "Lưu ý" holds guidance, whatever its rows say.
    if _NOTE_GROUP_RE.match(group_folded):
        return PaperClass(NOTE, MANDATORY, rule="note-group")
    # "Lưu ý: …", "Số lượng hồ sơ: 01 bộ", "Người có yêu cầu … các giấy tờ sau:": never a paper.
    if _NOTE_LABEL_RE.match(folded):
        return PaperClass(NOTE, MANDATORY, rule="note-label")
    if _NOTE_START_RE.match(folded) and not starts_with_document:
        return PaperClass(NOTE, MANDATORY, rule="note-start")
    # What the receiving officer must do is not something the applicant brings.
    if _DESK_DUTY_RE.search(folded) and not (starts_with_document and not nothing_to_hand_in):
        return PaperClass(NOTE, MANDATORY, rule="desk-duty")
    # Rules on other papers (legalisation, translations) apply to the papers listed, not a paper.
    if _PAPER_RULE_RE.search(folded):
        return PaperClass(NOTE, MANDATORY, rule="paper-rule")
    # A heading over the rows that follow ("… các giấy tờ sau:") with nothing to hand in itself.
    if text.rstrip().endswith(":") and nothing_to_hand_in:
        return PaperClass(NOTE, MANDATORY, rule="heading")
    # "Trường hợp … thì việc ủy quyền thực hiện theo quy định tại …", "… thì cơ quan … yêu cầu …": the
    # case says how the procedure goes on, not which paper to bring.
    if starts_with_case and _PROCESS_CONSEQUENCE_RE.search(folded):
        return PaperClass(NOTE, MANDATORY, rule="case-process")
    # "Trường hợp … thì không phải nộp …": an exemption, unless it goes on to ask for a paper.
    if (starts_with_case or not starts_with_document) and _EXEMPTION_RE.search(folded) and not demands:
        return PaperClass(NOTE, MANDATORY, rule="exemption")
    # A case that asks for nothing, with nothing to hand in ("Trường hợp cha, mẹ không thỏa thuận
    # được về họ … thì … được xác định theo tập quán").
    if starts_with_case and nothing_to_hand_in and not demands:
        return PaperClass(NOTE, MANDATORY, rule="case-without-paper")
    # Prose with nothing to hand in and no document named at its start.
    if nothing_to_hand_in and not starts_with_document and not starts_with_case:
        return PaperClass(NOTE, MANDATORY, rule="prose")

    # A paper. "Trường hợp … thì phải có <paper>": needed in that case only.
    if starts_with_case:
        condition = _case_clause(text)
        return PaperClass(PAPER, CONDITIONAL, condition, _channel_rule(condition), rule="case-start")
    # "(nếu có)": bring it if you have one.
    if_any = _IF_ANY_RE.search(text)
    if if_any is not None and " và " not in text[: if_any.start()]:
        return PaperClass(PAPER, OPTIONAL, "nếu có", rule="if-any")
    # "(trường hợp …)", "(nếu … trực tiếp)", "trừ trường hợp …" inside the name.
    inner = _inner_case(text)
    if inner:
        condition = inner.strip(" .;,")[:500]
        return PaperClass(PAPER, CONDITIONAL, condition, _channel_rule(condition), rule="inner-case")
    # Papers of a case group ("Trường hợp ủy quyền thực hiện thủ tục:") are needed in that case.
    if _CASE_GROUP_RE.match(group_folded):
        condition = group.strip().lstrip("*-").strip().rstrip(":").strip()[:500]
        return PaperClass(PAPER, CONDITIONAL, condition, _channel_rule(condition), rule="case-group")
    return PaperClass(PAPER, MANDATORY, rule="paper")
