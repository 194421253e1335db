"""Cleaned e-form data as people read it: labels with values (choice labels, dd/mm/yyyy dates)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import FieldSpec, choices_for, fields, sections


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    is_statement: bool = False  # a declaration's whole text, shown as running text


@dataclass(frozen=True)
class SectionSummary:
    title: str
    rows: list[Row]


def _display(spec: FieldSpec, value: Any) -> str:
    if spec.type == "boolean" and spec.schema.get("const") is True:
        return str(_("Confirmed")) if value else str(_("No"))
    labels = {repr(choice): text_for(label) for choice, label in choices_for(spec.schema)}
    if isinstance(value, list):
        return ", ".join(labels.get(repr(item), str(item)) for item in value)
    if repr(value) in labels:
        return labels[repr(value)]
    if spec.format == "date" and isinstance(value, str):
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}".replace(",", ".")
    return str(value)


def eform_value_display(spec: FieldSpec, value: Any) -> str:
    """One answer as people read it (the label of a choice, a date as dd/mm/yyyy); "" when empty."""
    if value is None or value == "" or value == []:
        return ""
    return _display(spec, value)


def eform_summary(schema: JSONDict, cleaned: JSONDict) -> list[SectionSummary]:
    """Sections that have data, each with its filled fields in form order."""
    result = []
    for name, section_schema in sections(schema):
        values = cleaned.get(name)
        if not isinstance(values, dict):
            continue
        rows = [
            Row(
                text_for(spec.hints.get("label")),
                _display(spec, values[spec.name]),
                is_statement=spec.type == "boolean" and spec.schema.get("const") is True,
            )
            for spec in fields(section_schema, name)
            if spec.name in values
        ]
        if rows:
            result.append(SectionSummary(text_for(ui(section_schema).get("title")), rows))
    return result
