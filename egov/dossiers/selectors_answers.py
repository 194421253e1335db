"""Reads of the applicant's e-form answers on a dossier (the staff page, its print view, the citizen's page).

The answers are shown in the form's own sections and labels (the schema of the procedure version the
dossier was received under), with what was corrected since submission (the submitted value kept) and
what an officer questioned when asking for supplementation.
"""

import copy
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from egov.dossiers.models import AnswerCorrection, Dossier
from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import FieldSpec, all_fields, fields, lookup, sections
from egov.procedures.eforms.summary import eform_value_display


@dataclass(frozen=True)
class CorrectionRow:
    field: str
    label: str  # "Người được khai sinh - Ngày, tháng, năm sinh"
    old: str
    new: str
    reason: str
    source: str  # AnswerCorrection.Source
    actor_label: str
    agency: str
    at: datetime


@dataclass(frozen=True)
class AnswerRow:
    path: str
    label: str
    value: str
    is_statement: bool  # a declaration: its label is the whole statement
    submitted: str | None  # what the applicant submitted, when the answer was corrected since
    corrections: tuple[CorrectionRow, ...]
    question: str  # the officer's note when this answer is questioned


@dataclass(frozen=True)
class AnswerSection:
    name: str
    title: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class DossierAnswers:
    title: str
    form_reference: str
    sections: tuple[AnswerSection, ...]
    corrections: tuple[CorrectionRow, ...]  # oldest first
    questioned: tuple[tuple[str, str, str], ...]  # (field, label, note)

    @property
    def has_answers(self) -> bool:
        return bool(self.sections)


def form_schema(dossier: Dossier) -> JSONDict | None:
    schema = dossier.procedure_version.form_schema
    return schema if isinstance(schema, dict) and schema.get("properties") else None


def field_label(schema: JSONDict, path: str, language: str | None = None) -> str:
    """``Section title - field label`` (several sections ask for a name); a declaration's section title."""
    section_name, _dot, name = path.partition(".")
    section = (schema.get("properties") or {}).get(section_name)
    if not isinstance(section, dict):
        return path
    title = text_for(ui(section).get("title"), language)
    node = (section.get("properties") or {}).get(name)
    if not isinstance(node, dict):
        return title or path
    if node.get("type") == "boolean" and node.get("const") is True:
        return title
    return f"{title} \N{EN DASH} {text_for(ui(node).get('label'), language)}"


def field_specs(schema: JSONDict) -> dict[str, FieldSpec]:
    return {spec.path: spec for spec in all_fields(schema)}


def display(spec: FieldSpec | None, value: Any) -> str:
    if spec is None:
        return "" if value is None else str(value)
    return eform_value_display(spec, value)


def _correction_row(schema: JSONDict, specs: dict[str, FieldSpec], item: AnswerCorrection) -> CorrectionRow:
    spec = specs.get(item.field)
    return CorrectionRow(
        field=item.field,
        label=field_label(schema, item.field) if spec else item.label,
        old=display(spec, item.old_value),
        new=display(spec, item.new_value),
        reason=item.reason,
        source=item.source,
        actor_label=item.actor_label,
        agency=item.agency.name if item.agency else "",
        at=item.corrected_at,
    )


def dossier_answers(*, dossier: Dossier) -> DossierAnswers | None:
    """The answers in the form's sections, or None when the procedure has no e-form or nothing was answered."""
    schema = form_schema(dossier)
    data = dossier.form_data if isinstance(dossier.form_data, dict) else {}
    if schema is None or not data:
        return None
    specs = field_specs(schema)
    records = list(
        AnswerCorrection.objects.filter(dossier=dossier).select_related("agency").order_by("corrected_at", "pk")
    )
    by_field: dict[str, list[AnswerCorrection]] = {}
    for record in records:
        by_field.setdefault(record.field, []).append(record)
    notes = {str(item.get("field")): str(item.get("note", "")) for item in questioned_of(dossier)}
    result = []
    for name, section_schema in sections(schema):
        section_values = data.get(name)
        values: dict[str, Any] = section_values if isinstance(section_values, dict) else {}
        rows = []
        for spec in fields(section_schema, name):
            changed = by_field.get(spec.path, [])
            if spec.name not in values and not changed and spec.path not in notes:
                continue
            is_statement = spec.type == "boolean" and spec.schema.get("const") is True
            rows.append(
                AnswerRow(
                    path=spec.path,
                    label=text_for(spec.hints.get("label")),
                    value=display(spec, values.get(spec.name)),
                    is_statement=is_statement,
                    submitted=display(spec, changed[0].old_value) if changed else None,
                    corrections=tuple(_correction_row(schema, specs, item) for item in changed),
                    question=notes.get(spec.path, ""),
                )
            )
        if rows:
            result.append(AnswerSection(name, text_for(ui(section_schema).get("title")), tuple(rows)))
    hints = ui(schema)
    return DossierAnswers(
        title=text_for(hints.get("title")),
        form_reference=text_for(hints.get("form_reference")),
        sections=tuple(result),
        corrections=tuple(_correction_row(schema, specs, item) for item in records),
        questioned=tuple((path, field_label(schema, path), note) for path, note in notes.items()),
    )


def questioned_of(dossier: Dossier) -> list[dict[str, str]]:
    items = dossier.questioned_answers if isinstance(dossier.questioned_answers, list) else []
    return [item for item in items if isinstance(item, dict) and item.get("field")]


def section_schema_only(schema: JSONDict, name: str) -> JSONDict:
    """The form reduced to one section (for correcting that section's answers); root conditions dropped."""
    return {
        key: value
        for key, value in schema.items()
        if key not in ("properties", "required", "allOf", "if", "then", "else")
    } | {"properties": {name: copy.deepcopy(schema["properties"][name])}}


def questioned_schema(schema: JSONDict, questioned: list[dict[str, str]]) -> JSONDict | None:
    """The form reduced to the questioned fields, each carrying the officer's note as its help text,
    for the applicant to correct them. Only drawn, never validated against: the answers are checked
    against the whole form. A condition on a field left out is dropped (the field was answered, so it
    was shown)."""
    wanted: dict[str, str] = {item["field"]: item.get("note", "") for item in questioned}
    kept: dict[str, Any] = {}
    for name, section in sections(schema):
        chosen = {spec.name: spec for spec in fields(section, name) if spec.path in wanted}
        if not chosen:
            continue
        reduced = {k: v for k, v in section.items() if k not in ("properties", "required", "allOf", "if", "then")}
        reduced.pop("else", None)
        hints = dict(ui(section))
        hints.pop("visible_when", None)
        reduced["x-ui"] = hints
        reduced["properties"] = {}
        for field_name, spec in chosen.items():
            node = copy.deepcopy(spec.schema)
            node_hints = node.setdefault("x-ui", {})
            condition = node_hints.get("visible_when")
            if isinstance(condition, dict) and str(condition.get("field")) not in wanted:
                node_hints.pop("visible_when")
            note = wanted[spec.path]
            if note:
                node_hints["help"] = _officer_note(note)
            reduced["properties"][field_name] = node
        kept[name] = reduced
    if not kept:
        return None
    return {k: v for k, v in schema.items() if k not in ("properties", "required", "allOf", "if", "then", "else")} | {
        "properties": kept
    }


def _officer_note(note: str) -> dict[str, str]:
    texts = {}
    for language in ("vi", "en"):
        with override(language):
            texts[language] = f"{_('What the officer asks')}: {note}"
    return texts


def current_value(dossier: Dossier, path: str) -> Any:
    return lookup(dossier.form_data, path)


@dataclass(frozen=True)
class PaperCaseRow:
    """A case of conditional papers the applicant answered when applying online."""

    question: str
    applies: bool  # "yes": its papers were required; "no": they were not needed
    papers: tuple[str, ...]


def dossier_paper_cases(*, dossier: Dossier) -> list[PaperCaseRow]:
    """The applicant's yes/no answers about conditional papers (``Dossier.paper_cases``), as asked."""
    rows = []
    for item in dossier.paper_cases if isinstance(dossier.paper_cases, list) else []:
        if isinstance(item, dict) and isinstance(item.get("answer"), bool) and str(item.get("question", "")).strip():
            papers = item.get("papers")
            names = tuple(str(name) for name in papers) if isinstance(papers, list) else ()
            rows.append(PaperCaseRow(str(item["question"]).strip(), item["answer"], names))
    return rows
