"""The receipt of an online payment ("Biên lai thu phí, lệ phí điện tử"), as a page and as a PDF.

It carries what a receipt for fees and charges states (ND 123/2020/NĐ-CP on invoices and
receipts, as amended by ND 70/2025/NĐ-CP): the collecting unit, the receipt number, the payer,
each fee with its amount, the total in figures and in words, the date, and how it was paid (the
gateway, bank and transaction number that prove it). The PDF is set like the one-stop forms
(ND 30/2020/NĐ-CP presentation: A4, Times New Roman-metric serif).
"""

import functools
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from egov.payments.models import Payment
from egov.payments.words import amount_in_words, vnd

_CSS_PATH = Path(__file__).resolve().parent / "templates" / "payments" / "pdf" / "receipt.css"
GATEWAY_LABELS = {"vnpay": "VNPAY"}


def vn_date(moment: datetime) -> str:
    """``ngày 05 tháng 01 năm 2026``, ``ngày 23 tháng 11 năm 2026`` (ND 30/2020/NĐ-CP Phụ lục I: a
    leading zero for days below 10 and for months 1 and 2 only)."""
    month = f"{moment.month:02d}" if moment.month < 3 else str(moment.month)
    return f"ngày {moment.day:02d} tháng {month} năm {moment.year}"


def receipt_context(payment: Payment) -> dict[str, Any]:
    payer = payment.payer
    paid_at = timezone.localtime(payment.paid_at) if payment.paid_at else None
    items = [
        {
            "description": item.get("description", ""),
            "unit_amount": vnd(int(item.get("unit_amount", 0))),
            "quantity": int(item.get("quantity", 0)),
            "amount": vnd(int(item.get("amount", 0))),
        }
        for item in payment.items
    ]
    return {
        "payment": payment,
        "number": payment.receipt_number,
        "reference": payment.reference,
        "collector": settings.EGOV_SITE_NAME,
        "payer_name": getattr(payer, "full_name", "") or getattr(payer, "username", "") or "",
        "payer_id_number": getattr(payer, "citizen_id", None) or "",
        "description": payment.description,
        "items": items,
        "total": vnd(int(payment.amount)),
        "total_in_words": amount_in_words(int(payment.amount)),
        "currency": payment.currency,
        "paid_at": paid_at,
        "paid_at_text": paid_at.strftime("%H:%M, %d/%m/%Y") if paid_at else "",
        "place_date": vn_date(paid_at) if paid_at else "",
        "gateway": GATEWAY_LABELS.get(payment.gateway, payment.gateway.upper()),
        "bank_code": payment.bank_code,
        "transaction": payment.gateway_transaction,
    }


@functools.cache
def _resources() -> tuple[Any, Any, Any]:
    # WeasyPrint takes seconds to import: only when the first PDF is asked for.
    from weasyprint import CSS  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols=("data",))  # a template can never make the server fetch
    stylesheet = CSS(filename=str(_CSS_PATH), font_config=fonts, url_fetcher=fetcher)
    return fonts, fetcher, stylesheet


def receipt_pdf(payment: Payment) -> bytes:
    """The receipt as a PDF, in Vietnamese (it is a financial record) whatever the payer's language."""
    with translation.override("vi"):
        html = render_to_string("payments/pdf/receipt.html", receipt_context(payment))
    from weasyprint import HTML

    fonts, fetcher, stylesheet = _resources()
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet], font_config=fonts)
    return pdf


def receipt_filename(payment: Payment) -> str:
    return f"bien-lai-{payment.receipt_number or payment.reference}.pdf"
