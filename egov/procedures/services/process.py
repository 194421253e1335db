"""Writes of process templates (quy trình nội bộ): a template and its steps in one transaction,
validated by ``process_rules`` and audited.

Steps are kept by their order on update (changed in place, added, removed), so a step's row lives
as long as its place in the process.
"""

from dataclasses import replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.procedures.process_models import ProcessStep, ProcessTemplate
from egov.procedures.services.process_rules import (
    ProcessStepData,
    ProcessTemplateData,
    ProcessTemplateInvalidError,
    validate_template,
)

__all__ = [
    "ProcessStepData",
    "ProcessTemplateData",
    "ProcessTemplateInvalidError",
    "process_template_check",
    "process_template_create",
    "process_template_data",
    "process_template_set_active",
    "process_template_update",
]

_TEMPLATE_FIELDS = (
    "procedure_id",
    "name",
    "total_time",
    "total_time_unit",
    "level_id",
    "agency_id",
    "channel",
    "valid_from",
    "valid_to",
    "is_active",
)
_STEP_FIELDS = (
    "name",
    "description",
    "agency_id",
    "department_id",
    "role",
    "duration",
    "duration_unit",
    "parallel_group",
    "is_hand_off",
    "hand_off_agency_id",
)


def process_template_check(*, data: ProcessTemplateData, template_id: int | None = None) -> None:
    """Every check of a save without saving (the admin shows the problems next to the steps)."""
    validate_template(data)
    _ensure_no_overlap(data, exclude_id=template_id)


@transaction.atomic
def process_template_create(*, data: ProcessTemplateData, acting_user: Any) -> ProcessTemplate:
    validate_template(data)
    _ensure_no_overlap(data, exclude_id=None)
    template = ProcessTemplate(**{name: getattr(data, name) for name in _TEMPLATE_FIELDS})
    _validate_instance(template)
    template.save()
    for step in data.steps:
        _save_step(ProcessStep(template=template, order=step.order), step)
    audit_record(
        actor=acting_user,
        action="procedures.process_template_create",
        obj=template,
        agency_id=template.agency_id,
        changes=_as_changes(data),
    )
    return template


@transaction.atomic
def process_template_update(*, template_id: int, data: ProcessTemplateData, acting_user: Any) -> ProcessTemplate:
    template = ProcessTemplate.objects.select_for_update(of=("self",)).filter(pk=template_id).first()
    if template is None:
        raise NotFoundError(_("The process template does not exist."), code="process_template_not_found")
    if data.procedure_id != template.procedure_id:
        raise ApplicationError(
            _("A process template cannot move to another procedure."), code="process_template_procedure_fixed"
        )
    before = process_template_data(template)
    if before == data:
        return template
    validate_template(data)
    _ensure_no_overlap(data, exclude_id=template.pk)
    for name in _TEMPLATE_FIELDS:
        setattr(template, name, getattr(data, name))
    _validate_instance(template)
    template.save()
    existing = {step.order: step for step in template.steps.all()}
    wanted = {step.order for step in data.steps}
    ProcessStep.objects.filter(template=template).exclude(order__in=wanted).delete()
    for step in data.steps:
        _save_step(existing.get(step.order) or ProcessStep(template=template, order=step.order), step)
    audit_record(
        actor=acting_user,
        action="procedures.process_template_update",
        obj=template,
        agency_id=template.agency_id,
        changes={"before": _as_changes(before), "after": _as_changes(data)},
    )
    return template


@transaction.atomic
def process_template_set_active(*, template_id: int, is_active: bool, acting_user: Any) -> ProcessTemplate:
    """Retire a template (or bring it back); it is never deleted, dossiers may refer to it."""
    template = ProcessTemplate.objects.select_for_update(of=("self",)).filter(pk=template_id).first()
    if template is None:
        raise NotFoundError(_("The process template does not exist."), code="process_template_not_found")
    if template.is_active == is_active:
        return template
    if is_active:
        data = replace(process_template_data(template), is_active=True)
        validate_template(data)  # the procedure may have changed meanwhile
        _ensure_no_overlap(data, exclude_id=template.pk)
    template.is_active = is_active
    template.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=acting_user,
        action="procedures.process_template_activate" if is_active else "procedures.process_template_deactivate",
        obj=template,
        agency_id=template.agency_id,
        changes={"is_active": is_active},
    )
    return template


def process_template_data(template: ProcessTemplate) -> ProcessTemplateData:
    """The template as the data a save takes (to compare, copy or edit it)."""
    return ProcessTemplateData(
        **{name: getattr(template, name) for name in _TEMPLATE_FIELDS},
        steps=tuple(
            ProcessStepData(
                order=step.order,
                actions=tuple(step.actions),
                **{name: getattr(step, name) for name in _STEP_FIELDS},
            )
            for step in template.steps.order_by("order")
        ),
    )


def _save_step(step: ProcessStep, data: ProcessStepData) -> None:
    for name in _STEP_FIELDS:
        setattr(step, name, getattr(data, name))
    step.actions = list(data.actions)
    _validate_instance(step, exclude=["template"])
    step.save()


def _validate_instance(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """``full_clean()`` (a safety net behind ``process_rules``): field errors become a bilingual 400."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        raise ApplicationError(_("The data is not valid."), code="invalid_input", fields=fields) from exc


def _ensure_no_overlap(data: ProcessTemplateData, *, exclude_id: int | None) -> None:
    """One active template per procedure, level or agency, and channel at any date."""
    if not data.is_active:
        return
    scope: dict[str, Any] = {
        "level__isnull": data.level_id is None,
        "agency__isnull": data.agency_id is None,
    }
    if data.level_id is not None:
        scope["level_id"] = data.level_id
    if data.agency_id is not None:
        scope["agency_id"] = data.agency_id
    clashes = ProcessTemplate.objects.filter(
        procedure_id=data.procedure_id, channel=data.channel, is_active=True, **scope
    )
    if exclude_id is not None:
        clashes = clashes.exclude(pk=exclude_id)
    if data.valid_to is not None:
        clashes = clashes.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=data.valid_to))
    if data.valid_from is not None:
        clashes = clashes.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=data.valid_from))
    clash = clashes.first()
    if clash is not None:
        raise ApplicationError(
            format_lazy(
                _(
                    "Another active process template applies to the same procedure, scope and channel in this period: {name}."
                ),
                name=clash.name,
            ),
            code="process_template_overlap",
            status=409,
        )


def _as_changes(data: ProcessTemplateData) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else str(value) if hasattr(value, "as_tuple") else value

    return {
        **{name: plain(getattr(data, name)) for name in _TEMPLATE_FIELDS},
        "steps": [
            {
                "order": step.order,
                "actions": list(step.actions),
                **{name: plain(getattr(step, name)) for name in _STEP_FIELDS},
            }
            for step in data.steps
        ],
    }
