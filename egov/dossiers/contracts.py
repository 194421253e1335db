"""Plain data crossing into the one-stop engine's write path (API, staff UI, portal, demo loader)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from egov.dossiers.choices import ApplicantKind, ReturnMethod


@dataclass(frozen=True)
class ApplicantData:
    full_name: str
    id_number: str = ""  # số định danh cá nhân (12-digit citizen ID) or the organisation's tax/ID code
    kind: str = ApplicantKind.CITIZEN
    address: str = ""
    phone: str = ""
    email: str = ""
    user_id: int | None = None  # the citizen account, when the applicant has one


@dataclass(frozen=True)
class ReceivedPaper:
    name: str
    originals: int = 0
    copies: int = 0
    paper_id: int | None = None  # procedures.RequiredPaper, when it answers one


@dataclass(frozen=True)
class PaperCase:
    """A case of conditional papers asked as a yes/no question when applying online, and the answer:
    ``papers`` are required when it applies (``answer`` True), not needed when it does not."""

    question: str
    answer: bool
    papers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaymentRecord:
    """An online payment confirmed by the payment gateway (egov.payments), recorded on the dossier."""

    reference: str
    amount: int  # whole đồng
    paid_at: datetime


@dataclass(frozen=True)
class IntakeData:
    procedure_code: str
    applicant: ApplicantData
    channel: str = "counter"  # procedures.ChannelKind
    subject: str = ""
    papers: tuple[ReceivedPaper, ...] = ()
    form_data: dict[str, Any] = field(default_factory=dict)
    copies: int = 1
    return_method: str = ReturnMethod.DESK
    representative: dict[str, str] = field(default_factory=dict)  # who filed on the applicant's behalf
    note: str = ""
    fee_amount: int = 0  # online submissions: the fees computed from the procedure (egov.procedures.fees)
    payment: PaymentRecord | None = None  # online submissions paid before submitting
    paper_cases: tuple[PaperCase, ...] = ()  # online submissions: the answers about conditional papers


@dataclass(frozen=True)
class UploadedFile:
    name: str
    content: bytes
    content_type: str
    paper_index: int | None = None


@dataclass(frozen=True)
class ActionData:
    """The arguments of ``dossier_act``; each action reads what it needs (see the transition table)."""

    version: int | None = None  # the dossier version the actor saw (optimistic lock); None: internal call
    note: str = ""
    reasons: tuple[str, ...] = ()
    task_id: int | None = None  # which of the actor's active steps (when they hold several)
    assignee_id: int | None = None
    new_due_date: date | None = None
    return_method: str = ""
    target: str = ""  # external agency code for transfer_out
    files: tuple[UploadedFile, ...] = ()
    # request_supplement: the e-form answers questioned, ``(section.field, note for the applicant)``
    questioned: tuple[tuple[str, str], ...] = ()
    # supplement: the applicant's corrected answers, nested as the e-form posts them
    answers: dict[str, Any] = field(default_factory=dict)
    # Result drafting (draft_result, submit_result, approve_result, return_draft, sign_result).
    draft_id: int | None = None
    template_id: int | None = None  # draft_result: the result template a new draft starts from
    values: dict[str, str] = field(default_factory=dict)  # draft_result: the draft's fields
    digest: str = ""  # sign_result: SHA-256 of the PDF the signer was shown
    confirmation: str = ""  # sign_result: the signer's password, or an authenticator code when enabled
