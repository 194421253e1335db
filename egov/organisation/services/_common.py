"""Small helpers shared by the organisation services."""

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.organisation import access


def validate_instance(instance: models.Model, *, exclude: Collection[str] | None = None) -> None:
    """``full_clean()``; field errors become one bilingual 400 with the messages per field."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        raise ApplicationError(_("The data is not valid."), code="invalid_input", fields=fields) from exc


def apply_changes(instance: models.Model, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set the attributes that differ and return ``{field: [old, new]}`` for the audit log."""
    changes: dict[str, list[Any]] = {}
    for name, value in data.items():
        old = getattr(instance, name)
        if old != value:
            setattr(instance, name, value)
            changes[name] = [old, value]
    return changes


def reject_unknown_fields(data: Mapping[str, Any], allowed: Collection[str]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ApplicationError(
            format_lazy(_("These fields cannot be changed here: {fields}"), fields=", ".join(unknown)),
            code="unknown_fields",
            fields=dict.fromkeys(unknown, "unknown"),
        )


def require(acting_user: Any, perm: str, agency_id: int | None) -> None:
    """Permission check of a service; ``acting_user=None`` is the system (management commands)."""
    if acting_user is None:
        return
    if agency_id is None:
        allowed = access.has_province_permission(acting_user, perm)
    else:
        allowed = access.has_permission(acting_user, perm, agency_id)
    if not allowed:
        raise PermissionDeniedError(_("You do not have permission to do this."))


def conflict(message: Any, error_code: str, /, **fields: Any) -> ApplicationError:
    """A 409: the request is valid but clashes with the current state (taken code, inactive parent…)."""
    return ApplicationError(message, code=error_code, status=409, fields=fields)
