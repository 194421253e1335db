"""Where the signature images go (ND 30/2020 Phụ lục I).

- Signer (§II.7d): the signature image centred between the signer's position (ô 7a) and name (ô 7b).
  Found by reading the text of the last pages: the signer's name, then the position line above it.
- Agency seal (§II.8a): actual size, covering about a third of the signer's image on the left.
- Attachments and copies (§II.8b, Phần II §I.3, ô 14): a text stamp at the top right of page one.
"""

from dataclasses import dataclass

from pypdf import PdfReader

from egov.core.text import fold
from egov.signing.services.pdf_sign import Box

MM = 72 / 25.4
SIGNATURE_MAX_HEIGHT = 20 * MM  # taller would cover the position or name text
SIGNATURE_MAX_WIDTH = 55 * MM


@dataclass(frozen=True)
class TextLine:
    page: int
    text: str
    x: float  # start of the line
    y: float  # baseline
    size: float

    @property
    def width(self) -> float:
        return len(self.text) * self.size * 0.5  # Times-like average advance; enough to centre on


def page_lines(reader: PdfReader, page_index: int) -> list[TextLine]:
    """Text runs of a page grouped into lines (same baseline), with positions in PDF points."""
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        runs.append((round(y, 0), x, size * scale, text))

    reader.pages[page_index].extract_text(visitor_text=visit)
    lines: dict[float, list[tuple[float, float, str]]] = {}
    for y, x, size, text in runs:
        lines.setdefault(y, []).append((x, size, text))
    out = []
    for y, parts in lines.items():
        parts.sort()
        text = " ".join(t.strip() for _, _, t in parts if t.strip())
        out.append(TextLine(page_index, text, parts[0][0], y, max(s for _, s, _ in parts)))
    return sorted(out, key=lambda line: -line.y)


def _matches(line: TextLine, needle: str) -> bool:
    return bool(needle) and needle in fold(line.text)


def signer_box(reader: PdfReader, signer_name: str, aspect: float, position: str = "") -> Box | None:
    """The signature image's box, or None when the signer's name is not on the last two pages."""
    name = fold(signer_name)
    pos = fold(position)
    last = len(reader.pages) - 1
    for page in range(last, max(-1, last - 2), -1):
        lines = page_lines(reader, page)
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            if not _matches(line, name):
                continue
            above = [ln for ln in lines[:i] if ln.y - line.y < 160 and abs(_centre(ln) - _centre(line)) < 120]
            position_line = next((ln for ln in reversed(above) if _matches(ln, pos)), None) if pos else None
            if position_line is None and above:
                position_line = above[-1]
            top = (position_line.y - position_line.size * 0.3) if position_line else line.y + line.size + 30 * MM
            bottom = line.y + line.size * 1.1
            height = min(max(top - bottom - 4, 12 * MM), SIGNATURE_MAX_HEIGHT)
            width = min(height * aspect, SIGNATURE_MAX_WIDTH)
            height = width / aspect
            mid_y = (top + bottom) / 2
            cx = _centre(line)
            return Box(page, cx - width / 2, mid_y - height / 2, cx + width / 2, mid_y + height / 2)
    return None


def _centre(line: TextLine) -> float:
    return line.x + line.width / 2


def fallback_signer_box(reader: PdfReader, aspect: float) -> Box:
    """No name found: the usual signature column (right half, lower third) of the last page."""
    page = len(reader.pages) - 1
    x1, y1, x2, y2 = (float(v) for v in reader.pages[page].mediabox)
    height = 20 * MM
    width = height * aspect
    cx = x1 + (x2 - x1) * 0.70
    cy = y1 + (y2 - y1) * 0.25
    return Box(page, cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def seal_box(signer: Box, width_mm: float, height_mm: float) -> Box:
    """The seal at actual size, its right edge a third of the way into the signer's image."""
    width, height = width_mm * MM, height_mm * MM
    right = signer.x1 + signer.width / 3
    cy = (signer.y1 + signer.y2) / 2
    return Box(signer.page, right - width, cy - height / 2, right, cy + height / 2)


def text_stamp_box(reader: PdfReader, width_mm: float, height_mm: float) -> Box:
    """Top right of page one (ô 14), in the corner of the right (15-20 mm) and top (20-25 mm) margins."""
    _x1, _y1, x2, y2 = (float(v) for v in reader.pages[0].mediabox)
    right = x2 - 12 * MM
    top = y2 - 5 * MM
    return Box(0, right - width_mm * MM, top - height_mm * MM, right, top)
