"""Public, read-only API of the procedure catalogue (mounted at ``/api/v1/procedures``).

Everyone may read it (``auth=None``): the catalogue is public information (ND 63/2010/NĐ-CP on the
control of administrative procedures requires it to be published). Rate-limited per client.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router

from egov.core.ratelimit import ninja_rate_limit
from egov.procedures.models import Channel, ImplementingLevel, Procedure, ProcedureField
from egov.procedures.schemas import (
    FieldCountOut,
    LevelOut,
    ProcedureFilter,
    ProcedureListOut,
    ProcedureOut,
)
from egov.procedures.selectors import (
    current_version_of,
    implementing_level_list,
    levels_of,
    online_level,
    primary_channel,
    procedure_field_list,
    procedure_get_public,
    procedure_search,
)

router = Router(tags=["procedures"])

RATE_WINDOW_SECONDS = 60


def _rate_limit() -> int:
    return int(getattr(settings, "PROCEDURES_API_RATE_LIMIT", 120))


@router.get("", response=ProcedureListOut, auth=None, summary="Search the procedure catalogue, best match first")
@ninja_rate_limit("procedures-api", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def search_procedures(request: HttpRequest, filters: Query[ProcedureFilter]) -> dict[str, Any]:
    result = procedure_search(
        q=filters.q,
        field_code=filters.field,
        level=filters.level,
        agency=filters.agency,
        online=filters.online,
        limit=filters.limit,
        offset=filters.offset,
    )
    return {"count": result.count, "items": [_list_item(procedure) for procedure in result.items]}


@router.get("/fields", response=list[FieldCountOut], auth=None, summary="Fields with public procedures")
@ninja_rate_limit("procedures-api", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def list_fields(request: HttpRequest) -> list[Any]:
    return list(procedure_field_list())


@router.get("/levels", response=list[LevelOut], auth=None, summary="Implementing levels in force")
@ninja_rate_limit("procedures-api", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def list_levels(request: HttpRequest) -> list[Any]:
    return [_level(level) for level in implementing_level_list()]


@router.get("/{code}", response=ProcedureOut, auth=None, summary="One procedure: its current version in full")
@ninja_rate_limit("procedures-api", limit=_rate_limit, window=RATE_WINDOW_SECONDS)
def get_procedure(request: HttpRequest, code: str) -> dict[str, Any]:
    procedure = procedure_get_public(code)
    version = current_version_of(procedure)
    return {
        "code": procedure.code,
        "name": version.name,
        "version": version.number,
        "valid_from": version.valid_from,
        "field": _field(version.field),
        "levels": [_level(level) for level in levels_of(version)],
        "online": online_level(procedure),
        "procedure_type": version.procedure_type,
        "decision_number": version.decision_number,
        "competent_agency": version.competent_agency,
        "implementing_agency": version.implementing_agency,
        "authorised_agency": version.authorised_agency,
        "coordinating_agencies": version.coordinating_agencies,
        "agencies": [{"code": agency.code, "name": agency.name} for agency in version.local_agencies.all()],
        "target_applicants": version.target_applicants,
        "submission_address": version.submission_address,
        "steps": version.steps,
        "conditions": version.conditions,
        "results": [{"name": str(r.get("name", "")), "code": str(r.get("code", ""))} for r in version.results or []],
        "related_procedures": version.related_procedures,
        "channels": [_channel(channel) for channel in version.channels.all()],
        "papers": [
            {
                "name": paper.name,
                "group": paper.group,
                "originals": paper.originals,
                "copies": paper.copies,
                "quantity_text": paper.quantity_text,
                "kind": paper.kind,
                "requirement": paper.requirement,
                "is_mandatory": paper.is_mandatory,
                "condition": paper.condition,
                "template_name": paper.template_name,
                "template_url": paper.template_file.url if paper.template_file else None,
            }
            for paper in version.papers.all()
        ],
        "legal_bases": [
            {"document_number": basis.document_number, "title": basis.title} for basis in version.legal_bases.all()
        ],
        "has_form": bool(version.form_schema),
        "source_url": version.source_url,
    }


def _list_item(procedure: Procedure) -> dict[str, Any]:
    version = current_version_of(procedure)
    channel = primary_channel(list(version.channels.all()))
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": _field(procedure.field),
        "levels": [_level(level) for level in levels_of(version)],
        "online": online_level(procedure),
        "processing_time": _processing_time(channel) if channel is not None else None,
    }


def _field(field: ProcedureField | None) -> dict[str, str] | None:
    return {"code": field.code, "name": field.name} if field is not None else None


def _level(level: ImplementingLevel) -> dict[str, str]:
    return {"code": level.code, "name": level.name}


def _processing_time(channel: Channel) -> dict[str, Any]:
    value = channel.processing_time
    return {
        "value": float(value) if value is not None else None,
        "unit": channel.time_unit,
        "text": channel.processing_time_text,
    }


def _channel(channel: Channel) -> dict[str, Any]:
    return {
        "kind": channel.kind,
        "processing_time": _processing_time(channel),
        "fees": [_fee(fee) for fee in channel.fees or []],
        "fee_text": channel.fee_text,
        "description": channel.description,
    }


def _fee(fee: dict[str, Any]) -> dict[str, Any]:
    amount = fee.get("amount")
    return {
        "amount": str(Decimal(str(amount))) if amount not in (None, "") else None,
        "currency": str(fee.get("currency") or "VND"),
        "description": str(fee.get("description") or ""),
    }
