"""Turning jsonschema's errors into messages people understand, per field and in both languages."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]

from egov.procedures.eforms import messages as msg
from egov.procedures.eforms.spec import JSONDict, ui

_TYPE_MESSAGES = {
    "integer": msg.WHOLE_NUMBER,
    "number": msg.NUMBER,
    "boolean": msg.YES_NO,
    "array": msg.LIST,
    "string": msg.TEXT,
    "object": msg.NOT_A_SECTION,
}
_LIMIT_MESSAGES = {
    "maxLength": msg.MAX_LENGTH,
    "minimum": msg.MINIMUM,
    "maximum": msg.MAXIMUM,
    "exclusiveMinimum": msg.ABOVE,
    "exclusiveMaximum": msg.BELOW,
    "multipleOf": msg.MULTIPLE_OF,
    "maxItems": msg.MAX_ITEMS,
}


def _field_schema(schema: JSONDict, path: list[str]) -> JSONDict:
    node: Any = schema
    for part in path:
        node = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
    return node if isinstance(node, dict) else {}


def _is_declaration(field: JSONDict) -> bool:
    return field.get("type") == "boolean" and field.get("const") is True


def _key(path: list[str]) -> str:
    return ".".join(path) if path else "__all__"


def _limit(value: Any) -> str:
    """``1000000`` → ``1.000.000`` (Vietnamese grouping); years such as ``2026`` stay as they are."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", ".")
    return str(value)


def describe(schema: JSONDict, error: ValidationError) -> list[tuple[str, msg.Message]]:
    """``[(dotted field name, bilingual message)]`` for one jsonschema error."""
    path = [str(part) for part in error.absolute_path][:2]  # an item of a list field is the field
    keyword = error.validator
    value = error.validator_value
    if keyword in ("required", "dependentRequired"):
        instance = error.instance if isinstance(error.instance, dict) else {}
        if keyword == "required":
            names = [name for name in value if name not in instance]
        else:
            names = [
                name for key, needed in value.items() if key in instance for name in needed if name not in instance
            ]
        result = []
        for name in names:
            field = _field_schema(schema, [*path, name])
            message = msg.CONFIRM if _is_declaration(field) else msg.REQUIRED
            result.append((_key([*path, name]), msg.bilingual(message)))
        return result
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = [name for name in error.instance if name not in _field_schema(schema, path).get("properties", {})]
        return [(_key([*path, str(name)]), msg.bilingual(msg.UNKNOWN_FIELD)) for name in extra]
    field = _field_schema(schema, path)
    override = ui(field).get("errors", {}).get(keyword) if isinstance(ui(field).get("errors"), dict) else None
    if override:
        return [(_key(path), msg.bilingual(override))]
    return [(_key(path), _message(keyword, value, field, error))]


def _message(keyword: str, value: Any, field: JSONDict, error: ValidationError) -> msg.Message:
    if keyword == "type":
        expected = value if isinstance(value, str) else (value[0] if value else "string")
        return msg.bilingual(_TYPE_MESSAGES.get(expected, msg.INVALID))
    if keyword == "enum":
        return msg.bilingual(msg.CHOOSE_ONE)
    if keyword == "const":
        return msg.bilingual(msg.CONFIRM if _is_declaration(field) else msg.INVALID)
    if keyword == "format":
        cause = error.cause
        if isinstance(cause, DjangoValidationError) and cause.error_list:
            first = cause.error_list[0]
            return msg.bilingual(first.message, **(first.params or {}))
        return msg.bilingual(msg.FORMAT.get(str(value), msg.INVALID))
    if keyword == "minLength":
        return msg.bilingual(msg.REQUIRED if value <= 1 else msg.MIN_LENGTH, limit=_limit(value))
    if keyword == "minItems":
        return msg.bilingual(msg.REQUIRED if value <= 1 else msg.MIN_ITEMS, limit=_limit(value))
    if keyword == "pattern":
        return msg.bilingual(msg.PATTERN)
    if keyword == "uniqueItems":
        return msg.bilingual(msg.UNIQUE_ITEMS)
    if keyword in _LIMIT_MESSAGES:
        return msg.bilingual(_LIMIT_MESSAGES[keyword], limit=_limit(value))
    return msg.bilingual(msg.INVALID)
