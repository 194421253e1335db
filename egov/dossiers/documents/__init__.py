"""The one-stop documents of a dossier as PDF (TT 03/2025/TT-VPCP Phụ lục I, Mẫu 01 to 06)."""

from egov.dossiers.documents.kinds import DOCUMENT_KINDS, available_documents, is_available
from egov.dossiers.documents.render import DocumentUnavailableError, render_document, render_html

__all__ = [
    "DOCUMENT_KINDS",
    "DocumentUnavailableError",
    "available_documents",
    "is_available",
    "render_document",
    "render_html",
]
