"""Meta-validation: is a JSON document a well-formed e-form schema?

``eform_schema_check`` is called before a schema is stored on a procedure version and on every
shipped schema. It checks the JSON Schema itself (draft 2020-12), then the e-form conventions:
sections of fields, known widgets and formats, bilingual labels, conditions that refer to real
fields, and size bounds. Errors are keyed by JSON pointer into the schema.
"""

import hashlib
import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from jsonschema.exceptions import SchemaError  # type: ignore[import-untyped]

from egov.core.errors import ApplicationError
from egov.procedures.eforms.messages import bilingual
from egov.procedures.eforms.meta_fields import Report, check_field, escape
from egov.procedures.eforms.spec import (
    CONDITION_KEYS,
    CONDITION_VALUE_KEYS,
    DRAFT_2020_12,
    MAX_FIELDS,
    MAX_SCHEMA_BYTES,
    MAX_SECTIONS,
    ROOT_KEYS,
    ROOT_UI_KEYS,
    SECTION_KEYS,
    SECTION_UI_KEYS,
    JSONDict,
    ui,
)
from egov.procedures.eforms.structure import choices_for

_REFERENCE_KEYS = frozenset({"$ref", "$dynamicRef", "$recursiveRef", "$defs", "definitions", "$anchor"})


# Digests of schemas already found valid: checking is pure and costly (meta-schema validation),
# and the same schemas are saved again and again (every import round, every demo load).
_VALID_DIGESTS: set[str] = set()


def eform_schema_check(schema: Any) -> None:
    """Raise ``ApplicationError`` (code ``eform_schema_invalid``, 400) listing every problem."""
    try:
        digest = hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    except (TypeError, ValueError):
        digest = ""
    if digest and digest in _VALID_DIGESTS:
        return
    report = Report()
    _check(report, schema)
    if report.errors:
        raise ApplicationError(
            _("The e-form schema is not valid."),
            code="eform_schema_invalid",
            status=400,
            fields={
                pointer: [bilingual(message, **params) for message, params in messages]
                for pointer, messages in report.errors.items()
            },
        )
    if digest:
        _VALID_DIGESTS.add(digest)


def _check(report: Report, schema: Any) -> None:
    if not isinstance(schema, dict):
        report.add("#", _("The schema must be a JSON object."))
        return
    try:
        size = len(json.dumps(schema, ensure_ascii=False, allow_nan=False).encode())
    except (TypeError, ValueError):
        report.add("#", _("The schema must be plain JSON."))
        return
    if size > MAX_SCHEMA_BYTES:
        report.add("#", _("The schema is larger than %(limit)s kB."), limit=MAX_SCHEMA_BYTES // 1024)
        return
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        path = "".join(f"/{escape(str(part))}" for part in exc.absolute_path)
        report.add(f"#{path}", _("Not valid JSON Schema 2020-12: %(detail)s"), detail=exc.message)
        return
    _check_references(report, schema, "#")
    if report.errors:
        return
    report.unknown_keys(schema, ROOT_KEYS, "#")
    if schema.get("$schema", DRAFT_2020_12) != DRAFT_2020_12:
        report.add("#/$schema", _("Use the JSON Schema draft 2020-12 dialect."))
    if schema.get("type") != "object":
        report.add("#/type", _("The form must be of type object."))
    hints = schema.get("x-ui")
    if not isinstance(hints, dict):
        report.add("#/x-ui", _("The form needs x-ui hints with at least a title."))
    else:
        report.unknown_keys(hints, ROOT_UI_KEYS, "#/x-ui")
        report.text(hints, "title", "#/x-ui", required=True)
        report.text(hints, "description", "#/x-ui")
        report.text(hints, "form_reference", "#/x-ui")
    sections = schema.get("properties")
    if not isinstance(sections, dict) or not sections:
        report.add("#/properties", _("The form needs at least one section."))
        return
    if len(sections) > MAX_SECTIONS:
        report.add("#/properties", _("A form has at most %(limit)s sections."), limit=MAX_SECTIONS)
    field_count = 0
    for name, section in sections.items():
        field_count += _check_section(report, name, section)
    if field_count > MAX_FIELDS:
        report.add("#/properties", _("A form has at most %(limit)s fields."), limit=MAX_FIELDS)
    if report.errors:
        return  # conditions are only checked over a sound structure
    names = {name: set(section["properties"]) for name, section in sections.items()}
    _check_required(report, schema, set(sections), "#")
    _check_conditions(report, schema, names, None, "#")
    for name, section in sections.items():
        pointer = f"#/properties/{escape(name)}"
        _check_required(report, section, set(section["properties"]), pointer)
        _check_conditions(report, section, names, name, pointer)
    _check_visibility(report, schema)


def _check_references(report: Report, node: Any, pointer: str) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _REFERENCE_KEYS:
                report.add(f"{pointer}/{escape(key)}", _("References are not supported: write the part out."))
            elif key != "x-ui":
                _check_references(report, value, f"{pointer}/{escape(key)}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _check_references(report, item, f"{pointer}/{index}")


def _check_section(report: Report, name: str, section: Any) -> int:
    pointer = f"#/properties/{escape(name)}"
    if not isinstance(section, dict) or section.get("type") != "object":
        report.add(pointer, _("A section must be of type object, with fields."))
        return 0
    report.unknown_keys(section, SECTION_KEYS, pointer)
    if "." in name:
        report.add(pointer, _("Section and field names cannot contain a dot."))
    hints = section.get("x-ui")
    if not isinstance(hints, dict):
        report.add(f"{pointer}/x-ui", _("A section needs x-ui hints with at least a title."))
    else:
        report.unknown_keys(hints, SECTION_UI_KEYS, f"{pointer}/x-ui")
        report.text(hints, "title", f"{pointer}/x-ui", required=True)
        report.text(hints, "description", f"{pointer}/x-ui")
        report.order(hints, f"{pointer}/x-ui")
    fields = section.get("properties")
    if not isinstance(fields, dict) or not fields:
        report.add(f"{pointer}/properties", _("A section needs at least one field."))
        return 0
    for field_name, field in fields.items():
        field_pointer = f"{pointer}/properties/{escape(field_name)}"
        if "." in field_name:
            report.add(field_pointer, _("Section and field names cannot contain a dot."))
        if isinstance(field, dict) and field.get("type") == "object":
            report.add(field_pointer, _("Sections hold fields, not nested groups."))
            continue
        check_field(report, field, field_pointer)
    return len(fields)


def _check_required(report: Report, node: JSONDict, names: set[str], pointer: str) -> None:
    for index, name in enumerate(node.get("required", [])):
        if name not in names:
            report.add(f"{pointer}/required/{index}", _("No such field: %(name)s."), name=name)
    for key, dependants in node.get("dependentRequired", {}).items():
        for name in [key, *dependants]:
            if name not in names:
                report.add(f"{pointer}/dependentRequired", _("No such field: %(name)s."), name=name)


def _check_conditions(
    report: Report, node: JSONDict, names: dict[str, set[str]], section: str | None, pointer: str
) -> None:
    """if/then/else (directly or in allOf) may only test and require fields that exist."""
    branches: list[tuple[str, Any]] = [(key, node[key]) for key in ("if", "then", "else") if key in node]
    for index, part in enumerate(node.get("allOf", [])):
        if isinstance(part, dict):
            branches += [(f"allOf/{index}/{key}", part[key]) for key in ("if", "then", "else") if key in part]
            extra = set(part) - {"if", "then", "else", "$comment"}
            if extra:
                report.add(f"{pointer}/allOf/{index}", _("allOf holds if/then/else conditions only."))
    for key, branch in branches:
        _check_condition(report, branch, names, section, f"{pointer}/{key}", is_test=key.endswith("if"))


def _check_condition(
    report: Report, branch: Any, names: dict[str, set[str]], section: str | None, pointer: str, *, is_test: bool
) -> None:
    if not isinstance(branch, dict):
        report.add(pointer, _("A condition must be a JSON object."))
        return
    report.unknown_keys(branch, CONDITION_KEYS, pointer)
    known = names[section] if section else set(names)
    for index, name in enumerate(branch.get("required", [])):
        if name not in known:
            report.add(f"{pointer}/required/{index}", _("No such field: %(name)s."), name=name)
    tested = branch.get("properties", {})
    for name, sub in tested.items():
        sub_pointer = f"{pointer}/properties/{escape(name)}"
        if name not in known:
            report.add(sub_pointer, _("No such field: %(name)s."), name=name)
        elif section is None:  # a root condition reaches into one section
            _check_condition(report, sub, names, name, sub_pointer, is_test=is_test)
        elif isinstance(sub, dict):
            report.unknown_keys(sub, CONDITION_VALUE_KEYS, sub_pointer)
    if is_test and section is not None and set(tested) - set(branch.get("required", [])):
        report.add(pointer, _("List tested fields under required, or an empty field passes."))
    for index, part in enumerate(branch.get("allOf", []) + branch.get("anyOf", [])):
        _check_condition(report, part, names, section, f"{pointer}/allOf/{index}", is_test=is_test)


def _check_visibility(report: Report, schema: JSONDict) -> None:
    """visible_when must name an existing field, with a value it can take, without cycles; and what
    is shown only sometimes cannot be always required."""
    sections: JSONDict = schema["properties"]
    fields = {
        f"{name}.{field}": node for name, section in sections.items() for field, node in section["properties"].items()
    }
    depends: dict[str, str] = {}
    owners = [(name, section, f"#/properties/{escape(name)}") for name, section in sections.items()] + [
        (path, node, f"#/properties/{escape(path.split('.')[0])}/properties/{escape(path.split('.', 1)[1])}")
        for path, node in fields.items()
    ]
    for path, node, pointer in owners:
        condition = ui(node).get("visible_when")
        if condition is None:
            continue
        where = f"{pointer}/x-ui/visible_when"
        if not isinstance(condition, dict) or set(condition) not in ({"field", "equals"}, {"field", "in"}):
            report.add(where, _('visible_when needs "field" and either "equals" or "in".'))
            continue
        controller = condition["field"]
        if controller not in fields:
            report.add(where, _("No such field: %(name)s."), name=controller)
            continue
        if controller == path or controller.split(".")[0] == path:
            report.add(where, _("A part of the form cannot depend on its own fields."))
            continue
        wanted = [condition["equals"]] if "equals" in condition else condition["in"]
        allowed = {repr(value) for value, _label in choices_for(fields[controller])}
        if not isinstance(wanted, list) or not wanted or any(repr(value) not in allowed for value in wanted):
            report.add(where, _("The value tested is not an option of %(name)s."), name=controller)
            continue
        depends[path] = controller
        container = schema if path in sections else sections[path.split(".")[0]]
        if path.split(".")[-1] in container.get("required", []):
            report.add(where, _("What is shown only sometimes cannot always be required: use if/then."))
    for start in depends:
        seen, current = {start}, start
        while current in depends or current.split(".")[0] in depends:
            current = depends.get(current) or depends[current.split(".")[0]]
            if current in seen:
                report.add("#/properties", _("The visible_when conditions form a cycle."))
                return
            seen.add(current)
