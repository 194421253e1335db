"""Writes to the working-day calendar: overrides and office hours.

Every change is validated, audited (``workflow.calendar_override_*`` / ``workflow.office_hours_*``)
in the same transaction, and drops the cached calendar so deadlines use it at once.
"""

from dataclasses import asdict, dataclass
from datetime import date, time
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.identity.models import User
from egov.workflow.cache import calendar_changed
from egov.workflow.choices import OverrideBasis, OverrideKind
from egov.workflow.models import CalendarOverride, OfficeHours


@dataclass(frozen=True)
class CalendarOverrideData:
    date: date
    kind: OverrideKind
    name: str
    legal_reference: str
    basis: OverrideBasis = OverrideBasis.ANNOUNCED
    note: str = ""


@dataclass(frozen=True)
class OfficeHoursData:
    valid_from: date
    morning_start: time
    morning_end: time
    afternoon_start: time
    afternoon_end: time
    legal_reference: str = ""
    note: str = ""


def _values(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def _clean_text(data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: " ".join(value.split()) if isinstance(value, str) and key != "note" else value
        for key, value in data.items()
    }


def _save(instance: models.Model, *, conflict_message: Any, conflict_code: str) -> None:
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:  # a concurrent write took the date between validation and save
        raise ApplicationError(conflict_message, code=conflict_code, status=409) from exc


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before[key], after[key]] for key in after if before[key] != after[key]}


def _locked(model: type[models.Model], pk: int, message: Any) -> Any:
    instance = model._default_manager.select_for_update().filter(pk=pk).first()
    if instance is None:
        raise NotFoundError(message)
    return instance


# --- overrides ----------------------------------------------------------------------------------
_DATE_TAKEN = _("This date already has a calendar entry; edit that entry instead.")
_OVERRIDE_MISSING = _("This calendar entry does not exist.")


@transaction.atomic
def calendar_override_create(*, data: CalendarOverrideData, acting_user: User | None) -> CalendarOverride:
    values = _clean_text(asdict(data))
    override = CalendarOverride(**values, recorded_by=acting_user)
    _save(override, conflict_message=_DATE_TAKEN, conflict_code="calendar_date_taken")
    audit_record(actor=acting_user, action="workflow.calendar_override_create", obj=override, changes=values)
    calendar_changed()
    return override


@transaction.atomic
def calendar_override_update(
    *, override_id: int, data: CalendarOverrideData, acting_user: User | None
) -> CalendarOverride:
    override: CalendarOverride = _locked(CalendarOverride, override_id, _OVERRIDE_MISSING)
    values = _clean_text(asdict(data))
    before = _values(override, list(values))
    changes = _diff(before, values)
    if not changes:
        return override
    for key, value in values.items():
        setattr(override, key, value)
    _save(override, conflict_message=_DATE_TAKEN, conflict_code="calendar_date_taken")
    audit_record(actor=acting_user, action="workflow.calendar_override_update", obj=override, changes=changes)
    calendar_changed()
    return override


@transaction.atomic
def calendar_override_delete(*, override_id: int, acting_user: User | None) -> None:
    override: CalendarOverride = _locked(CalendarOverride, override_id, _OVERRIDE_MISSING)
    fields = [field.name for field in CalendarOverrideData.__dataclass_fields__.values()]
    audit_record(
        actor=acting_user,
        action="workflow.calendar_override_delete",
        obj=override,
        changes={"deleted": _values(override, fields)},
    )
    override.delete()
    calendar_changed()


# --- office hours -------------------------------------------------------------------------------
_PERIOD_TAKEN = _("Office hours already start on this date; edit that row instead.")
_OFFICE_HOURS_MISSING = _("These office hours do not exist.")


@transaction.atomic
def office_hours_create(*, data: OfficeHoursData, acting_user: User | None) -> OfficeHours:
    values = _clean_text(asdict(data))
    office_hours = OfficeHours(**values, recorded_by=acting_user)
    _save(office_hours, conflict_message=_PERIOD_TAKEN, conflict_code="office_hours_date_taken")
    audit_record(actor=acting_user, action="workflow.office_hours_create", obj=office_hours, changes=values)
    calendar_changed()
    return office_hours


@transaction.atomic
def office_hours_update(*, office_hours_id: int, data: OfficeHoursData, acting_user: User | None) -> OfficeHours:
    office_hours: OfficeHours = _locked(OfficeHours, office_hours_id, _OFFICE_HOURS_MISSING)
    values = _clean_text(asdict(data))
    changes = _diff(_values(office_hours, list(values)), values)
    if not changes:
        return office_hours
    for key, value in values.items():
        setattr(office_hours, key, value)
    _save(office_hours, conflict_message=_PERIOD_TAKEN, conflict_code="office_hours_date_taken")
    audit_record(actor=acting_user, action="workflow.office_hours_update", obj=office_hours, changes=changes)
    calendar_changed()
    return office_hours


@transaction.atomic
def office_hours_delete(*, office_hours_id: int, acting_user: User | None) -> None:
    office_hours: OfficeHours = _locked(OfficeHours, office_hours_id, _OFFICE_HOURS_MISSING)
    fields = [field.name for field in OfficeHoursData.__dataclass_fields__.values()]
    audit_record(
        actor=acting_user,
        action="workflow.office_hours_delete",
        obj=office_hours,
        changes={"deleted": _values(office_hours, fields)},
    )
    office_hours.delete()
    calendar_changed()
