"""E-forms (tờ khai điện tử) of procedures: schema format, validation, rendering, shipped schemas.

The public functions other code calls::

    eform_schema_check(schema) -> None              # raises ApplicationError(code="eform_schema_invalid")
    eform_validate(schema, data) -> dict            # cleaned data, or ApplicationError(code="eform_invalid")
    eform_data_from_post(schema, request.POST) -> dict
    eform_schema_for(code) -> dict | None           # shipped schema of a national procedure code
    eform_schema_codes() -> list[str]

Templates: ``{% load eforms %}{% eform schema data errors %}`` and ``{% eform_summary schema cleaned %}``.
"""

from egov.procedures.eforms.loader import eform_schema_codes, eform_schema_for
from egov.procedures.eforms.meta import eform_schema_check
from egov.procedures.eforms.validate import eform_data_from_post, eform_validate

__all__ = ["eform_data_from_post", "eform_schema_check", "eform_schema_codes", "eform_schema_for", "eform_validate"]
