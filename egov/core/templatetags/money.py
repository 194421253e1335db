from django import template

from egov.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """``{{ dossier.fee_amount|vnd }}`` → "16.000 đồng"."""
    return format_vnd(amount)
