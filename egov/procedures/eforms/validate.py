"""Server-side validation of e-form data against its schema.

The data is nested JSON (``{"child": {"full_name": "…"}}``), as the API receives it; an HTML form
posts dotted names (``child.full_name``) that ``eform_data_from_post`` turns into that shape.
Errors are keyed by the dotted field name (``child.full_name``; ``__all__`` for the whole form),
each message in Vietnamese and English.
"""

import json
import re
from datetime import date
from typing import Any

from django.http import QueryDict
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.procedures.eforms import messages as msg
from egov.procedures.eforms.errors import describe
from egov.procedures.eforms.formats import FORMAT_CHECKER, normalize_text
from egov.procedures.eforms.spec import DEFAULT_MAX_LENGTH, MAX_DATA_BYTES, JSONDict
from egov.procedures.eforms.structure import FieldSpec, all_fields, fields, sections, visibility

Errors = dict[str, list[msg.Message]]
_INTEGER = re.compile(r"^[+-]?\d{1,15}$")
_NUMBER = re.compile(r"^[+-]?\d{1,15}(?:[.,]\d{1,6})?$")
_TRUE = frozenset({"true", "on", "1", "yes"})
_FALSE = frozenset({"false", "off", "0", "no"})
_IGNORED_POST_KEYS = frozenset({"csrfmiddlewaretoken"})


def eform_data_from_post(schema: JSONDict, post: QueryDict) -> JSONDict:
    """Nest the dotted names of an HTML form post; keep every value as typed (validation coerces).
    An unticked single checkbox sends nothing, so it is ``False``; unknown names are kept so that
    validation rejects them."""
    data: JSONDict = {}
    specs = {spec.path: spec for spec in all_fields(schema)}
    for key in post:
        if key in _IGNORED_POST_KEYS:
            continue
        spec = specs.get(key)
        value: Any = post.getlist(key) if spec and spec.type == "array" else post.get(key)
        section, _dot, name = key.partition(".")
        if not name:
            data[key] = value
        else:
            target = data.setdefault(section, {})
            if isinstance(target, dict):
                target[name] = value
    for spec in specs.values():
        if spec.type == "boolean" and spec.widget == "checkbox":
            data.setdefault(spec.section, {}).setdefault(spec.name, False)
    return data


def eform_validate(schema: JSONDict, data: Any) -> JSONDict:
    """Return the cleaned data (typed, normalised, hidden parts dropped) or raise ApplicationError
    (code ``eform_invalid``, 400) whose ``fields`` map each field to its bilingual messages."""
    if not isinstance(data, dict):
        raise ApplicationError(
            msg.DATA_NOT_OBJECT, code="eform_invalid", fields={"__all__": [msg.bilingual(msg.DATA_NOT_OBJECT)]}
        )
    try:
        size = len(json.dumps(data, ensure_ascii=False, default=str).encode())
    except (TypeError, ValueError):
        size = MAX_DATA_BYTES + 1
    if size > MAX_DATA_BYTES:
        raise ApplicationError(msg.DATA_TOO_LARGE, code="eform_too_large", status=413)
    errors: Errors = {}
    cleaned = _clean(schema, data, errors)
    shown = visibility(schema, cleaned)
    for name in shown.hidden_sections:
        cleaned.pop(name, None)
    for path in shown.hidden_fields:
        section, field = path.split(".", 1)
        if isinstance(cleaned.get(section), dict):
            cleaned[section].pop(field, None)
    validator = Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    for error in validator.iter_errors(cleaned):
        for path, message in describe(schema, error):
            _add(errors, path, message)
    _check_hints(schema, cleaned, errors)
    if errors:
        order = {spec.path: index for index, spec in enumerate(all_fields(schema))}
        ordered = dict(sorted(errors.items(), key=lambda item: order.get(item[0], -1)))
        raise ApplicationError(msg.FORM_INVALID, code="eform_invalid", status=400, fields=ordered)
    return cleaned


def _add(errors: Errors, path: str, message: msg.Message) -> None:
    bucket = errors.setdefault(path, [])
    if message not in bucket:
        bucket.append(message)


def _clean(schema: JSONDict, data: JSONDict, errors: Errors) -> JSONDict:
    """Typed and normalised copy of the known fields; unknown names become errors. Every section is
    present (``{}`` when empty), so a missing field is reported as that field, not its section."""
    cleaned: JSONDict = {}
    known_sections = dict(sections(schema))
    for key in data:
        if key not in known_sections:
            _add(errors, str(key), msg.bilingual(msg.UNKNOWN_FIELD))
    for name, section_schema in known_sections.items():
        raw = data.get(name, {})
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            _add(errors, name, msg.bilingual(msg.NOT_A_SECTION))
            continue
        specs = {spec.name: spec for spec in fields(section_schema, name)}
        values: JSONDict = {}
        for key, value in raw.items():
            spec = specs.get(key)
            if spec is None:
                _add(errors, f"{name}.{key}", msg.bilingual(msg.UNKNOWN_FIELD))
                continue
            coerced = _coerce(spec, value)
            if coerced is not None:
                values[key] = coerced
        cleaned[name] = values
    return cleaned


def _coerce(spec: FieldSpec, value: Any) -> Any:
    """Strings from a form become the field's type when they can; empty means absent."""
    if isinstance(value, str):
        value = normalize_text(value, format_name=spec.format, multiline=spec.widget == "textarea")
        if value == "":
            return None
        if spec.type == "integer" and _INTEGER.match(value):
            return int(value)
        if spec.type == "number" and _NUMBER.match(value):
            number = float(value.replace(",", "."))
            return int(number) if number.is_integer() else number
        if spec.type == "boolean" and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE
        if spec.type == "array":
            return [value]
        if spec.type == "string" and "maxLength" not in spec.schema and len(value) > DEFAULT_MAX_LENGTH:
            return value[: DEFAULT_MAX_LENGTH + 1]  # reported as too long below, without keeping megabytes
        return value
    if isinstance(value, float) and spec.type == "integer" and value.is_integer():
        return int(value)
    if isinstance(value, list) and spec.type == "array":
        items = [
            normalize_text(item, format_name=None, multiline=False) if isinstance(item, str) else item for item in value
        ]
        return [item for item in items if item != ""] or None
    return value


def _check_hints(schema: JSONDict, cleaned: JSONDict, errors: Errors) -> None:
    """Checks JSON Schema cannot say: default length bound, dates not in the future, minimum age."""
    today = clock.today()
    for spec in all_fields(schema):
        value = cleaned.get(spec.section, {}).get(spec.name) if isinstance(cleaned.get(spec.section), dict) else None
        if value is None or spec.path in errors:
            continue
        if (
            spec.type == "string"
            and "maxLength" not in spec.schema
            and isinstance(value, str)
            and len(value) > DEFAULT_MAX_LENGTH
        ):
            _add(errors, spec.path, msg.bilingual(msg.MAX_LENGTH, limit=DEFAULT_MAX_LENGTH))
            continue
        hints = spec.hints
        if hints.get("not_future"):
            if spec.type == "integer" and isinstance(value, int) and value > today.year:
                _add(errors, spec.path, msg.bilingual(msg.FUTURE_YEAR))
            elif isinstance(value, str) and date.fromisoformat(value) > today:
                _add(errors, spec.path, msg.bilingual(msg.FUTURE_DATE))
        min_age = hints.get("min_age")
        if isinstance(min_age, int) and isinstance(value, str) and _age_on(date.fromisoformat(value), today) < min_age:
            _add(errors, spec.path, msg.bilingual(msg.MIN_AGE, limit=min_age))


def _age_on(born: date, today: date) -> int:
    """Whole years completed ("đủ … tuổi"): a birthday on 29 February counts from 1 March."""
    years = today.year - born.year
    return years - 1 if (today.month, today.day) < (born.month, born.day) else years
