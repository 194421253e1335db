"""Load the demo catalogue: the curated procedures through ``procedure_save`` (versioned, audited),
their e-forms, their local agencies in the demo province, their internal processes and the
province's fee table (``demo/fee_rates.py``: demo rates of fees the People's Council sets).

Idempotent: a procedure whose content did not change is left alone ("unchanged"), a template
equal to the one in place is not saved again. Load the organisation demo first
(``egov.organisation.demo``) so that local agencies and agency steps can be linked; without it the
procedures and the level templates that name no agency are still loaded.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction

from egov.organisation.demo.data import AGENCIES
from egov.organisation.models import Agency, Department
from egov.procedures.choices import TimeUnit
from egov.procedures.contracts import ProcedureData
from egov.procedures.demo import (
    business,
    certification,
    civil_status,
    civil_status_records,
    construction,
    justice_defence,
    land,
    residence,
)
from egov.procedures.demo.fee_rates import provincial_fees_load_demo
from egov.procedures.demo.processes import TEMPLATES, StepSpec, TemplateSpec
from egov.procedures.eforms import eform_schema_for
from egov.procedures.models import ImplementingLevel, Procedure
from egov.procedures.process_models import ProcessTemplate
from egov.procedures.services.catalogue import procedure_save
from egov.procedures.services.process import (
    ProcessStepData,
    ProcessTemplateData,
    process_template_create,
    process_template_data,
    process_template_update,
)

DEMO_PROCEDURES: tuple[ProcedureData, ...] = (
    *civil_status.PROCEDURES,
    *civil_status_records.PROCEDURES,
    *certification.PROCEDURES,
    *residence.PROCEDURES,
    *business.PROCEDURES,
    *land.PROCEDURES,
    *construction.PROCEDURES,
    *justice_defence.PROCEDURES,
)
DEMO_CODES: tuple[str, ...] = tuple(data.code for data in DEMO_PROCEDURES)
_AGENCY_BY_KEY = {spec.key: spec.code for spec in AGENCIES}


@dataclass(frozen=True)
class CatalogueDemoSummary:
    procedures_created: int
    procedures_updated: int
    procedures_unchanged: int
    templates_created: int
    templates_updated: int
    templates_unchanged: int
    templates_skipped: int  # they name an agency of the organisation demo that is not loaded

    @property
    def changed(self) -> int:
        return self.procedures_created + self.procedures_updated + self.templates_created + self.templates_updated


def catalogue_demo_exists() -> bool:
    """Every demo procedure is in the catalogue (one query; what ``load_demo --if-empty`` checks)."""
    return Procedure.objects.filter(code__in=DEMO_CODES, current_version__isnull=False).count() == len(DEMO_CODES)


@transaction.atomic
def procedures_load_demo(acting_user: Any = None) -> CatalogueDemoSummary:
    agencies = dict(Agency.objects.filter(code__in=_AGENCY_BY_KEY.values()).values_list("code", "pk"))
    outcomes = {"created": 0, "updated": 0, "unchanged": 0}
    procedure_ids: dict[str, int] = {}
    for data in DEMO_PROCEDURES:
        saved = procedure_save(data=_with_province(data, agencies), acting_user=acting_user)
        outcomes[saved.outcome] += 1
        procedure_ids[data.code] = saved.procedure.pk
    templates = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
    levels = dict(ImplementingLevel.objects.values_list("code", "pk"))
    departments = {
        (agency_id, code): pk for agency_id, code, pk in Department.objects.values_list("agency_id", "code", "pk")
    }
    for spec in TEMPLATES:
        template = _template_data(spec, procedure_ids[spec.code], levels, agencies, departments)
        if template is None:
            templates["skipped"] += 1
            continue
        templates[_save_template(template, acting_user)] += 1
    provincial_fees_load_demo(acting_user)
    return CatalogueDemoSummary(
        procedures_created=outcomes["created"],
        procedures_updated=outcomes["updated"],
        procedures_unchanged=outcomes["unchanged"],
        templates_created=templates["created"],
        templates_updated=templates["updated"],
        templates_unchanged=templates["unchanged"],
        templates_skipped=templates["skipped"],
    )


def _with_province(data: ProcedureData, agencies: dict[str, int]) -> ProcedureData:
    """The demo data with the shipped e-form and only the local agencies that exist."""
    return replace(
        data,
        form_schema=eform_schema_for(data.code) or data.form_schema,
        local_agency_codes=tuple(code for code in data.local_agency_codes if code in agencies),
    )


def _save_template(data: ProcessTemplateData, acting_user: Any) -> str:
    current = ProcessTemplate.objects.filter(
        procedure_id=data.procedure_id,
        level=data.level_id,
        agency=data.agency_id,
        channel=data.channel,
        is_active=True,
    ).first()
    if current is None:
        process_template_create(data=data, acting_user=acting_user)
        return "created"
    if process_template_data(current) == data:
        return "unchanged"
    process_template_update(template_id=current.pk, data=data, acting_user=acting_user)
    return "updated"


def _time(value: str) -> tuple[Decimal, str]:
    unit = TimeUnit.WORKING_HOUR if value.endswith("h") else TimeUnit.WORKING_DAY
    return Decimal(value[:-1]), unit.value


def _template_data(
    spec: TemplateSpec,
    procedure_id: int,
    levels: dict[str, int],
    agencies: dict[str, int],
    departments: dict[tuple[int, str], int],
) -> ProcessTemplateData | None:
    def agency_id(key: str) -> int | None:
        return agencies.get(_AGENCY_BY_KEY[key]) if key else None

    named = [key for key in (spec.agency, *(s.agency for s in spec.steps), *(s.hand_off_to for s in spec.steps)) if key]
    if any(agency_id(key) is None for key in named):
        return None
    total, total_unit = _time(spec.total)
    return ProcessTemplateData(
        procedure_id=procedure_id,
        name=spec.name,
        total_time=total,
        total_time_unit=total_unit,
        level_id=levels[spec.level] if spec.level else None,
        agency_id=agency_id(spec.agency),
        channel=spec.channel,
        steps=tuple(
            _step_data(order, step, agency_id(step.agency), agency_id(step.hand_off_to), departments)
            for order, step in enumerate(spec.steps, start=1)
        ),
    )


def _step_data(
    order: int, step: StepSpec, agency: int | None, hand_off: int | None, departments: dict[tuple[int, str], int]
) -> ProcessStepData:
    duration, unit = _time(step.time)
    return ProcessStepData(
        order=order,
        name=step.name,
        description=step.description,
        role=step.role,
        agency_id=agency,
        department_id=departments.get((agency, step.department)) if agency and step.department else None,
        duration=duration,
        duration_unit=unit,
        actions=step.actions,
        parallel_group=step.group,
        is_hand_off=bool(step.hand_off_to),
        hand_off_agency_id=hand_off,
    )
