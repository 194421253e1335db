"""Parse the national catalogue's flattened "Thành phần hồ sơ" table.

Flattened form (no cell separators)::

    <case title or "--">Tên giấy tờMẫu đơn, tờ khaiSố lượng<paper><paper>…<next case title>Tên giấy tờ…

and each paper is "<name><template file names, if any><quantity>" where the quantity is
"1 bản chính", "0 bản chính,1 bản sao" (one digit each: the largest seen is 7). Observed in all
2,642 records:

- names often mention quantities themselves ("Tờ khai: 01 bản chính.", "(01 bản chính)",
  "+ 01 bản sao có chứng thực …"): those have two digits with a leading zero after a space, "(" or
  ":", or are followed by ")" or a space and a lower-case word, and are not column values;
- a name ending in digits is glued to the quantity ("… ngày 24/7/20231 bản chính"): the quantity
  is the last digit;
- template files end in .doc/.docx/.pdf/… and are glued to the end of the name ("…NĐ-CP;Mẫu số
  01.docx", "…khoáng sảnMau 07 - Phu luc II.doc", several in a row "Mau46.docxMau44.docx"). The
  name/template boundary is the earliest "glue point" in the last 100 characters: after ";", ")",
  or "." followed by a letter, or a lower-case letter/digit/capital run directly followed by a
  capitalised word. Without one, the last space-separated token is taken.
"""

import itertools
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from egov.procedures.contracts import PaperData
from egov.procedures.importers.common import LOWER, UPPER
from egov.procedures.importers.paper_rules import classify_paper

HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_QUANTITY_RE = re.compile(r"(?P<run>\d+) bản chính(?:,(?P<copies>\d) bản sao)?|(?P<run_copies>\d+) bản sao")
_EXTENSIONS = r"docx|doc|pdf|xlsx|xls|rar|zip|odt|rtf|DOCX|DOC|PDF|XLSX|XLS"
_TEMPLATE_END_RE = re.compile(rf"\.(?:{_EXTENSIONS})$")
_FILE_END_RE = re.compile(rf"\.(?:{_EXTENSIONS})(?![a-z])")  # "Mau46.docxMau44.docx": two files
_GLUE_RE = re.compile(
    r"(?<=[;)])(?=[^\W_])"  # "…NĐ-CP;Mẫu số 01", "…(bản chính)Mẫu"
    r"|(?<=\.)(?=[^\W\d_])"  # "…bổ sung).Phlcs03", but not "2.7.2025"
    rf"|(?<=[{LOWER}0-9])(?=[{UPPER}][{LOWER}])"  # "…khoáng sảnMau 07", "…2026Mẫu số 03"
    rf"|(?<=[{UPPER}])(?=[{UPPER}][{LOWER}])"  # "…NĐ-CPMus06"
    rf"|(?<=[{LOWER}])(?=[{UPPER}]{{2}})"  # "…theo mẫuTK 1.010702"
)
_WINDOW = 150


def parse_papers(text: str) -> tuple[list[PaperData], list[str]]:
    """The required papers of one record, in order, with their case ("Trường hợp …") as ``group``."""
    text = text.strip()
    if HEADER not in text:
        stripped = text.strip("- \n")
        return [], ([_("papers table not found in “%(text)s”") % {"text": stripped[:80]}] if stripped else [])
    parts = text.split(HEADER)
    group = _group_title(parts[0])
    papers: list[PaperData] = []
    warnings: list[str] = []
    for index, part in enumerate(parts[1:], start=1):
        is_last = index == len(parts) - 1
        chunks, tail = _chunks(part)
        for name_part, originals, copies, quantity_text in chunks:
            paper = _paper(name_part, originals, copies, quantity_text, group, order=len(papers))
            if paper is None:
                warnings.append(_("paper without a name before “%(quantity)s”") % {"quantity": quantity_text})
            else:
                papers.append(paper)
        if is_last:
            if tail.strip(" -\n\t"):
                warnings.append(_("text after the last paper ignored: “%(text)s”") % {"text": tail.strip()[:80]})
        else:
            group = _group_title(tail)
    return papers, warnings


def _group_title(text: str) -> str:
    title = text.strip().strip("-").strip()
    return title[:500]


def _chunks(part: str) -> tuple[list[tuple[str, int, int, str]], str]:
    chunks: list[tuple[str, int, int, str]] = []
    start = 0
    for match in _QUANTITY_RE.finditer(part):
        if match.start() < start or _mentioned_in_name(part, match):
            continue
        run = match["run"] or match["run_copies"]
        digit_at = match.start() + len(run) - 1  # the quantity is the last digit of the run
        if match["run"] is not None:
            originals, copies = int(run[-1]), int(match["copies"] or 0)
        else:
            originals, copies = 0, int(run[-1])
        chunks.append((part[start:digit_at], originals, copies, part[digit_at : match.end()]))
        start = match.end()
    return chunks, part[start:]


def _mentioned_in_name(part: str, match: re.Match[str]) -> bool:
    run = match["run"] or match["run_copies"]
    before = part[match.start() - 1] if match.start() > 0 else ""
    after = part[match.end() : match.end() + 2]
    if len(run) == 2 and run.startswith("0") and (before == "" or before in " (:\t\n+-"):
        return True
    if after.startswith(")"):
        return True
    return bool(re.match(rf"[ ,;] ?[{LOWER}]", after))


def _paper(
    name_part: str, originals: int, copies: int, quantity_text: str, group: str, *, order: int
) -> PaperData | None:
    name, template = _split_template(name_part.strip())
    name = " ".join(re.sub(r"^[\s+\-*•\uf0fc\uf0d8]+", "", name).split()).rstrip(" ;")
    if not name:
        if not template:
            return None
        name = template
    found = classify_paper(name, group=group, originals=originals, copies=copies)
    return PaperData(
        name=name,
        originals=originals,
        copies=copies,
        quantity_text=quantity_text,
        kind=found.kind,
        requirement=found.requirement,
        condition=found.condition[:2000],
        condition_rule=found.condition_rule,
        group=group,
        template_name=template,
    )


def _split_template(text: str) -> tuple[str, str]:
    """ "Đơn … NĐ-CP;Mẫu số 01.docx" → ("Đơn … NĐ-CP;", "Mẫu số 01.docx"); several files → joined by ", "."""
    if not _TEMPLATE_END_RE.search(text):
        return text, ""
    ends = [m.end() for m in _FILE_END_RE.finditer(text)]
    # The templates are the trailing run of file names: walk back over consecutive ones.
    run_ends = [ends[-1]]
    for end in reversed(ends[:-1]):
        if run_ends[0] - end <= _WINDOW and _looks_like_file_name(text[end : run_ends[0]]):
            run_ends.insert(0, end)
        else:
            break
    first_end = run_ends[0]
    start = _template_start(text, first_end)
    files = [text[start:first_end]]
    files += [text[a:b] for a, b in itertools.pairwise(run_ends)]
    return text[:start], _fit(f.strip() for f in files if f.strip())


def _fit(files: Iterator[str], limit: int = 255) -> str:
    """Whole file names joined by ", ", as many as the template column holds."""
    joined = ""
    for name in files:
        candidate = f"{joined}, {name}" if joined else name
        if len(candidate) > limit:
            break
        joined = candidate
    return joined


def _looks_like_file_name(text: str) -> bool:
    return bool(text.strip()) and len(text) <= _WINDOW and "\n" not in text and not re.search(r"[;:]\s", text)


def _template_start(text: str, end: int) -> int:
    window_start = max(0, end - _WINDOW)
    extension = text.rfind(".", window_start, end)
    for match in _GLUE_RE.finditer(text, window_start, extension):
        if match.start() >= 3:  # leave a name
            return match.start()
    space = text.rfind(" ", window_start, extension)
    return space + 1 if space >= 0 else window_start
