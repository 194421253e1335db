"""Paying and submitting a draft: the dossier is created in the one-stop engine exactly once.

Submission needs a receiving agency, a valid form, every mandatory paper and, when the procedure
charges fees, a payment confirmed by the gateway for the amount the answers give (fees of
egov.procedures.fees; the charge is paid before the dossier is received, ND 42/2022/NĐ-CP Điều 11
for full online service). A second "Nộp hồ sơ" (double click, a resent form) finds the draft
already submitted and returns it: the draft row is locked, so two requests cannot both submit.
"""

from typing import Any, cast
from uuid import UUID

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.dossiers.facade import (
    ApplicantData,
    IntakeData,
    PaperCase,
    PaymentRecord,
    ReceivedPaper,
    UploadedFile,
    dossier_submit_online,
)
from egov.payments.facade import ChargeLine, PaymentStart, payment_start
from egov.portal import selectors_apply as selectors
from egov.portal.models import Application, ApplicationStatus
from egov.portal.selectors_apply import PaperSlot, Review, short_text
from egov.portal.services.applications import ensure_citizen, lock_draft, retention_end
from egov.procedures.eforms.prefill import requester_answers
from egov.procedures.fees import FeeLine, FeeQuote

RETURN_METHODS = ("desk", "post", "online")  # dossiers.ReturnMethod
_RESULT_SECTIONS = ("delivery", "result")


def _charge_name(line: FeeLine) -> str:
    """The receipt's name of a line: the fee, and the applicant's case when its rate depends on one
    ("Lệ phí đăng ký kết hôn (Đăng ký lại)")."""
    return f"{line.description} ({line.condition})" if line.condition else line.description


def charge_lines(quote: FeeQuote) -> list[ChargeLine]:
    """The quote as the gateway's lines; a capped line is charged as one unit of its amount; an
    exemption (0 đồng for the applicant's case) is shown on the review page, not charged."""
    return [
        ChargeLine(_charge_name(line), line.unit_amount, line.quantity, line.amount)
        if line.amount == line.unit_amount * line.quantity
        else ChargeLine(_charge_name(line), line.amount, 1, line.amount)
        for line in quote.lines
        if line.amount > 0
    ]


@transaction.atomic
def application_pay_start(*, citizen: Any, public_id: UUID | str, return_to: str, client_ip: str) -> PaymentStart:
    """Start (or resume) paying the draft's fees at the payment gateway."""
    application = lock_draft(citizen=citizen, public_id=public_id)
    review = selectors.application_review(application)
    if review.quote is None:
        raise ApplicationError(
            _("Complete the form first: the fees depend on your answers."), code="application_form_invalid", status=409
        )
    if review.quote.total <= 0:
        raise ApplicationError(_("This application has no fee to pay."), code="application_nothing_to_pay", status=409)
    if review.is_paid:
        raise ApplicationError(_("The fees of this application are already paid."), code="application_paid", status=409)
    with override("vi"):
        description = str(
            format_lazy(_("Fees of the online application: {name}"), name=application.procedure_version.name)
        )
    return payment_start(
        purpose=selectors.payment_purpose(application),
        payer=citizen,
        lines=charge_lines(review.quote),
        description=description[:255],
        return_to=return_to,
        client_ip=client_ip,
    )


def _refuse(review: Review) -> None:
    if "agency" in review.problems:
        raise ApplicationError(
            _("Choose the agency that will receive your application."), code="application_agency_missing", status=409
        )
    if "form" in review.problems:
        raise ApplicationError(
            _("Some answers are missing or need correcting."),
            code="application_form_invalid",
            fields=review.errors,
        )
    if "papers" in review.problems:
        names = "; ".join(
            [slot.short_name for slot in review.missing_papers]
            + [_("answer “%(case)s”") % {"case": short_text(question.condition)} for question in review.unanswered]
        )
        raise ApplicationError(
            format_lazy(_("Attach the required papers first: {names}."), names=names),
            code="application_papers_missing",
            status=409,
        )
    if "payment" in review.problems:
        raise ApplicationError(
            _("Pay the fees before submitting: the application is received only once they are paid."),
            code="application_payment_due",
            status=409,
        )


def _papers(slots: list[PaperSlot]) -> tuple[tuple[ReceivedPaper, ...], tuple[UploadedFile, ...]]:
    """The papers the dossier lists (the e-form and every paper with files, as electronic copies)
    and their files; a file's ``paper_index`` is its paper's position in that list."""
    papers: list[ReceivedPaper] = []
    files: list[UploadedFile] = []
    for slot in slots:
        if not (slot.answered_by_eform or slot.files):
            continue
        index = len(papers)
        papers.append(ReceivedPaper(name=slot.paper.name, originals=0, copies=1, paper_id=slot.paper.pk))
        for item in slot.files:
            with item.file.open("rb") as stored:
                content = stored.read()
            files.append(UploadedFile(item.original_name, content, item.content_type, index))
    return tuple(papers), tuple(files)


def _return_method(cleaned: dict[str, Any]) -> str:
    for section in _RESULT_SECTIONS:
        answers = cleaned.get(section)
        method = answers.get("method") if isinstance(answers, dict) else None
        if method in RETURN_METHODS:
            return str(method)
    return "desk"


def _applicant(application: Application, review: Review) -> ApplicantData:
    """The account holder applies: name and ID number from the (verified) account, contact details
    from the form when given there."""
    citizen = application.citizen
    stated = requester_answers(selectors.form_schema_of(application), review.cleaned or {})
    return ApplicantData(
        full_name=citizen.full_name or stated.get("full_name") or citizen.get_full_name() or citizen.username,
        id_number=citizen.citizen_id or stated.get("citizen_id", ""),
        address=stated.get("address", ""),
        phone=stated.get("phone") or citizen.phone,
        email=stated.get("email") or citizen.email,
        user_id=citizen.pk,
    )


@transaction.atomic
def application_submit(*, citizen: Any, public_id: UUID | str) -> Application:
    """Submit the draft: one dossier, whatever the number of requests. Raises ApplicationError with
    the first thing still missing (agency, answers, papers, payment)."""
    ensure_citizen(citizen)
    application = selectors.application_get_for_citizen(citizen=citizen, public_id=public_id, for_update=True)
    if application.status == ApplicationStatus.SUBMITTED:
        return application
    review = selectors.application_review(application)
    _refuse(review)
    cleaned = review.cleaned or {}
    papers, files = _papers(review.papers)
    payment = review.payment if review.is_paid and review.fee_total > 0 else None
    record = (
        PaymentRecord(reference=payment.reference, amount=payment.amount, paid_at=payment.paid_at)
        if payment is not None and payment.paid_at is not None
        else None
    )
    dossier = dossier_submit_online(
        applicant_user=citizen,
        agency_id=cast(int, application.receiving_agency_id),  # _refuse checked it is chosen
        data=IntakeData(
            procedure_code=application.procedure.code,
            applicant=_applicant(application, review),
            channel=application.channel,
            subject=application.procedure_version.name,
            papers=papers,
            form_data=cleaned,
            return_method=_return_method(cleaned),
            fee_amount=review.fee_total,
            payment=record,
            paper_cases=tuple(
                PaperCase(question.condition, question.answer, tuple(paper.name for paper in question.papers))
                for question in review.questions
                if question.answer is not None  # _refuse: every case is answered by now
            ),
        ),
        files=files,
    )
    now = clock.now()
    application.status = ApplicationStatus.SUBMITTED
    application.dossier_code = dossier.code
    application.dossier_due_at = dossier.due_at
    application.submitted_at = now
    application.expires_at = retention_end(now)
    application.save(
        update_fields=["status", "dossier_code", "dossier_due_at", "submitted_at", "expires_at", "updated_at"]
    )
    audit_record(
        actor=citizen,
        action="portal.application_submit",
        obj=application,
        agency_id=application.receiving_agency_id,
        changes={
            "dossier": dossier.code,
            "procedure": application.procedure.code,
            "files": len(files),
            "fee": review.fee_total,
            "payment": record.reference if record else "",
        },
    )
    return application
