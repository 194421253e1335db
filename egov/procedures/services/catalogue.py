"""The one write path of the procedure catalogue.

``procedure_save`` turns a ``ProcedureData`` into the procedure's current published version:

- a procedure is never edited in place once a version is saved: a change creates version n+1 and
  retires version n (``valid_to`` = the day it was replaced, or the day before a later start), so
  dossiers received under version n keep its rules;
- ``content_hash`` (SHA-256 of the canonical JSON of the data) equal to the current version's means
  nothing changed: nothing is written, the outcome is "unchanged";
- the procedure row's search columns are refreshed from the new version (folded name, field,
  agencies; online flags), all in one transaction, audited as ``procedures.procedure_create`` /
  ``procedures.procedure_update``.

The data is taken literally: a version says exactly what its ``ProcedureData`` says (an empty
``form_schema`` means no e-form). Importers that do not carry a field copy it from the current
version first (``procedures_import``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.core.text import fold
from egov.procedures.contracts import ProcedureData
from egov.procedures.models import ImplementingLevel, Procedure, ProcedureField, ProcedureVersion
from egov.procedures.services.catalogue_data import content_hash, procedure_data_from_version, version_queryset
from egov.procedures.services.catalogue_writer import CatalogueWriter
from egov.procedures.services.search_index import procedures_index

if TYPE_CHECKING:
    from egov.identity.models import User

__all__ = [
    "SaveResult",
    "content_hash",
    "implementing_level_save",
    "procedure_data_from_version",
    "procedure_field_rename",
    "procedure_save",
    "procedure_set_active",
    "procedure_set_form_schema",
]

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class SaveResult:
    procedure: Procedure
    version: ProcedureVersion
    outcome: Outcome


@transaction.atomic
def procedure_save(*, data: ProcedureData, acting_user: User | None) -> SaveResult:
    """Save ``data`` as the current version of procedure ``data.code`` (created if new)."""
    writer = CatalogueWriter()
    procedure = Procedure.objects.select_for_update().filter(code=data.code.strip()).first()
    current = _current_version(procedure)
    digest = content_hash(data)
    if procedure is not None and current is not None and current.content_hash == digest:
        return SaveResult(procedure=procedure, version=current, outcome="unchanged")
    prepared = writer.prepare(data, current=current)
    old_data = procedure_data_from_version(version_queryset().get(pk=current.pk)) if current is not None else None
    number = 1
    if procedure is not None:
        number = (procedure.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    try:
        with transaction.atomic():
            writer.queue(
                prepared=prepared, digest=digest, procedure=procedure, current=current, number=number, old_data=old_data
            )
            (written,) = writer.flush(acting_user=acting_user)
    except IntegrityError as exc:  # another save created the same code or version number meanwhile
        raise ApplicationError(
            _("The procedure was changed at the same time by someone else; try again."),
            code="procedure_conflict",
            status=409,
        ) from exc
    return SaveResult(
        procedure=written.procedure,
        version=written.version,
        outcome="created" if written.outcome == "created" else "updated",
    )


def _current_version(procedure: Procedure | None) -> ProcedureVersion | None:
    if procedure is None or procedure.current_version_id is None:
        return None
    return ProcedureVersion.objects.select_related("field").get(pk=procedure.current_version_id)


def _procedure_for_update(code: str) -> Procedure:
    procedure = Procedure.objects.select_for_update().filter(code=code).first()
    if procedure is None:
        raise NotFoundError(_("There is no procedure with this code."), code="procedure_not_found")
    return procedure


@transaction.atomic
def procedure_set_form_schema(
    *, code: str, schema: dict[str, Any] | None, acting_user: User | None
) -> ProcedureVersion:
    """Attach an e-form schema (checked by ``eform_schema_check``) to the procedure: a new version
    with the same content and this schema. ``None`` removes the e-form."""
    procedure = _procedure_for_update(code)
    current = _current_version(procedure)
    if current is None:
        raise ApplicationError(
            _("The procedure has no published version yet."), code="procedure_without_version", status=409
        )
    data = replace(procedure_data_from_version(current), form_schema=schema)
    return procedure_save(data=data, acting_user=acting_user).version


@transaction.atomic
def procedure_set_active(*, code: str, is_active: bool, acting_user: User | None) -> Procedure:
    """Withdraw a procedure from the public catalogue (bãi bỏ) or bring it back; versions stay."""
    procedure = _procedure_for_update(code)
    if procedure.is_active == is_active:
        return procedure
    procedure.is_active = is_active
    procedure.save(update_fields=["is_active", "updated_at"])
    procedures_index([procedure.pk])
    audit_record(
        actor=acting_user,
        action="procedures.procedure_activate" if is_active else "procedures.procedure_deactivate",
        obj=procedure,
        changes={"is_active": is_active},
    )
    return procedure


@transaction.atomic
def procedure_field_rename(*, field_id: int, name: str, acting_user: User | None) -> ProcedureField:
    """Rename a field (lĩnh vực); its code stays, procedures' search text follows the new name."""
    field = ProcedureField.objects.select_for_update().filter(pk=field_id).first()
    if field is None:
        raise NotFoundError(_("There is no such field."), code="field_not_found")
    name = " ".join(name.split())
    if not name or len(name) > 255:
        raise ApplicationError(_("A field needs a name of at most 255 characters."), code="field_name_invalid")
    if name == field.name:
        return field
    if ProcedureField.objects.filter(name=name).exclude(pk=field.pk).exists():
        raise ApplicationError(_("Another field already has this name."), code="field_name_taken", status=409)
    old_name = field.name
    field.name = name
    field.name_folded = fold(name)
    field.save(update_fields=["name", "name_folded"])
    CatalogueWriter.refresh_field_search(field)
    audit_record(
        actor=acting_user,
        action="procedures.field_rename",
        obj=field,
        changes={"name": [old_name, name]},
    )
    return field


@transaction.atomic
def implementing_level_save(
    *, code: str, name: str, valid_from: date | None, valid_to: date | None, acting_user: User | None
) -> ImplementingLevel:
    """Create or change an implementing level (cấp thực hiện). Levels are data because they change:
    the district level ended on 30/6/2025 (Luật Tổ chức chính quyền địa phương 72/2025/QH15)."""
    code, name = code.strip(), " ".join(name.split())
    level = ImplementingLevel.objects.select_for_update().filter(code=code).first()
    before = {"name": level.name, "valid_from": level.valid_from, "valid_to": level.valid_to} if level else None
    level = level or ImplementingLevel(code=code)
    level.name, level.valid_from, level.valid_to = name, valid_from, valid_to
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ApplicationError(_("A level cannot end before it starts."), code="level_dates_invalid")
    try:
        level.full_clean()
    except ValidationError as exc:
        raise ApplicationError(
            _("The implementing level is not valid."), code="level_invalid", fields=exc.message_dict
        ) from exc
    after = {"name": name, "valid_from": valid_from, "valid_to": valid_to}
    if before == after:
        return level
    level.save()
    audit_record(
        actor=acting_user,
        action="procedures.level_create" if before is None else "procedures.level_update",
        obj=level,
        changes={key: [None if before is None else before[key], value] for key, value in after.items()},
    )
    return level
