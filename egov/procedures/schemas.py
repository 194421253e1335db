"""Schemas of the public procedure catalogue API (``/api/v1/procedures``)."""

from datetime import date
from typing import Literal

from ninja import Field, Schema

from egov.procedures.selectors import MAX_LIMIT

OnlineLevel = Literal["full", "partial", "none"]


class ProcedureFilter(Schema):
    q: str = Field("", max_length=200, description="words, a phrase or a national code; accents and case ignored")
    field: str | None = Field(None, max_length=100, description="field code (see /procedures/fields)")
    level: str | None = Field(None, max_length=30, description="implementing level code (see /procedures/levels)")
    agency: str | None = Field(None, max_length=35, description="code of an agency of the province that handles it")
    online: Literal["any", "full"] | None = Field(None, description="any: partly or fully online; full: full online")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="page size, at most 100")
    offset: int = Field(0, ge=0)


class FieldOut(Schema):
    code: str
    name: str


class FieldCountOut(FieldOut):
    procedure_count: int


class LevelOut(Schema):
    code: str
    name: str


class ProcessingTimeOut(Schema):
    value: float | None = Field(description="null when the catalogue gives no figure")
    unit: str = Field(description="working_day, working_hour, calendar_day, month or unspecified")
    text: str = Field(description="as published, when the figure could not be read from it")


class ProcedureListItemOut(Schema):
    code: str
    name: str
    field: FieldOut | None
    levels: list[LevelOut]
    online: OnlineLevel
    processing_time: ProcessingTimeOut | None = Field(description="of the desk channel, else the first timed one")


class ProcedureListOut(Schema):
    count: int
    items: list[ProcedureListItemOut]


class FeeOut(Schema):
    amount: str | None
    currency: str
    description: str


class ChannelOut(Schema):
    kind: Literal["counter", "post", "online_partial", "online_full"]
    processing_time: ProcessingTimeOut
    fees: list[FeeOut]
    fee_text: str
    description: str


class PaperOut(Schema):
    name: str
    group: str = Field(description="the case it belongs to, e.g. 'Trường hợp …'; empty for all cases")
    originals: int
    copies: int
    quantity_text: str
    kind: Literal["paper", "note"] = Field(description="a paper to bring, or a note shown as guidance")
    requirement: Literal["mandatory", "conditional", "optional"] = Field(
        description="for a paper: asked of everyone, only in the case `condition` states, or if the applicant has one"
    )
    is_mandatory: bool = Field(description="a paper asked of everyone (kind paper, requirement mandatory)")
    condition: str
    template_name: str
    template_url: str | None


class LegalBasisOut(Schema):
    document_number: str
    title: str


class ResultOut(Schema):
    name: str
    code: str


class AgencyOut(Schema):
    code: str
    name: str


class ProcedureOut(Schema):
    code: str
    name: str
    version: int
    valid_from: date | None
    field: FieldOut | None
    levels: list[LevelOut]
    online: OnlineLevel
    procedure_type: str
    decision_number: str
    competent_agency: str
    implementing_agency: str
    authorised_agency: str
    coordinating_agencies: str
    agencies: list[AgencyOut] = Field(description="agencies of the province that handle it")
    target_applicants: str
    submission_address: str
    steps: str
    conditions: str
    results: list[ResultOut]
    related_procedures: str
    channels: list[ChannelOut]
    papers: list[PaperOut]
    legal_bases: list[LegalBasisOut]
    has_form: bool = Field(description="whether an e-form can be filled online")
    source_url: str
