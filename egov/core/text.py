"""Vietnamese text folding for accent- and case-insensitive matching."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip diacritics; folds đ/Đ to d explicitly (NFD does not decompose it)."""
    lowered = text.replace("đ", "d").replace("Đ", "d").lower()
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.split())
