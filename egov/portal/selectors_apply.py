"""Reads of the apply-online pages: which procedures and agencies take online applications, a
citizen's drafts (theirs only: another account's draft is "not found"), papers and the review.
"""

import hashlib
import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import NotFoundError
from egov.core.text import fold
from egov.organisation.models import Agency
from egov.payments.facade import PaymentInfo, PaymentStatus, payment_get_for
from egov.portal.catalogue import processing_time_text
from egov.portal.forms_apply import (
    AgencyOption,
    Errors,
    FormStep,
    first_step_with_errors,
    form_errors,
    typed_answers,
    visible_steps,
)
from egov.portal.models import Application, ApplicationFile, ApplicationStatus
from egov.procedures.choices import ChannelKind, PaperKind, PaperRequirement
from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import all_fields, condition_holds, lookup
from egov.procedures.eforms.summary import SectionSummary, eform_summary
from egov.procedures.fees import FeeQuote, fees_for
from egov.procedures.models import Channel, Procedure, ProcedureVersion, RequiredPaper
from egov.procedures.process_selectors import process_template_get_applicable
from egov.procedures.selectors import procedure_get_public

# Full online service first (ND 42/2022/NĐ-CP Điều 11): the citizen never has to come to the desk.
ONLINE_CHANNELS = (ChannelKind.ONLINE_FULL, ChannelKind.ONLINE_PARTIAL)
PAYMENT_PURPOSE_PREFIX = "application:"
PAID = PaymentStatus.PAID


def payment_purpose(application: Application) -> str:
    return f"{PAYMENT_PURPOSE_PREFIX}{application.public_id}"


def online_channel_of(version: ProcedureVersion) -> Channel | None:
    channels = {channel.kind: channel for channel in Channel.objects.filter(version=version)}
    return next((channels[kind] for kind in ONLINE_CHANNELS if kind in channels), None)


def receiving_agencies(*, procedure: Procedure, version: ProcedureVersion, channel: str) -> list[Agency]:
    """Agencies of the province listed for the procedure that have an approved internal process for
    the channel today. A commune's one-stop centre receives for its People's Committee (ND
    118/2025/NĐ-CP), so when both are listed only the centre is offered."""
    today = clock.today()
    listed = list(
        version.local_agencies.filter(is_active=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("name")
    )
    usable = [
        agency
        for agency in listed
        if process_template_get_applicable(procedure_id=procedure.pk, agency_id=agency.pk, channel=channel, on=today)
    ]
    parents = {
        agency.parent_id
        for agency in usable
        if agency.parent_id is not None and any(other.pk == agency.parent_id for other in usable)
    }
    return sorted((agency for agency in usable if agency.pk not in parents), key=lambda agency: fold(agency.name))


def agency_options(agencies: list[Agency]) -> list[AgencyOption]:
    return [AgencyOption(agency.pk, agency.name, agency.address) for agency in agencies]


@dataclass(frozen=True)
class ApplyTarget:
    procedure: Procedure
    version: ProcedureVersion
    channel: Channel | None  # None: the procedure cannot be submitted online
    agencies: list[Agency]

    @property
    def can_apply(self) -> bool:
        return self.channel is not None and bool(self.agencies)


def apply_target_get(*, code: str) -> ApplyTarget:
    """The public procedure ``code`` and where it can be submitted online (NotFoundError)."""
    procedure = procedure_get_public(code)
    version = procedure.current_version
    if version is None:
        raise NotFoundError(_("Procedure not found."), code="procedure_not_found")
    channel = online_channel_of(version)
    agencies = receiving_agencies(procedure=procedure, version=version, channel=channel.kind) if channel else []
    return ApplyTarget(procedure=procedure, version=version, channel=channel, agencies=agencies)


def _live(citizen: Any) -> QuerySet[Application]:
    """The citizen's drafts still kept (past ``expires_at`` a draft is as good as deleted)."""
    return Application.objects.filter(citizen=citizen, expires_at__gt=clock.now()).exclude(
        status=ApplicationStatus.ABANDONED
    )


def application_get_for_citizen(*, citizen: Any, public_id: UUID | str, for_update: bool = False) -> Application:
    """The citizen's own draft or submitted application; NotFoundError for anyone else's."""
    queryset = _live(citizen).select_related("procedure", "procedure_version", "receiving_agency")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    application = queryset.filter(public_id=public_id).first()
    if application is None:
        raise NotFoundError(_("You have no application at this address."), code="application_not_found")
    return application


def application_list_for_citizen(*, citizen: Any) -> list[Application]:
    """Drafts first (most recently changed first), then the submitted ones."""
    applications = list(_live(citizen).select_related("procedure_version", "receiving_agency"))
    return sorted(applications, key=lambda item: item.status != ApplicationStatus.DRAFT)


def open_draft_count(*, citizen: Any) -> int:
    return _live(citizen).filter(status=ApplicationStatus.DRAFT).count()


def form_schema_of(application: Application) -> JSONDict | None:
    schema = application.procedure_version.form_schema
    return schema if isinstance(schema, dict) and schema.get("properties") else None


def form_title_of(application: Application) -> str:
    schema = form_schema_of(application)
    return text_for(ui(schema).get("title")) if schema else application.procedure_version.name


def application_steps(application: Application) -> list[FormStep]:
    return visible_steps(form_schema_of(application), application.form_data)


@dataclass(frozen=True)
class PaperSlot:
    """A paper the applicant attaches: mandatory, optional, or conditional and in their case."""

    paper: RequiredPaper
    files: list[ApplicationFile]
    answered_by_eform: bool  # the declaration itself: the e-form is that paper

    @property
    def input_name(self) -> str:
        return f"paper-{self.paper.pk}"

    @property
    def is_required(self) -> bool:
        return self.paper.requirement != PaperRequirement.OPTIONAL

    @property
    def is_missing(self) -> bool:
        return self.is_required and not self.answered_by_eform and not self.files

    @property
    def short_name(self) -> str:
        """The paper's name cut at a word near 90 characters, to name it in a message."""
        return short_text(self.paper.name)


def short_text(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:(") + "…"


@dataclass(frozen=True)
class PaperQuestion:
    """A case stated for conditional papers that the e-form answers cannot decide, asked once as
    "does this apply to you?" for every paper that states it (the papers of one "Trường hợp …")."""

    key: str
    condition: str
    papers: tuple[RequiredPaper, ...]
    answer: bool | None

    @property
    def input_name(self) -> str:
        return f"case-{self.key}"


@dataclass(frozen=True)
class PaperPlan:
    """What the papers step asks of this application: the papers to attach, the questions about
    cases, and the notes of the procedure shown as guidance."""

    slots: list[PaperSlot]
    questions: list[PaperQuestion]
    notes: list[RequiredPaper]

    @property
    def unanswered(self) -> list[PaperQuestion]:
        return [question for question in self.questions if question.answer is None]

    @property
    def missing(self) -> list[PaperSlot]:
        return [slot for slot in self.slots if slot.is_missing]


_EFORM_PAPER_RE = re.compile(r"\b(?:mau\s+(?:ho\s+tich\s+)?dien\s+tu\s+tuong\s+tac|bieu\s+mau\s+dien\s+tu)\b")


def is_eform_paper(paper: RequiredPaper, schema: JSONDict | None) -> bool:
    """The paper the e-form replaces: its form or name is the e-form's title ("Tờ khai đăng ký
    khai sinh"), or it is the national portal's interactive e-form ("Mẫu hộ tịch điện tử tương tác …").
    Filling the e-form online is submitting that declaration (ND 45/2020/NĐ-CP Điều 9)."""
    if not schema:
        return False
    title = ui(schema).get("title")
    names = {fold(text_for(title, "vi")).strip(), fold(text_for(title, "en")).strip()} - {""}
    template, name = fold(paper.template_name).strip(), fold(paper.name).strip()
    if _EFORM_PAPER_RE.match(name):
        return True
    return any(template == title_name or name.startswith(title_name) for title_name in names)


def question_key(condition: str) -> str:
    """A short stable key of a case's text (the same case stated twice is asked once)."""
    return hashlib.sha256(fold(condition).encode()).hexdigest()[:12]


def _rule_holds(rule: dict[str, Any], application: Application, schema: JSONDict | None) -> bool | None:
    """Whether a paper's ``condition_rule`` holds for the application; None when it cannot tell
    (no e-form, or the field is not in it): the applicant is then asked."""
    if "channel" in rule:
        return application.channel in rule["channel"]
    if not schema or not isinstance(rule.get("field"), str):
        return None
    if rule["field"] not in {spec.path for spec in all_fields(schema)}:
        return None
    value = lookup(typed_answers(schema, application.form_data), rule["field"])
    return condition_holds(rule, value)


def application_paper_plan(application: Application) -> PaperPlan:
    """The papers step of a draft: notes apart; mandatory and optional papers; a conditional paper
    when its rule holds for the channel or the e-form answers, or when the applicant answered "yes" to
    its case (asked once per case)."""
    schema = form_schema_of(application)
    files: dict[int, list[ApplicationFile]] = {}
    for item in ApplicationFile.objects.filter(application=application).order_by("uploaded_at", "pk"):
        files.setdefault(item.paper_id, []).append(item)
    rows = list(RequiredPaper.objects.filter(version_id=application.procedure_version_id).order_by("order", "pk"))
    answers = application.paper_answers if isinstance(application.paper_answers, dict) else {}
    slots: list[PaperSlot] = []
    asked: dict[str, list[RequiredPaper]] = {}
    conditions: dict[str, str] = {}
    for paper in rows:
        if paper.kind != PaperKind.PAPER:
            continue
        applies: bool | None = True
        if paper.requirement == PaperRequirement.CONDITIONAL:
            decided = _rule_holds(paper.condition_rule, application, schema) if paper.condition_rule else None
            if decided is None:
                condition = paper.condition.strip() or paper.name
                key = question_key(condition)
                asked.setdefault(key, []).append(paper)
                conditions.setdefault(key, condition)
                answer = answers.get(key)
                applies = answer if isinstance(answer, bool) else None
            else:
                applies = decided
        if applies or files.get(paper.pk):  # a file already attached is never hidden
            slots.append(PaperSlot(paper, files.get(paper.pk, []), is_eform_paper(paper, schema)))
    questions = [
        PaperQuestion(
            key, conditions[key], tuple(papers), answers.get(key) if isinstance(answers.get(key), bool) else None
        )
        for key, papers in asked.items()
    ]
    notes = [paper for paper in rows if paper.kind == PaperKind.NOTE]
    return PaperPlan(slots=slots, questions=questions, notes=notes)


def application_papers(application: Application) -> list[PaperSlot]:
    return application_paper_plan(application).slots


def application_file_get(*, application: Application, file_id: int) -> ApplicationFile:
    found = ApplicationFile.objects.filter(application=application, pk=file_id).first()
    if found is None:
        raise NotFoundError(_("Your application has no such file."), code="application_file_not_found")
    return found


def application_payment(application: Application) -> PaymentInfo | None:
    """The paid payment of the draft if any, else its newest attempt."""
    return payment_get_for(payment_purpose(application))


def channel_of(application: Application) -> Channel | None:
    return Channel.objects.filter(version_id=application.procedure_version_id, kind=application.channel).first()


@dataclass(frozen=True)
class SectionReview:
    step: FormStep
    summary: SectionSummary | None


@dataclass(frozen=True)
class Review:
    steps: list[FormStep]
    cleaned: JSONDict | None
    errors: Errors
    first_invalid: FormStep | None
    sections: list[SectionReview]
    papers: list[PaperSlot]
    unanswered: list[PaperQuestion]  # cases of conditional papers not answered yet
    questions: list[PaperQuestion]  # every case asked, answered or not
    quote: FeeQuote | None  # None until the answers are complete (fees depend on them)
    payment: PaymentInfo | None
    processing_time: str
    needs_agency: bool
    problems: tuple[str, ...]  # what stops submission: agency, form, papers, payment

    @property
    def missing_papers(self) -> list[PaperSlot]:
        return [slot for slot in self.papers if slot.is_missing]

    @property
    def fee_total(self) -> int:
        return self.quote.total if self.quote else 0

    @property
    def is_paid(self) -> bool:
        return self.payment is not None and self.payment.status == PAID and self.payment.amount >= self.fee_total

    @property
    def payment_due(self) -> bool:
        return self.fee_total > 0 and not self.is_paid

    @property
    def ready(self) -> bool:
        return not self.problems


def application_review(application: Application) -> Review:
    """Everything the check-your-answers page shows, and what still stops submission."""
    schema = form_schema_of(application)
    steps = visible_steps(schema, application.form_data)
    cleaned, errors = form_errors(schema, application.form_data) if schema else ({}, {})
    sections = []
    for step in steps:
        summaries = eform_summary(_only(schema, step.name), cleaned or {}) if cleaned is not None and schema else []
        sections.append(SectionReview(step, summaries[0] if summaries else None))
    channel = channel_of(application)
    quote = fees_for(channel, cleaned) if cleaned is not None else None
    plan = application_paper_plan(application)
    papers = plan.slots
    payment = application_payment(application)
    total = quote.total if quote else 0
    paid = payment is not None and payment.status == PAID and payment.amount >= total
    problems = (
        *(("agency",) if application.receiving_agency_id is None else ()),
        *(("form",) if cleaned is None else ()),
        *(("papers",) if plan.missing or plan.unanswered else ()),
        *(("payment",) if total > 0 and not paid else ()),
    )
    return Review(
        steps=steps,
        cleaned=cleaned,
        errors=errors,
        first_invalid=first_step_with_errors(steps, errors),
        sections=sections,
        papers=papers,
        unanswered=plan.unanswered,
        questions=plan.questions,
        quote=quote,
        payment=payment,
        processing_time=processing_time_text(channel) if channel else "",
        needs_agency=application.receiving_agency_id is None,
        problems=problems,
    )


def _only(schema: JSONDict, name: str) -> JSONDict:
    return {**schema, "properties": {name: schema["properties"][name]}}


def application_next_stage(application: Application) -> tuple[str, int | None]:
    """Where a citizen coming back to the draft continues: the first thing not yet done."""
    if application.status == ApplicationStatus.SUBMITTED:
        return "submitted", None
    if application.receiving_agency_id is None:
        return "agency", None
    for step in application_steps(application):
        if step.name not in application.completed_sections:
            return "step", step.number
    plan = application_paper_plan(application)
    if plan.missing or plan.unanswered:
        return "papers", None
    return "review", None
