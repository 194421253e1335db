"""Plain data that crosses into the catalogue's write path (importers, demo loader, admin)."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from egov.procedures.choices import ChannelKind, TimeUnit


@dataclass(frozen=True)
class ChannelData:
    kind: ChannelKind
    processing_time: Decimal | None
    time_unit: TimeUnit
    processing_time_text: str = ""
    fees: tuple[dict[str, Any], ...] = ()  # {"amount": "25000", "currency": "VND", "description": "Lệ phí"}
    fee_text: str = ""
    description: str = ""


@dataclass(frozen=True)
class PaperData:
    """A row of "Thành phần hồ sơ" (``RequiredPaper``): ``kind`` "paper" or "note"; a paper's
    ``requirement`` is "mandatory", "conditional" (``condition`` says when; ``condition_rule``
    decides it from the e-form answers when there is a clear rule) or "optional"."""

    name: str
    originals: int = 0
    copies: int = 0
    quantity_text: str = ""
    condition: str = ""
    group: str = ""
    template_name: str = ""
    kind: str = "paper"  # PaperKind
    requirement: str = "mandatory"  # PaperRequirement
    condition_rule: dict[str, Any] | None = None

    @property
    def is_mandatory(self) -> bool:
        return self.kind == "paper" and self.requirement == "mandatory"


@dataclass(frozen=True)
class LegalBasisData:
    document_number: str
    title: str = ""


@dataclass(frozen=True)
class ProcedureData:
    """Everything a version of a procedure says. ``code`` is the national code (``1.001193``)."""

    code: str
    name: str
    field_name: str = ""
    level_codes: tuple[str, ...] = ()  # ImplementingLevel codes: province, commune, ministry, district, other
    procedure_type: str = ""
    decision_number: str = ""
    competent_agency: str = ""
    implementing_agency: str = ""
    authorised_agency: str = ""
    coordinating_agencies: str = ""
    target_applicants: str = ""
    submission_address: str = ""
    steps: str = ""
    conditions: str = ""
    results: tuple[dict[str, str], ...] = ()  # {"name": ..., "code": ...}
    related_procedures: str = ""
    channels: tuple[ChannelData, ...] = ()
    papers: tuple[PaperData, ...] = ()
    legal_bases: tuple[LegalBasisData, ...] = ()
    form_schema: dict[str, Any] | None = None
    valid_from: date | None = None
    source: str = ""
    source_url: str = ""
    local_agency_codes: tuple[str, ...] = field(default=())  # organisation.Agency codes in this province
