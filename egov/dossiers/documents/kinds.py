"""Which one-stop document exists for a dossier in which state (TT 03/2025/TT-VPCP Phụ lục I).

A kind is available when the dossier is in one of its statuses and what the document reports has
happened (e.g. a receipt needs the dossier to have been received; an apology needs an extension).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.dossiers.choices import DossierStatus, Outcome, PauseKind
from egov.dossiers.models import Dossier

S = DossierStatus
_RECEIVED = frozenset({S.PROCESSING, S.WAITING_SUPPLEMENT, S.WAITING_OBLIGATION, S.RESOLVED, S.RETURNED, S.WITHDRAWN})


def _received(dossier: Dossier) -> bool:
    return dossier.received_at is not None


def _supplement_requested(dossier: Dossier) -> bool:
    return dossier.pauses.filter(kind=PauseKind.SUPPLEMENT).exists()


def _refused(dossier: Dossier) -> bool:
    return dossier.status == S.REJECTED or dossier.outcome == Outcome.REFUSED


def _submitted_online(dossier: Dossier) -> bool:
    return dossier.channel.startswith("online") and dossier.submitted_at is not None


def _extended(dossier: Dossier) -> bool:
    return dossier.extended_at is not None and dossier.received_at is not None


@dataclass(frozen=True)
class DocumentKind:
    label: str | Promise  # for the staff UI's print buttons
    form: str  # the form of TT 03/2025/TT-VPCP Phụ lục I
    statuses: frozenset[DossierStatus]
    applies: Callable[[Dossier], bool]


DOCUMENT_KINDS: dict[str, DocumentKind] = {
    # Mẫu 01: issued at receipt; reprintable for as long as the dossier lives.
    "receipt": DocumentKind(_("Receipt and appointment slip"), "Mẫu 01", _RECEIVED, _received),
    # Mẫu 02: once a supplementation was requested (before or after acceptance), then for the record.
    "supplement": DocumentKind(_("Request to complete the dossier"), "Mẫu 02", frozenset(S), _supplement_requested),
    # Mẫu 03: not accepted at intake, or refused after examination (the refusal is the result).
    "refusal": DocumentKind(_("Refusal notice"), "Mẫu 03", frozenset({S.REJECTED, S.RESOLVED, S.RETURNED}), _refused),
    # Mẫu 04: the apology and new appointment, issued once.
    "apology": DocumentKind(_("Apology and new appointment"), "Mẫu 04", _RECEIVED, _extended),
    # Mẫu 05: the applicant withdrew (ND 118/2025/NĐ-CP Điều 21).
    "stop": DocumentKind(_("Notice of stopped processing"), "Mẫu 05", frozenset({S.WITHDRAWN}), lambda dossier: True),
    # The confirmation of an online submission, before and after the desk's receipt (Mẫu 01): what was
    # sent, when, and the code to track it (ND 45/2020/NĐ-CP Điều 11, receipt of electronic dossiers).
    "submission": DocumentKind(
        _("Online submission confirmation"), "Xác nhận nộp trực tuyến", frozenset(S), _submitted_online
    ),
    # Mẫu 06: the hand-overs of a received dossier.
    "control_sheet": DocumentKind(_("Processing control sheet"), "Mẫu 06", _RECEIVED, _received),
}


def is_available(dossier: Dossier, kind: str) -> bool:
    spec = DOCUMENT_KINDS.get(kind)
    return spec is not None and dossier.status in spec.statuses and spec.applies(dossier)


def available_documents(dossier: Dossier) -> list[str]:
    """The document kinds that can be printed for ``dossier`` now, in form order."""
    return [kind for kind in DOCUMENT_KINDS if is_available(dossier, kind)]
