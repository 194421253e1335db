"""The applicant's own printable documents (portal): the confirmation of an online submission.

Scoped like every read of ``applicant``: another account's dossier is "not found", never "forbidden".
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core.errors import NotFoundError
from egov.dossiers.applicant import _find
from egov.dossiers.documents import DocumentUnavailableError, render_document


@dataclass(frozen=True)
class ApplicantDocument:
    filename: str
    content: bytes


def applicant_submission_receipt(*, user: Any, code: str) -> ApplicantDocument:
    """Giấy xác nhận nộp hồ sơ trực tuyến (PDF with the tracking QR) of the applicant's online dossier;
    NotFoundError for anyone else's dossier or one that was not submitted online."""
    dossier = _find(user, code)
    try:
        pdf = render_document(dossier, "submission")
    except DocumentUnavailableError as error:
        raise NotFoundError(
            _("This dossier was not submitted online, so it has no submission confirmation."),
            code="dossier.no_submission_receipt",
        ) from error
    return ApplicantDocument(filename=f"{dossier.code}-xac-nhan-nop-truc-tuyen.pdf", content=pdf)
