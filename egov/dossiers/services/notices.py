"""What the engine tells people: the officer a step lands on, and the applicant.

Applicants are told of every status they care about (submitted, received or accepted, not accepted,
supplementation, financial obligations, apology and new appointment, refused, result ready, result
returned, withdrawn, payment received): the 2025 provincial one-stop regulations notify by
e-mail/SMS (rules digest §1.2, Đồng Tháp QĐ 138/2025/QĐ-UBND Điều 3), and ND 224/2026 Điều 15 asks
for status notices in real time with the agency and the times of receipt, processing and return.

Through ``notifications.facade.notify_applicant``, in the transaction of the change: to the account
when there is one (in-app), and to the e-mail address and phone number written on the dossier (a
desk-received dossier has no account), else the account's. Once per event: the key names the event
(``dossier:<code>:<kind>``; events that can happen again add what tells them apart).
"""

from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.dossiers.choices import ApplicantKind, PauseKind
from egov.dossiers.models import Dossier, DossierTask
from egov.notifications.facade import NoticeData, notify, notify_applicant

EVENT_PREFIX = "dossier:{code}:"


def staff_link(dossier: Dossier) -> str:
    return f"/staff/dossiers/{dossier.code}/"


def applicant_link(dossier: Dossier) -> str:
    """An account holder acts on their own page (supplement, pay, download, rate); anyone else
    tracks the dossier by its code."""
    if dossier.applicant_user_id is not None:
        return f"/ca-nhan/ho-so/{dossier.code}/"
    return f"/tra-cuu/{dossier.code}/"


def tell_assignee(task: DossierTask) -> None:
    if task.assignee_id is None:
        return
    with override("vi"):
        title = str(format_lazy(_("Dossier {code}: {step}"), code=task.dossier.code, step=task.name))
    notify(
        recipient_ids=[task.assignee_id],
        notice=NoticeData(
            kind="dossier.assigned",
            title=title,
            link=staff_link(task.dossier),
            dedupe_key=f"dossier-task-assigned:{task.pk}:{task.assignee_id}",
        ),
    )


def tell_applicant(dossier: Dossier, *, kind: str) -> None:
    """Tell the applicant that ``kind`` happened (a kind of ``notifications.messages.APPLICANT_KINDS``)."""
    account = dossier.applicant_user
    email = dossier.applicant_email or (account.email if account is not None else "")
    phone = dossier.applicant_phone or (account.phone if account is not None else "")
    if account is None and not email and not phone:
        return  # nobody to tell: a desk applicant who left no address
    notify_applicant(
        user_id=dossier.applicant_user_id,
        email=email,
        phone=phone,
        kind=kind,
        context=_context(dossier, kind),
        link=applicant_link(dossier),
        dedupe_key=event_key(dossier, kind),
        notice_kind=f"dossier.{kind}",
    )


def event_key(dossier: Dossier, kind: str) -> str:
    """One key per event. Most happen once in a dossier's life (the law allows one supplementation
    request and one new appointment); obligations and payments can repeat."""
    key = EVENT_PREFIX.format(code=dossier.code) + kind
    if kind == "obligation":
        return f"{key}:{dossier.version}"
    if kind == "paid":
        return f"{key}:{dossier.payment_reference}"
    return key


def _context(dossier: Dossier, kind: str) -> dict[str, Any]:
    receiving = dossier.receiving_agency
    reasons = list(dossier.reasons or [])
    if kind == "obligation":
        pause = dossier.pauses.filter(kind=PauseKind.OBLIGATION).order_by("-started_at").first()
        reasons = list(pause.reasons) if pause is not None else []
    return {
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "agency": receiving.name,
        "agency_phone": receiving.phone,
        "handling_agency": dossier.handling_agency.name,
        "applicant_name": dossier.applicant_name,
        "organisation": dossier.applicant_kind == ApplicantKind.ORGANISATION,
        "has_account": dossier.applicant_user_id is not None,
        "due": dossier.due_at,
        "received_at": dossier.received_at,
        "returned_at": dossier.returned_at,
        "finished_at": dossier.finished_at,
        "reasons": reasons,
        "extension_reason": dossier.extension_reason,
        "return_method": dossier.return_method,
        "paid_amount": _dong(dossier.paid_amount) if dossier.paid_amount else "",
        "payment_reference": dossier.payment_reference,
        "paid_at": dossier.paid_at,
    }


def _dong(amount: int) -> str:
    """8000 → "8.000" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")
