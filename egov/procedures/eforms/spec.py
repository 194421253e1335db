"""The e-form schema format: JSON Schema draft 2020-12 plus ``x-ui`` hints (see ``README.md``).

A form is an object whose properties are *sections* (objects of scalar *fields*). Texts shown to
people are bilingual: ``{"vi": "…", "en": "…"}``, or a plain string used in both languages (proper
names such as ethnic groups).
"""

from typing import Any, Final

from django.utils import translation

JSONDict = dict[str, Any]

DRAFT_2020_12: Final = "https://json-schema.org/draft/2020-12/schema"

# Widgets the renderer knows, and the field types each may render.
WIDGET_TYPES: Final[dict[str, frozenset[str]]] = {
    "text": frozenset({"string"}),
    "textarea": frozenset({"string"}),
    "date": frozenset({"string"}),
    "select": frozenset({"string", "integer"}),
    "radio": frozenset({"string", "integer", "boolean"}),
    "checkbox": frozenset({"boolean", "array"}),
    "number": frozenset({"integer", "number"}),
    "email": frozenset({"string"}),
    "tel": frozenset({"string"}),
    "citizen_id": frozenset({"string"}),
}
# Widgets that need a given format, so the server checks what the input promises.
WIDGET_FORMAT: Final[dict[str, str]] = {"date": "date", "email": "email", "tel": "vn-phone", "citizen_id": "citizen-id"}
CHOICE_WIDGETS: Final = frozenset({"select", "radio"})

FORMATS: Final = frozenset({"citizen-id", "vn-phone", "date", "tax-code", "vn-name", "email"})
FIELD_TYPES: Final = frozenset({"string", "integer", "number", "boolean", "array"})

ROOT_KEYS: Final = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "type", "properties", "required", "allOf"}
    | {"if", "then", "else", "additionalProperties", "x-ui"}
)
SECTION_KEYS: Final = frozenset(
    {"$comment", "title", "description", "type", "properties", "required", "allOf", "if", "then", "else"}
    | {"additionalProperties", "dependentRequired", "x-ui"}
)
FIELD_KEYS: Final = frozenset(
    {"$comment", "title", "description", "type", "enum", "const", "format", "minLength", "maxLength", "pattern"}
    | {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "default"}
    | {"items", "minItems", "maxItems", "uniqueItems", "x-ui"}
)
ITEM_KEYS: Final = frozenset({"type", "enum"})
# What an if/then/else may say: conditions on values and requiredness, never new structure.
CONDITION_KEYS: Final = frozenset({"properties", "required", "allOf", "anyOf", "not", "$comment"})
CONDITION_VALUE_KEYS: Final = frozenset(
    {"const", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "contains", "not", "$comment"}
)

ROOT_UI_KEYS: Final = frozenset({"title", "description", "form_reference"})
SECTION_UI_KEYS: Final = frozenset({"title", "description", "order", "visible_when"})
FIELD_UI_KEYS: Final = frozenset(
    {"label", "help", "placeholder", "order", "widget", "autocomplete", "inputmode", "choices", "visible_when"}
    | {"not_future", "min_age", "errors"}
)
INPUTMODES: Final = frozenset({"none", "text", "decimal", "numeric", "tel", "search", "email", "url"})
ERROR_OVERRIDE_KEYS: Final = frozenset({"pattern", "const", "enum", "minimum", "maximum", "minLength", "maxLength"})

# Size bounds: what a form may declare, and what a submission may carry.
MAX_SCHEMA_BYTES: Final = 256 * 1024
MAX_SECTIONS: Final = 60
MAX_FIELDS: Final = 400
MAX_CHOICES: Final = 300
MAX_STRING_LENGTH: Final = 10_000
DEFAULT_MAX_LENGTH: Final = 1_000  # when a text field declares no maxLength
MAX_PATTERN_LENGTH: Final = 200
MAX_DATA_BYTES: Final = 128 * 1024


def is_text(value: Any) -> bool:
    """A bilingual text: a non-empty string, or ``{"vi": …, "en": …}`` with both non-empty."""
    if isinstance(value, str):
        return bool(value.strip())
    return (
        isinstance(value, dict)
        and set(value) == {"vi", "en"}
        and all(isinstance(part, str) and part.strip() for part in value.values())
    )


def current_language() -> str:
    return "en" if (translation.get_language() or "vi").startswith("en") else "vi"


def text_for(value: Any, language: str | None = None) -> str:
    """The text in ``language`` (default: the active one); ``""`` for a missing text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get(language or current_language()) or value.get("vi") or "")
    return str(value)


def ui(node: Any) -> JSONDict:
    """The ``x-ui`` hints of a schema node (empty when absent)."""
    if isinstance(node, dict):
        hints = node.get("x-ui")
        if isinstance(hints, dict):
            return hints
    return {}
