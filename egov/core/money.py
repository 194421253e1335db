"""Amounts of money as people read them: "16.000 đồng" in Vietnamese, "16,000 dong" in English."""

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import pgettext


def format_vnd(amount: int | None) -> str:
    """Whole đồng, digits grouped by thousands in the active language's format."""
    grouped = numberformat.format(
        int(amount or 0),
        str(get_format("DECIMAL_SEPARATOR")),
        grouping=3,
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )
    return f"{grouped} {pgettext('currency', 'dong')}"
