"""Meta-validation of one e-form field (see ``meta.py`` for the whole form)."""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from egov.procedures.eforms.formats import FORMAT_CHECKER
from egov.procedures.eforms.spec import (
    CHOICE_WIDGETS,
    ERROR_OVERRIDE_KEYS,
    FIELD_KEYS,
    FIELD_TYPES,
    FIELD_UI_KEYS,
    FORMATS,
    INPUTMODES,
    ITEM_KEYS,
    MAX_CHOICES,
    MAX_PATTERN_LENGTH,
    MAX_STRING_LENGTH,
    WIDGET_FORMAT,
    WIDGET_TYPES,
    JSONDict,
    is_text,
)
from egov.procedures.eforms.structure import widget_for

UNKNOWN_KEY = _("Unknown keyword %(key)s.")
NOT_TEXT = _('Expected a text: a string or {"vi": …, "en": …}.')
NOT_NUMBER = _("Expected a number.")
_AUTOCOMPLETE = re.compile(r"^[a-z0-9\- ]{1,100}$")
# A repeated group that itself repeats, as in (a+)+ or (\w+\s?)*: backtracking on such a pattern can
# take exponential time on a crafted value, so it is refused outright.
_NESTED_REPETITION = re.compile(r"\([^()]*[+*}][^()]*\)\s*[+*{]")


class Report:
    """Errors collected at JSON pointers (``#/properties/child/x-ui/label``)."""

    def __init__(self) -> None:
        self.errors: dict[str, list[Any]] = {}

    @property
    def count(self) -> int:
        return sum(len(messages) for messages in self.errors.values())

    def add(self, pointer: str, message: Any, **params: Any) -> None:
        self.errors.setdefault(pointer, []).append((message, params))

    def unknown_keys(self, node: JSONDict, allowed: frozenset[str], pointer: str) -> None:
        for key in node:
            if key not in allowed:
                self.add(f"{pointer}/{escape(key)}", UNKNOWN_KEY, key=key)

    def text(self, hints: JSONDict, key: str, pointer: str, *, required: bool = False) -> None:
        if key not in hints:
            if required:
                self.add(f"{pointer}/{key}", NOT_TEXT)
            return
        if not is_text(hints[key]):
            self.add(f"{pointer}/{key}", NOT_TEXT)

    def order(self, hints: JSONDict, pointer: str) -> None:
        value = hints.get("order")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            self.add(f"{pointer}/order", NOT_NUMBER)


def escape(key: str) -> str:
    """RFC 6901 escaping of one pointer segment."""
    return key.replace("~", "~0").replace("/", "~1")


def _matches_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    return False


def check_field(report: Report, node: Any, pointer: str) -> None:
    if not isinstance(node, dict):
        report.add(pointer, _("A field must be a JSON object."))
        return
    report.unknown_keys(node, FIELD_KEYS, pointer)
    kind = node.get("type")
    if kind not in FIELD_TYPES:
        report.add(f"{pointer}/type", _("Use type string, integer, number, boolean or array."))
        return
    hints = node.get("x-ui")
    if not isinstance(hints, dict):
        report.add(f"{pointer}/x-ui", _("A field needs x-ui hints with at least a label."))
        return
    errors_before = report.count
    _check_values(report, node, kind, pointer)
    _check_hints(report, node, hints, kind, f"{pointer}/x-ui")
    if "default" in node and report.count == errors_before:
        plain = {key: value for key, value in node.items() if key != "x-ui"}
        if not Draft202012Validator(plain, format_checker=FORMAT_CHECKER).is_valid(node["default"]):
            report.add(f"{pointer}/default", _("The default is not a valid value of this field."))


def _check_values(report: Report, node: JSONDict, kind: str, pointer: str) -> None:
    if kind == "array":
        items = node.get("items")
        if (
            not isinstance(items, dict)
            or set(items) - ITEM_KEYS
            or items.get("type") != "string"
            or not isinstance(items.get("enum"), list)
            or not items["enum"]
        ):
            report.add(f"{pointer}/items", _("List fields hold options: items of type string with an enum."))
        elif len(set(map(str, items["enum"]))) != len(items["enum"]) or not all(
            isinstance(value, str) for value in items["enum"]
        ):
            report.add(f"{pointer}/items/enum", _("Options must be distinct strings."))
    elif "items" in node:
        report.add(f"{pointer}/items", _("Only list fields have items."))
    if "enum" in node:
        values = node["enum"]
        if not isinstance(values, list) or not values or len(values) > MAX_CHOICES:
            report.add(f"{pointer}/enum", _("List between 1 and %(limit)s options."), limit=MAX_CHOICES)
        elif not all(_matches_type(value, kind) for value in values) or len({repr(v) for v in values}) != len(values):
            report.add(f"{pointer}/enum", _("Options must be distinct values of the field's type."))
    if "const" in node and not _matches_type(node["const"], kind):
        report.add(f"{pointer}/const", _("The constant must be a value of the field's type."))
    if "format" in node:
        if node["format"] not in FORMATS:
            report.add(f"{pointer}/format", _("Unknown format %(value)s."), value=node["format"])
        elif kind != "string":
            report.add(f"{pointer}/format", _("Only text fields have a format."))
    if kind == "string":
        limit = node.get("maxLength")
        if limit is not None and (not isinstance(limit, int) or limit > MAX_STRING_LENGTH):
            report.add(f"{pointer}/maxLength", _("maxLength must be at most %(limit)s."), limit=MAX_STRING_LENGTH)
        pattern = node.get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except re.error:
                report.add(f"{pointer}/pattern", _("The pattern is not a valid regular expression."))
            if len(pattern) > MAX_PATTERN_LENGTH:
                report.add(f"{pointer}/pattern", _("The pattern is too long."))
            elif _NESTED_REPETITION.search(pattern):
                report.add(f"{pointer}/pattern", _("The pattern repeats a repetition: it can be very slow."))
    bounds = [node.get(key) for key in ("minimum", "maximum")]
    if all(isinstance(bound, int | float) for bound in bounds) and bounds[0] > bounds[1]:  # type: ignore[operator]
        report.add(f"{pointer}/maximum", _("The maximum is below the minimum."))


def _check_hints(report: Report, node: JSONDict, hints: JSONDict, kind: str, pointer: str) -> None:
    report.unknown_keys(hints, FIELD_UI_KEYS, pointer)
    report.text(hints, "label", pointer, required=True)
    report.text(hints, "help", pointer)
    report.text(hints, "placeholder", pointer)
    report.order(hints, pointer)
    widget = hints.get("widget")
    if widget is not None and widget not in WIDGET_TYPES:
        report.add(f"{pointer}/widget", _("Unknown widget %(value)s."), value=widget)
        return
    widget = widget_for(node)
    if kind not in WIDGET_TYPES[widget]:
        report.add(
            f"{pointer}/widget", _("The widget %(widget)s cannot show a %(type)s field."), widget=widget, type=kind
        )
    needed_format = WIDGET_FORMAT.get(widget)
    if needed_format and node.get("format") != needed_format:
        report.add(
            f"{pointer}/widget",
            _("The widget %(widget)s needs format %(format)s."),
            widget=widget,
            format=needed_format,
        )
    if widget in CHOICE_WIDGETS and kind != "boolean" and "enum" not in node:
        report.add(f"{pointer}/widget", _("Select and radio widgets need options (enum)."))
    if widget not in CHOICE_WIDGETS and kind != "array" and "enum" in node:
        report.add(f"{pointer}/widget", _("Show a list of options with a select or radio widget."))
    _check_choices(report, node, hints, kind, pointer)
    autocomplete = hints.get("autocomplete")
    if autocomplete is not None and not (isinstance(autocomplete, str) and _AUTOCOMPLETE.match(autocomplete)):
        report.add(f"{pointer}/autocomplete", _("Use autocomplete tokens such as name or tel."))
    if "inputmode" in hints and hints["inputmode"] not in INPUTMODES:
        report.add(f"{pointer}/inputmode", _("Unknown input mode."))
    if "not_future" in hints and (
        not isinstance(hints["not_future"], bool) or not (node.get("format") == "date" or kind == "integer")
    ):
        report.add(f"{pointer}/not_future", _("not_future is true or false, on a date or a year field."))
    min_age = hints.get("min_age")
    if "min_age" in hints and (
        isinstance(min_age, bool)
        or not isinstance(min_age, int)
        or not 0 < min_age < 150
        or node.get("format") != "date"
    ):
        report.add(f"{pointer}/min_age", _("min_age is a number of years, on a date field."))
    overrides = hints.get("errors")
    if overrides is not None and (
        not isinstance(overrides, dict)
        or set(overrides) - ERROR_OVERRIDE_KEYS
        or not all(is_text(value) for value in overrides.values())
    ):
        report.add(f"{pointer}/errors", _("Error texts are keyed by pattern, const, enum, minimum, maximum…"))


def _check_choices(report: Report, node: JSONDict, hints: JSONDict, kind: str, pointer: str) -> None:
    if "choices" not in hints:
        return
    labelled = hints["choices"]
    if not isinstance(labelled, list) or not all(
        isinstance(choice, dict) and set(choice) == {"value", "label"} and is_text(choice["label"])
        for choice in labelled
    ):
        report.add(f"{pointer}/choices", _('Choices are a list of {"value": …, "label": text}.'))
        return
    if kind == "boolean":
        expected: list[Any] = [True, False]
    elif kind == "array":
        items = node.get("items")
        expected = list(items.get("enum", [])) if isinstance(items, dict) else []
    else:
        expected = list(node.get("enum", []))
    values = [choice["value"] for choice in labelled]
    if len(values) != len(expected) or {repr(v) for v in values} != {repr(v) for v in expected}:
        report.add(f"{pointer}/choices", _("The choices must list each allowed value once."))
