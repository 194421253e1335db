"""The catalogue's data as the write path sees it: the content hash of a ``ProcedureData`` and the
``ProcedureData`` a stored version says (to edit it, to merge a list row into it, to audit a change).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData, LegalBasisData, PaperData, ProcedureData
from egov.procedures.models import ProcedureVersion


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


_DATA_FIELDS = tuple(item.name for item in dataclass_fields(ProcedureData))
_CHANNEL_FIELDS = tuple(item.name for item in dataclass_fields(ChannelData))
_PAPER_FIELDS = tuple(item.name for item in dataclass_fields(PaperData))
_BASIS_FIELDS = tuple(item.name for item in dataclass_fields(LegalBasisData))


def canonical_payload(data: ProcedureData) -> dict[str, Any]:
    """``data`` as plain JSON-able values (sets sorted). Built by hand: ``asdict`` is ten times slower."""
    payload = {name: getattr(data, name) for name in _DATA_FIELDS}
    payload["code"] = data.code.strip()
    payload["level_codes"] = sorted(set(data.level_codes))
    payload["local_agency_codes"] = sorted(set(data.local_agency_codes))
    payload["channels"] = [{name: getattr(row, name) for name in _CHANNEL_FIELDS} for row in data.channels]
    payload["papers"] = [{name: getattr(row, name) for name in _PAPER_FIELDS} for row in data.papers]
    payload["legal_bases"] = [{name: getattr(row, name) for name in _BASIS_FIELDS} for row in data.legal_bases]
    return payload


def content_hash(data: ProcedureData) -> str:
    """SHA-256 of the canonical JSON of ``data`` (sets sorted, decimals normalised: 5 == 5.00)."""
    text = json.dumps(
        canonical_payload(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default
    )
    return hashlib.sha256(text.encode()).hexdigest()


def changed_keys(old: ProcedureData, new: ProcedureData) -> list[str]:
    before, after = canonical_payload(old), canonical_payload(new)
    return sorted(key for key in after if before.get(key) != after[key])


def version_queryset() -> models.QuerySet[ProcedureVersion]:
    """Versions with everything ``procedure_data_from_version`` reads."""
    return ProcedureVersion.objects.select_related("field", "procedure").prefetch_related(
        "channels", "papers", "legal_bases", "levels", "local_agencies"
    )


def procedure_data_from_version(version: ProcedureVersion) -> ProcedureData:
    """What a stored version says, as the write path's input (to edit it or to add to it).

    ``valid_from`` is left empty: a version made from this data starts on the day it is saved.
    """
    channels = sorted(version.channels.all(), key=lambda row: row.pk)
    papers = sorted(version.papers.all(), key=lambda row: (row.order, row.pk))
    bases = sorted(version.legal_bases.all(), key=lambda row: (row.order, row.pk))
    return ProcedureData(
        code=version.procedure.code,
        name=version.name,
        field_name=version.field.name if version.field is not None else "",
        level_codes=tuple(sorted(level.code for level in version.levels.all())),
        procedure_type=version.procedure_type,
        decision_number=version.decision_number,
        competent_agency=version.competent_agency,
        implementing_agency=version.implementing_agency,
        authorised_agency=version.authorised_agency,
        coordinating_agencies=version.coordinating_agencies,
        target_applicants=version.target_applicants,
        submission_address=version.submission_address,
        steps=version.steps,
        conditions=version.conditions,
        results=tuple(dict(result) for result in version.results),
        related_procedures=version.related_procedures,
        channels=tuple(
            ChannelData(
                kind=ChannelKind(row.kind),
                processing_time=row.processing_time,
                time_unit=TimeUnit(row.time_unit),
                processing_time_text=row.processing_time_text,
                fees=tuple(dict(fee) for fee in row.fees),
                fee_text=row.fee_text,
                description=row.description,
            )
            for row in channels
        ),
        papers=tuple(
            PaperData(
                name=row.name,
                originals=row.originals,
                copies=row.copies,
                quantity_text=row.quantity_text,
                condition=row.condition,
                group=row.group,
                template_name=row.template_name,
                kind=row.kind,
                requirement=row.requirement,
                condition_rule=row.condition_rule,
            )
            for row in papers
        ),
        legal_bases=tuple(LegalBasisData(document_number=row.document_number, title=row.title) for row in bases),
        form_schema=version.form_schema,
        valid_from=None,
        source=version.source,
        source_url=version.source_url,
        local_agency_codes=tuple(sorted(agency.code for agency in version.local_agencies.all())),
    )
