"""Reads for the e-form pages."""

from dataclasses import dataclass

from egov.procedures.eforms.spec import JSONDict
from egov.procedures.models import Procedure


@dataclass(frozen=True)
class EformPreview:
    code: str
    name: str
    version_number: int
    schema: JSONDict


def eform_preview_get(*, code: str) -> EformPreview | None:
    """The e-form of an active procedure's current version, or None when it has none."""
    procedure = Procedure.objects.select_related("current_version").filter(code=code, is_active=True).first()
    if procedure is None or procedure.current_version is None:
        return None
    schema = procedure.current_version.form_schema
    if not isinstance(schema, dict) or not schema:
        return None
    return EformPreview(
        code=procedure.code,
        name=procedure.current_version.name or procedure.name,
        version_number=procedure.current_version.number,
        schema=schema,
    )
