"""HTML templates → PDF with WeasyPrint, in the presentation of ND 30/2020/NĐ-CP (A4, Times New
Roman-metric serif, 13 pt body; Liberation Serif where Times New Roman is not installed).

The stylesheet and the font configuration are parsed once per process: the fonts are resolved by
fontconfig once, and a one-page form then renders in a fraction of a second. Only ``data:`` URLs
are fetched (the QR code), so a template can never make the server fetch anything.
"""

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from egov.dossiers.documents import context
from egov.dossiers.documents.control_sheet import control_sheet
from egov.dossiers.documents.kinds import DOCUMENT_KINDS, is_available
from egov.dossiers.models import Dossier

_CSS_PATH = Path(__file__).resolve().parent.parent / "templates" / "dossiers" / "pdf" / "documents.css"

BUILDERS: dict[str, Callable[[Dossier], dict[str, Any]]] = {
    "receipt": context.receipt,
    "supplement": context.supplement,
    "refusal": context.refusal,
    "apology": context.apology,
    "stop": context.stop,
    "control_sheet": control_sheet,
    "submission": context.submission,
}


class DocumentUnavailableError(LookupError):
    """The document kind does not exist, or not for the dossier in its current state."""


@functools.cache
def _resources() -> tuple[Any, Any, Any]:
    # WeasyPrint is imported on first use: importing it costs seconds, and every staff URL module
    # loads this one (the first page after start-up must not wait for it).
    from weasyprint import CSS  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fonts = FontConfiguration()
    fetcher = URLFetcher(allowed_protocols=("data",))
    stylesheet = CSS(filename=str(_CSS_PATH), font_config=fonts, url_fetcher=fetcher)
    return fonts, fetcher, stylesheet


def render_html(dossier: Dossier, kind: str) -> str:
    if kind not in DOCUMENT_KINDS or not is_available(dossier, kind):
        raise DocumentUnavailableError(kind)
    data = BUILDERS[kind](dossier)
    data["form"] = DOCUMENT_KINDS[kind].form
    with translation.override("vi"):  # legal forms are Vietnamese whatever the user's language
        return render_to_string(f"dossiers/pdf/{kind}.html", data)


def render_document(dossier: Dossier, kind: str) -> bytes:
    """The PDF of form ``kind`` for ``dossier``; ``DocumentUnavailableError`` if it does not apply now."""
    return html_to_pdf(render_html(dossier, kind))


def html_to_pdf(html: str) -> bytes:
    """An HTML document in the forms' stylesheet as a PDF (only ``data:`` URLs are fetched)."""
    from weasyprint import HTML

    fonts, fetcher, stylesheet = _resources()
    document = HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=[stylesheet], font_config=fonts)
    return pdf
