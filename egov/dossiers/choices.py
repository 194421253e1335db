"""Enumerations of the one-stop engine (terms of ND 118/2025/NĐ-CP and TT 03/2025/TT-VPCP)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    """Internal states; each maps to a national status code (``StatusCodeMapping``, TrangThaiHoSo)."""

    SUBMITTED = "submitted", _("Submitted online, awaiting check")
    REJECTED = "rejected", _("Not accepted")
    PROCESSING = "processing", _("Being processed")
    WAITING_SUPPLEMENT = "waiting_supplement", _("Waiting for supplementation")
    WAITING_OBLIGATION = "waiting_obligation", _("Waiting for financial obligations")
    RESOLVED = "resolved", _("Result ready")
    RETURNED = "returned", _("Result returned")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


ACTIVE_STATUSES = frozenset(
    {
        DossierStatus.PROCESSING,
        DossierStatus.WAITING_SUPPLEMENT,
        DossierStatus.WAITING_OBLIGATION,
    }
)
WAITING_STATUSES = frozenset({DossierStatus.WAITING_SUPPLEMENT, DossierStatus.WAITING_OBLIGATION})
TERMINAL_STATUSES = frozenset({DossierStatus.REJECTED, DossierStatus.RETURNED, DossierStatus.WITHDRAWN})


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class Timeliness(models.TextChoices):
    """Trước hạn / đúng hạn / quá hạn (Mẫu 06 TT 03/2025; indicator 2.1 of QĐ 766/QĐ-TTg)."""

    EARLY = "early", _("Early")
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    ORGANISATION = "organisation", _("Organisation or business")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("At the desk")
    POST = "post", _("By post")
    ONLINE = "online", _("Online")


class TaskStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    DONE = "done", _("Done")
    SENT_BACK = "sent_back", _("Sent back")
    CANCELLED = "cancelled", _("Cancelled")


class PauseKind(models.TextChoices):
    SUPPLEMENT = "supplement", _("Waiting for supplementation")
    OBLIGATION = "obligation", _("Waiting for financial obligations")


class FileKind(models.TextChoices):
    PAPER = "paper", _("Submitted paper")
    SUPPLEMENT = "supplement", _("Supplementary paper")
    WORKING = "working", _("Working file")
    RESULT = "result", _("Result")


class Action(models.TextChoices):
    """Everything that can be done to a dossier: the keys of the transition table."""

    ACCEPT = "accept", _("Accept")
    REJECT = "reject", _("Refuse to accept")
    CLAIM = "claim", _("Take the work")
    ASSIGN = "assign", _("Assign")
    FORWARD = "forward", _("Forward to the next step")
    APPROVE = "approve", _("Approve")
    SIGN = "sign", _("Sign off")
    SEND_BACK = "send_back", _("Send back to the previous step")
    REQUEST_SUPPLEMENT = "request_supplement", _("Request supplementation")
    SUPPLEMENT = "supplement", _("Receive supplementation")
    REQUEST_OBLIGATION = "request_obligation", _("Wait for financial obligations")
    FULFIL_OBLIGATION = "fulfil_obligation", _("Financial obligations fulfilled")
    REFUSE = "refuse", _("Refuse (with reasons)")
    EXTEND = "extend", _("Apologise and set a new appointment")
    WITHDRAW = "withdraw", _("Withdraw at the applicant's request")
    ATTACH_RESULT = "attach_result", _("Attach the result")
    SIGN_RESULT = "sign_result", _("Sign the result digitally")
    RETURN_RESULT = "return_result", _("Return the result")
    DRAFT_RESULT = "draft_result", _("Draft the result")
    SUBMIT_RESULT = "submit_result", _("Submit the draft result for approval")
    APPROVE_RESULT = "approve_result", _("Approve the draft result")
    RETURN_DRAFT = "return_draft", _("Return the draft with comments")
    TRANSFER_OUT = "transfer_out", _("Transfer to an agency outside the province")
    NOTE = "note", _("Add a note or file")


class ResultDraftStatus(models.TextChoices):
    """A drafted result on its way to signature (ND 30/2020/NĐ-CP Điều 10-13: drafting, approval of
    the draft by the signer, signing)."""

    DRAFT = "draft", _("Being drafted")
    SUBMITTED = "submitted", _("Waiting for approval")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved, waiting for signature")
    SIGNED = "signed", _("Signed")
    WITHDRAWN = "withdrawn", _("Replaced")
