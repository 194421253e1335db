"""The text of an SMS: one line, short, and by default without Vietnamese diacritics.

Vietnamese with diacritics needs UCS-2, 70 characters per message; without them it fits GSM-7, 160
characters, and most brandname routes accept only unaccented content. "Hồ sơ đã được tiếp nhận"
becomes "Ho so da duoc tiep nhan", which every Vietnamese reader understands.
"""

import unicodedata

_PUNCTUATION = str.maketrans(
    {
        "đ": "d",
        "Đ": "D",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def without_diacritics(text: str) -> str:
    """ASCII text, letter case kept: "Đồng Hới" → "Dong Hoi"; what has no ASCII form is dropped."""
    decomposed = unicodedata.normalize("NFD", text.translate(_PUNCTUATION))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return stripped.encode("ascii", "ignore").decode("ascii")


def sms_text(text: str, *, link: str, ascii_only: bool, max_chars: int) -> str:
    """One line; at most ``max_chars``: a longer text is shortened before its link, which stays whole."""
    line = " ".join(text.split())
    if ascii_only:
        line = " ".join(without_diacritics(line).split())
    if len(line) <= max_chars:
        return line
    if link and line.endswith(link):
        head = line[: -len(link)].rstrip()
        room = max_chars - len(link) - 4  # "... " before the link
        if room > 10:
            return f"{head[:room].rstrip()}... {link}"
    return line[: max_chars - 3].rstrip() + "..."
