"""Short constructors for the demo catalogue's data modules, and the demo province's agency codes."""

from decimal import Decimal
from typing import Any

from egov.organisation.demo.data import AGENCIES
from egov.organisation.models import AgencyKind
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData, LegalBasisData, PaperData

WD = TimeUnit.WORKING_DAY
WH = TimeUnit.WORKING_HOUR
DAYS = TimeUnit.CALENDAR_DAY
COUNTER = ChannelKind.COUNTER
POST = ChannelKind.POST
ONLINE_FULL = ChannelKind.ONLINE_FULL
ONLINE_PARTIAL = ChannelKind.ONLINE_PARTIAL

SOURCE = "demo"
NATIONAL_PORTAL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"

# The demo province's agencies by the organisation demo's keys (egov/organisation/demo/data.py).
AGENCY_CODES: dict[str, str] = {spec.key: spec.code for spec in AGENCIES}
COMMUNE_PCS: tuple[str, ...] = tuple(s.code for s in AGENCIES if s.kind == AgencyKind.COMMUNE_PEOPLES_COMMITTEE)
COMMUNE_CENTRES: tuple[str, ...] = tuple(
    s.code for s in AGENCIES if s.kind == AgencyKind.PUBLIC_SERVICE_CENTRE and s.unit_code != "44"
)
COMMUNES: tuple[str, ...] = COMMUNE_PCS + COMMUNE_CENTRES
PROVINCE_CENTRE = AGENCY_CODES["ttpvhcc"]


def province(*keys: str) -> tuple[str, ...]:
    """Codes of provincial agencies (by key) plus the provincial public service centre that receives for them."""
    return (*(AGENCY_CODES[key] for key in keys), PROVINCE_CENTRE)


def fee(amount: int, description: str) -> dict[str, str]:
    return {"amount": str(amount), "currency": "VND", "description": description}


def channel(
    kind: ChannelKind,
    time: str | None,
    unit: TimeUnit,
    text: str,
    *,
    fees: tuple[dict[str, Any], ...] = (),  # as ChannelData.fees (a per-copy fee carries "per": …)
    fee_text: str = "",
    description: str = "",
) -> ChannelData:
    return ChannelData(
        kind=kind,
        processing_time=Decimal(time) if time is not None else None,
        time_unit=unit,
        processing_time_text=text,
        fees=fees,
        fee_text=fee_text,
        description=description,
    )


def channels(
    kinds: tuple[ChannelKind, ...], time: str, unit: TimeUnit, text: str, **fields: object
) -> tuple[ChannelData, ...]:
    """The same time and fees through several channels."""
    return tuple(channel(kind, time, unit, text, **fields) for kind in kinds)  # type: ignore[arg-type]


def paper(
    name: str,
    quantity: str = "01 bản chính",
    *,
    originals: int = 1,
    copies: int = 0,
    mandatory: bool = True,
    condition: str = "",
    group: str = "",
    template: str = "",
    rule: dict[str, Any] | None = None,
    requirement: str = "",
) -> PaperData:
    """A paper of the demo catalogue. Not mandatory: conditional when a case is stated (asked as a
    question when applying, or decided by ``rule`` from the e-form answers), else optional; or the
    ``requirement`` given."""
    if not requirement and mandatory:
        requirement = "mandatory"
    elif not requirement:
        requirement = "conditional" if condition and not condition.lower().startswith("nếu có") else "optional"
    return PaperData(
        name=name,
        originals=originals,
        copies=copies,
        quantity_text=quantity,
        requirement=requirement,
        condition=condition,
        condition_rule=rule,
        group=group,
        template_name=template,
    )


def law(number: str, title: str) -> LegalBasisData:
    return LegalBasisData(document_number=number, title=title)


def result(name: str, code: str) -> dict[str, str]:
    return {"name": name, "code": code}
