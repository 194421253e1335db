"""Agencies and their legacy codes: create, change, deactivate. Every change is audited."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.organisation.access import ADD_AGENCY, CHANGE_AGENCY
from egov.organisation.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    AgencyLegacyCode,
    LegacyCodeScheme,
    UnitLevel,
)
from egov.organisation.services._common import (
    apply_changes,
    conflict,
    reject_unknown_fields,
    require,
    validate_instance,
)
from egov.organisation.validators import validate_agency_code, validate_qcvn102_code

# Name and contact details: the agency's own administrators keep them current.
AGENCY_DETAIL_FIELDS = frozenset({"name", "short_name", "email", "phone", "address"})
# The code, place in the tree, kind, territory and validity are decided by the province.
AGENCY_STRUCTURE_FIELDS = frozenset({"code", "kind", "parent_id", "administrative_unit_id", "valid_from", "valid_to"})

# A People's Committee sits at the level of its territory (Luật Tổ chức chính quyền địa phương 2025).
_KIND_UNIT_LEVEL = {
    AgencyKind.PROVINCIAL_PEOPLES_COMMITTEE: UnitLevel.PROVINCE,
    AgencyKind.PROVINCIAL_DEPARTMENT: UnitLevel.PROVINCE,
    AgencyKind.COMMUNE_PEOPLES_COMMITTEE: UnitLevel.COMMUNE,
}


@dataclass(frozen=True)
class LegacyCodeData:
    code: str
    scheme: str = LegacyCodeScheme.QCVN102
    valid_from: date | None = None
    valid_to: date | None = None


@transaction.atomic
def agency_create(
    *,
    acting_user: Any,
    code: str,
    name: str,
    kind: str,
    administrative_unit_id: int,
    parent_id: int | None = None,
    short_name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    valid_from: date | None = None,
    valid_to: date | None = None,
    legacy_codes: Sequence[LegacyCodeData] = (),
) -> Agency:
    """Create an agency; under a parent it needs ``add_agency`` there, at the top province-wide."""
    require(acting_user, ADD_AGENCY, parent_id)
    agency = Agency(
        code=validate_agency_code(code),
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        administrative_unit_id=administrative_unit_id,
        parent_id=parent_id,
        email=email.strip(),
        phone=phone.strip(),
        address=address.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _check_code_free(agency.code)
    _check_structure(agency)
    validate_instance(agency, exclude=["code"])
    _save(agency)
    codes = [_legacy_code_create(agency=agency, data=item) for item in legacy_codes]
    audit_record(
        actor=acting_user,
        action="organisation.agency_create",
        obj=agency,
        agency_id=agency.pk,
        changes={
            "code": agency.code,
            "name": agency.name,
            "kind": agency.kind,
            "parent_id": agency.parent_id,
            "administrative_unit_id": agency.administrative_unit_id,
            "legacy_codes": [item.code for item in codes],
        },
    )
    return agency


@transaction.atomic
def agency_update(*, acting_user: Any, agency_id: int, data: Mapping[str, Any]) -> Agency:
    """Change details (``change_agency``) or structure (``add_agency``); a changed code is kept as a
    legacy code, so old documents and dossier codes still resolve."""
    reject_unknown_fields(data, AGENCY_DETAIL_FIELDS | AGENCY_STRUCTURE_FIELDS)
    agency = _lock(agency_id)
    cleaned = dict(data)
    if "code" in cleaned:
        cleaned["code"] = validate_agency_code(cleaned["code"])
    for name in AGENCY_DETAIL_FIELDS & set(cleaned):
        cleaned[name] = (cleaned[name] or "").strip()
    old_code = agency.code
    changes = apply_changes(agency, cleaned)
    if not changes:
        return agency
    if set(changes) & AGENCY_STRUCTURE_FIELDS:
        require(acting_user, ADD_AGENCY, agency.pk)
    if "parent_id" in changes:
        require(acting_user, ADD_AGENCY, agency.parent_id)
    if set(changes) & AGENCY_DETAIL_FIELDS:
        require(acting_user, CHANGE_AGENCY, agency.pk)
    if "code" in changes:
        _check_code_free(agency.code, exclude_pk=agency.pk)
    _check_structure(agency)
    validate_instance(agency, exclude=["code"])
    _save(agency)
    if "code" in changes and not AgencyLegacyCode.objects.filter(code=old_code).exists():
        # QĐ 20/2020 codes are re-assigned on reorganisation; keep the old one with its end date.
        AgencyLegacyCode.objects.create(
            agency=agency, code=old_code, scheme=LegacyCodeScheme.QD20, valid_to=clock.today()
        )
    audit_record(
        actor=acting_user, action="organisation.agency_update", obj=agency, agency_id=agency.pk, changes=changes
    )
    return agency


@transaction.atomic
def agency_deactivate(*, acting_user: Any, agency_id: int, reason: str = "") -> Agency:
    """End an agency (merged, dissolved). Its active sub-agencies must be ended or moved first."""
    agency = _lock(agency_id)
    require(acting_user, ADD_AGENCY, agency.pk)
    if not agency.is_active:
        raise conflict(_("The agency is already inactive."), "agency_inactive")
    if agency.children.filter(is_active=True).exists():
        raise conflict(
            _("The agency still has active sub-agencies; deactivate or move them first."),
            "agency_has_active_children",
        )
    today = clock.today()
    changes: dict[str, Any] = {"is_active": [True, False], "reason": reason.strip()}
    agency.is_active = False
    if agency.valid_to is None or agency.valid_to > today:
        changes["valid_to"] = [agency.valid_to, today]
        agency.valid_to = today
    agency.save(update_fields=["is_active", "valid_to", "updated_at"])
    audit_record(
        actor=acting_user, action="organisation.agency_deactivate", obj=agency, agency_id=agency.pk, changes=changes
    )
    return agency


@transaction.atomic
def agency_reactivate(*, acting_user: Any, agency_id: int) -> Agency:
    agency = _lock(agency_id)
    require(acting_user, ADD_AGENCY, agency.pk)
    if agency.is_active:
        raise conflict(_("The agency is already active."), "agency_active")
    if agency.parent is not None and not agency.parent.is_active:
        raise conflict(_("The parent agency is inactive; reactivate it first."), "parent_inactive")
    changes: dict[str, Any] = {"is_active": [False, True], "valid_to": [agency.valid_to, None]}
    agency.is_active = True
    agency.valid_to = None
    agency.save(update_fields=["is_active", "valid_to", "updated_at"])
    audit_record(
        actor=acting_user, action="organisation.agency_reactivate", obj=agency, agency_id=agency.pk, changes=changes
    )
    return agency


@transaction.atomic
def agency_legacy_code_add(
    *,
    acting_user: Any,
    agency_id: int,
    code: str,
    scheme: str = LegacyCodeScheme.QCVN102,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> AgencyLegacyCode:
    agency = _lock(agency_id)
    require(acting_user, ADD_AGENCY, agency.pk)
    legacy = _legacy_code_create(
        agency=agency, data=LegacyCodeData(code=code, scheme=scheme, valid_from=valid_from, valid_to=valid_to)
    )
    audit_record(
        actor=acting_user,
        action="organisation.agency_legacy_code_add",
        obj=agency,
        agency_id=agency.pk,
        changes={"legacy_code": legacy.code, "scheme": legacy.scheme},
    )
    return legacy


@transaction.atomic
def agency_legacy_code_remove(*, acting_user: Any, agency_id: int, legacy_code_id: int) -> None:
    agency = _lock(agency_id)
    require(acting_user, ADD_AGENCY, agency.pk)
    legacy = AgencyLegacyCode.objects.filter(pk=legacy_code_id, agency=agency).first()
    if legacy is None:
        raise NotFoundError(_("Legacy agency code not found."))
    legacy.delete()
    audit_record(
        actor=acting_user,
        action="organisation.agency_legacy_code_remove",
        obj=agency,
        agency_id=agency.pk,
        changes={"legacy_code": legacy.code, "scheme": legacy.scheme},
    )


def ensure_no_parent_cycle(agency_pk: int | None, parent_id: int | None) -> None:
    """Reject a parent that is the agency itself or one of its descendants."""
    if agency_pk is None or parent_id is None:
        return
    seen: set[int] = set()
    current: int | None = parent_id
    while current is not None and current not in seen:
        if current == agency_pk:
            raise ApplicationError(
                _("An agency cannot be placed under itself or under one of its sub-agencies."),
                code="agency_parent_cycle",
                fields={"parent_id": parent_id},
            )
        seen.add(current)
        current = Agency.objects.filter(pk=current).values_list("parent_id", flat=True).first()


def _lock(agency_id: int) -> Agency:
    agency = Agency.objects.select_for_update().filter(pk=agency_id).first()
    if agency is None:
        raise NotFoundError(_("Agency not found."))
    return agency


def _check_code_free(code: str, *, exclude_pk: int | None = None) -> None:
    taken = Agency.objects.filter(code=code)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise conflict(_("Another agency already has this code."), "agency_code_taken", code=code)


def _check_structure(agency: Agency) -> None:
    unit = AdministrativeUnit.objects.filter(pk=agency.administrative_unit_id).first()
    if unit is None:
        raise ApplicationError(
            _("The administrative unit does not exist."),
            code="unit_not_found",
            fields={"administrative_unit_id": agency.administrative_unit_id},
        )
    expected_level = _KIND_UNIT_LEVEL.get(AgencyKind(agency.kind)) if agency.kind in AgencyKind.values else None
    if expected_level is not None and unit.level != expected_level:
        raise ApplicationError(
            _("This kind of agency must belong to an administrative unit of the matching level."),
            code="unit_level_mismatch",
            fields={"administrative_unit_id": agency.administrative_unit_id},
        )
    if agency.parent_id is not None:
        parent = Agency.objects.filter(pk=agency.parent_id).first()
        if parent is None:
            raise ApplicationError(
                _("The parent agency does not exist."), code="parent_not_found", fields={"parent_id": agency.parent_id}
            )
        if not parent.is_active and agency.is_active:
            raise conflict(_("The parent agency is inactive."), "parent_inactive", parent_id=agency.parent_id)
        ensure_no_parent_cycle(agency.pk, agency.parent_id)
    if agency.valid_from and agency.valid_to and agency.valid_to < agency.valid_from:
        raise ApplicationError(
            _("The end of validity cannot be before its start."), code="invalid_period", fields={"valid_to": "before"}
        )


def _save(agency: Agency) -> None:
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as exc:
        raise conflict(_("Another agency already has this code."), "agency_code_taken", code=agency.code) from exc


def _legacy_code_create(*, agency: Agency, data: LegacyCodeData) -> AgencyLegacyCode:
    if data.scheme == LegacyCodeScheme.QCVN102:
        code = validate_qcvn102_code(data.code)
    elif data.scheme == LegacyCodeScheme.QD20:
        code = validate_agency_code(data.code)
    else:
        raise ApplicationError(_("Unknown code scheme."), code="invalid_scheme", fields={"scheme": data.scheme})
    if code == agency.code:
        raise ApplicationError(_("A legacy code cannot be the agency's current code."), code="legacy_code_is_current")
    if AgencyLegacyCode.objects.filter(code=code).exists():
        raise conflict(_("This legacy code is already recorded."), "legacy_code_taken", code=code)
    if data.valid_from and data.valid_to and data.valid_to < data.valid_from:
        raise ApplicationError(
            _("The end of validity cannot be before its start."), code="invalid_period", fields={"valid_to": "before"}
        )
    legacy = AgencyLegacyCode(
        agency=agency, code=code, scheme=data.scheme, valid_from=data.valid_from, valid_to=data.valid_to
    )
    validate_instance(legacy, exclude=["code"])
    legacy.save()
    return legacy
