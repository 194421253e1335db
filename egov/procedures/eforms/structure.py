"""Reading a (meta-validated) e-form schema: sections and fields in display order, widgets,
choices, and which conditional parts are visible for given data."""

import math
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.procedures.eforms.spec import WIDGET_FORMAT, JSONDict, ui

_BOOLEAN_CHOICES: tuple[tuple[Any, Any], ...] = ((True, _("Yes")), (False, _("No")))


@dataclass(frozen=True)
class FieldSpec:
    section: str
    name: str
    schema: JSONDict

    @property
    def path(self) -> str:
        return f"{self.section}.{self.name}"

    @property
    def type(self) -> str:
        return str(self.schema.get("type", "string"))

    @property
    def format(self) -> str | None:
        value = self.schema.get("format")
        return str(value) if value else None

    @property
    def hints(self) -> JSONDict:
        return ui(self.schema)

    @property
    def widget(self) -> str:
        return widget_for(self.schema)

    @property
    def visible_when(self) -> JSONDict | None:
        condition = self.hints.get("visible_when")
        return condition if isinstance(condition, dict) else None


def _ordered(properties: Any) -> list[tuple[str, JSONDict]]:
    if not isinstance(properties, dict):
        return []
    items = [(name, node) for name, node in properties.items() if isinstance(node, dict)]
    positions = {name: index for index, (name, _node) in enumerate(items)}

    def key(item: tuple[str, JSONDict]) -> tuple[float, int]:
        order = ui(item[1]).get("order")
        return (
            order if isinstance(order, int | float) and not isinstance(order, bool) else math.inf,
            positions[item[0]],
        )

    return sorted(items, key=key)


def sections(schema: JSONDict) -> list[tuple[str, JSONDict]]:
    return _ordered(schema.get("properties"))


def fields(section_schema: JSONDict, section_name: str) -> list[FieldSpec]:
    return [FieldSpec(section_name, name, node) for name, node in _ordered(section_schema.get("properties"))]


def all_fields(schema: JSONDict) -> list[FieldSpec]:
    return [spec for name, section in sections(schema) for spec in fields(section, name)]


def widget_for(field_schema: JSONDict) -> str:
    """The declared widget, or the natural one for the field's type and format."""
    declared = ui(field_schema).get("widget")
    if isinstance(declared, str):
        return declared
    kind = field_schema.get("type")
    if kind == "boolean":
        return "checkbox"
    if kind == "array":
        return "checkbox"
    if "enum" in field_schema:
        return "radio" if len(field_schema["enum"]) <= 4 else "select"
    if kind in ("integer", "number"):
        return "number"
    for widget, format_name in WIDGET_FORMAT.items():
        if field_schema.get("format") == format_name:
            return widget
    return "text"


def choices_for(field_schema: JSONDict) -> list[tuple[Any, Any]]:
    """``(value, label)`` pairs in display order; the label is a bilingual text or a lazy string."""
    labelled = ui(field_schema).get("choices")
    if isinstance(labelled, list):
        return [(choice.get("value"), choice.get("label")) for choice in labelled if isinstance(choice, dict)]
    if field_schema.get("type") == "array":
        items = field_schema.get("items")
        values = items.get("enum", []) if isinstance(items, dict) else []
    elif field_schema.get("type") == "boolean":
        return list(_BOOLEAN_CHOICES)
    else:
        values = field_schema.get("enum", [])
    return [(value, str(value)) for value in values]


def lookup(data: Any, path: str) -> Any:
    """The value at ``section.field`` in nested data, or None."""
    node = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _same(left: Any, right: Any) -> bool:
    # True == 1 in Python; a condition on a boolean must not match the number 1.
    return type(left) is type(right) and left == right


def condition_holds(condition: JSONDict, value: Any) -> bool:
    """``{"field": "father.declared", "equals": true}`` or ``{"field": …, "in": [...]}``; for a
    multiple-choice field the condition holds when any chosen value matches."""
    wanted = [condition["equals"]] if "equals" in condition else list(condition.get("in", []))
    values = value if isinstance(value, list) else [value]
    return any(_same(have, want) for have in values for want in wanted)


@dataclass(frozen=True)
class Visibility:
    hidden_sections: frozenset[str]
    hidden_fields: frozenset[str]

    def shows(self, path: str) -> bool:
        section = path.split(".", 1)[0]
        return section not in self.hidden_sections and path not in self.hidden_fields


def visibility(schema: JSONDict, data: Any) -> Visibility:
    """Which sections and fields are hidden by their ``visible_when`` for ``data``. A field that
    controls others counts as empty while it is itself hidden (meta-validation rules out cycles)."""
    conditions: dict[str, JSONDict] = {}
    for name, section in sections(schema):
        condition = ui(section).get("visible_when")
        if isinstance(condition, dict):
            conditions[name] = condition
        for spec in fields(section, name):
            if spec.visible_when:
                conditions[spec.path] = spec.visible_when
    memo: dict[str, bool] = {}

    def shown(path: str) -> bool:
        if path in memo:
            return memo[path]
        memo[path] = True  # provisional, guards against a cycle in an unchecked schema
        result = True
        section = path.split(".", 1)[0]
        if section != path and not shown(section):
            result = False
        elif path in conditions:
            controller = str(conditions[path].get("field", ""))
            result = shown(controller) and condition_holds(conditions[path], lookup(data, controller))
        memo[path] = result
        return result

    hidden_sections = frozenset(name for name, _section in sections(schema) if not shown(name))
    hidden_fields = frozenset(spec.path for spec in all_fields(schema) if not shown(spec.path))
    return Visibility(hidden_sections, hidden_fields)
