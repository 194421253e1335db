"""What the e-form templates display: sections, conditional groups and fields with their ids,
ARIA links, values and errors in the active language. Templates stay free of logic."""

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import FieldSpec, choices_for, fields, sections

# Widget → (input type, inputmode, autocomplete) defaults; x-ui hints override the last two.
_INPUTS: dict[str, tuple[str, str, str]] = {
    "text": ("text", "", ""),
    "date": ("date", "", ""),
    "number": ("text", "numeric", ""),
    "email": ("email", "email", "email"),
    "tel": ("tel", "tel", "tel"),
    "citizen_id": ("text", "numeric", "off"),
}


@dataclass
class Choice:
    value: str
    label: str
    id: str
    checked: bool


@dataclass
class Field:
    name: str
    id: str
    label: str
    widget: str
    help: str = ""
    placeholder: str = ""
    input_type: str = "text"
    inputmode: str = ""
    autocomplete: str = ""
    required: bool = False
    value: str = ""
    checked: bool = False
    choices: list[Choice] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    @property
    def help_id(self) -> str:
        return f"{self.id}-help" if self.help else ""

    @property
    def error_id(self) -> str:
        return f"{self.id}-error" if self.errors else ""

    @property
    def describedby(self) -> str:
        return " ".join(part for part in (self.help_id, self.error_id) if part)

    @property
    def is_group(self) -> bool:
        """Radio buttons and multiple checkboxes sit in a fieldset whose legend is the label."""
        return self.widget == "radio" or (self.widget == "checkbox" and bool(self.choices))

    @property
    def inline(self) -> bool:
        """Two or three short options sit side by side on wider screens."""
        return self.is_group and len(self.choices) <= 3 and all(len(choice.label) <= 24 for choice in self.choices)

    @property
    def focus_id(self) -> str:
        return self.choices[0].id if self.is_group and self.choices else self.id


@dataclass
class Group:
    visible_when: str  # JSON for data-eform-visible-when, "" when always shown
    fields: list[Field]


@dataclass
class Section:
    name: str
    id: str
    title: str
    description: str
    visible_when: str
    groups: list[Group]


@dataclass
class ErrorLink:
    label: str
    href: str
    message: str


@dataclass
class Form:
    title: str
    description: str
    form_reference: str
    sections: list[Section]
    error_links: list[ErrorLink]


def form_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def field_id(path: str) -> str:
    return "ef-" + path.replace(".", "--")


def required_paths(schema: JSONDict) -> set[str]:
    """Fields marked required: always required ones, and conditional ones (shown only when their
    condition holds) that an if/then of the section or of the form requires."""
    result: set[str] = set()
    for name, section in sections(schema):
        result |= {f"{name}.{field_name}" for field_name in section.get("required", [])}
        branches = [
            section.get("then"),
            *[part.get("then") for part in section.get("allOf", []) if isinstance(part, dict)],
        ]
        root_branches = [
            schema.get("then"),
            *[part.get("then") for part in schema.get("allOf", []) if isinstance(part, dict)],
        ]
        branches += [branch.get("properties", {}).get(name) for branch in root_branches if isinstance(branch, dict)]
        conditional = {
            field_name for branch in branches if isinstance(branch, dict) for field_name in branch.get("required", [])
        }
        shown_sometimes = "visible_when" in ui(section)
        result |= {
            spec.path
            for spec in fields(section, name)
            if spec.name in conditional and (spec.visible_when or shown_sometimes)
        }
    return result


def _date_bound(spec: FieldSpec, today: date) -> str:
    hints = spec.hints
    bound = today if hints.get("not_future") else None
    min_age = hints.get("min_age")
    if isinstance(min_age, int):
        try:
            bound = today.replace(year=today.year - min_age)
        except ValueError:  # 29 February
            bound = date(today.year - min_age, 2, 28)
    return bound.isoformat() if bound else ""


def _field(spec: FieldSpec, value: Any, messages: list[Any], required: bool, today: date) -> Field:
    hints = spec.hints
    widget = spec.widget
    input_type, inputmode, autocomplete = _INPUTS.get(widget, ("", "", ""))
    if spec.type == "number":
        inputmode = "decimal"
    if spec.format == "tax-code":
        inputmode = "numeric"
    rendered = Field(
        name=spec.path,
        id=field_id(spec.path),
        label=text_for(hints.get("label")),
        widget=widget,
        help=text_for(hints.get("help")),
        placeholder=text_for(hints.get("placeholder")),
        input_type=input_type,
        inputmode=str(hints.get("inputmode", inputmode)),
        autocomplete=str(hints.get("autocomplete", autocomplete)),
        required=required,
        errors=[text_for(message) for message in messages],
    )
    if spec.type == "string" and widget not in ("select", "radio", "date"):
        rendered.attrs["maxlength"] = str(spec.schema.get("maxLength", 1000))
    if spec.format == "vn-name":
        rendered.attrs.update({"autocapitalize": "words", "spellcheck": "false"})
    if widget == "date":
        bound = _date_bound(spec, today)
        if bound:
            rendered.attrs["max"] = bound
    if widget in ("select", "radio", "checkbox"):
        chosen = {form_value(item) for item in value} if isinstance(value, list) else {form_value(value)}
        choices = [] if widget == "checkbox" and spec.type == "boolean" else choices_for(spec.schema)
        rendered.choices = [
            Choice(form_value(choice), text_for(label), f"{rendered.id}-{index}", form_value(choice) in chosen)
            for index, (choice, label) in enumerate(choices)
        ]
        rendered.checked = value is True or form_value(value) in ("true", "on")
    else:
        rendered.value = form_value(value)
    return rendered


def _summary_label(section_schema: JSONDict, rendered: Field) -> str:
    """``Người mẹ - Họ, chữ đệm, tên``: several sections ask for a name. A lone checkbox's label is a
    whole statement (a declaration), so the section's title stands for it."""
    section_title = text_for(ui(section_schema).get("title"))
    if rendered.widget == "checkbox" and not rendered.choices:
        return section_title
    return f"{section_title} \u2013 {rendered.label}"


def _visible_json(condition: Any) -> str:
    return json.dumps(condition, ensure_ascii=False, separators=(",", ":")) if isinstance(condition, dict) else ""


def eform_render(schema: JSONDict, data: Any = None, errors: Any = None) -> Form:
    """The display model of a form. ``data`` is what was submitted (None: a fresh form showing the
    schema's defaults); ``errors`` is the ``fields`` of the ApplicationError ``eform_validate`` raised."""
    errors = errors if isinstance(errors, dict) else {}
    fresh = data is None
    data = data if isinstance(data, dict) else {}
    required = required_paths(schema)
    today = clock.today()
    rendered_sections: list[Section] = []
    links: list[ErrorLink] = []
    known: set[str] = set()
    for name, section_schema in sections(schema):
        section_data = data.get(name) if isinstance(data.get(name), dict) else {}
        groups: list[Group] = []
        for spec in fields(section_schema, name):
            known.add(spec.path)
            value = spec.schema.get("default") if fresh else section_data.get(spec.name)
            rendered = _field(spec, value, errors.get(spec.path, []), spec.path in required, today)
            summary_label = _summary_label(section_schema, rendered)
            links += [ErrorLink(summary_label, f"#{rendered.focus_id}", message) for message in rendered.errors]
            condition = _visible_json(spec.visible_when)
            if groups and groups[-1].visible_when == condition:
                groups[-1].fields.append(rendered)
            else:
                groups.append(Group(condition, [rendered]))
        hints = ui(section_schema)
        rendered_sections.append(
            Section(
                name=name,
                id=field_id(name),
                title=text_for(hints.get("title")),
                description=text_for(hints.get("description")),
                visible_when=_visible_json(hints.get("visible_when")),
                groups=groups,
            )
        )
    for key, messages in errors.items():
        if key not in known:  # the whole form, a section or a field the form does not have
            label = "" if key == "__all__" else str(_("Field %(name)s") % {"name": key})
            links += [ErrorLink(label, "", text_for(message)) for message in messages]
    hints = ui(schema)
    return Form(
        title=text_for(hints.get("title")),
        description=text_for(hints.get("description")),
        form_reference=text_for(hints.get("form_reference")),
        sections=rendered_sections,
        error_links=links,
    )
