"""Forms of the apply-online pages: the procedure's e-form one section per page, the receiving agency.

The e-form is JSON Schema with ``x-ui`` hints (egov/procedures/eforms/README.md). Each page shows
one section (a "step"); its answers are stored as typed, then checked by validating the whole
form (``eform_validate``) and keeping only the errors of that section: conditions that span
sections, and the rule that hidden parts are dropped before checking, work as they do for the
whole form. A field whose ``visible_when`` depends on another section is decided on the server
(shown or left out); conditions inside the section stay for ``js/eforms.js``, and without
JavaScript every such field is shown and what does not apply is ignored on submission.

Prefill from the citizen's account (rule, ``egov.procedures.eforms.prefill``): the sections named
``requester``, ``applicant``, ``owner`` or ``contact`` (in form order) are "about the person applying";
the first field among them named ``full_name`` gets the account's full name, the first with format
``citizen-id`` its citizen ID number, ``vn-phone`` its phone, ``email`` its e-mail address. Other
people's sections (the child, a bride, a groom) are never prefilled.
"""

import copy
import re
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_data_from_post, eform_validate
from egov.procedures.eforms.prefill import PROFILE_MATCHERS, requester_specs
from egov.procedures.eforms.render import required_paths
from egov.procedures.eforms.spec import JSONDict, text_for, ui
from egov.procedures.eforms.structure import FieldSpec, Visibility, fields, sections, visibility

# Names the page's buttons and hidden inputs post besides the e-form's fields.
CONTROL_KEYS = frozenset({"csrfmiddlewaretoken", "action", "return_to"})
_INTEGER = re.compile(r"^[+-]?\d{1,15}$")
_NUMBER = re.compile(r"^[+-]?\d{1,15}(?:[.,]\d{1,6})?$")

Errors = dict[str, list[Any]]


@dataclass(frozen=True)
class FormStep:
    number: int  # position among all the sections of the form, from 1: stable in addresses
    name: str
    title: str


def form_steps(schema: JSONDict | None) -> list[FormStep]:
    if not schema:
        return []
    return [
        FormStep(index, name, text_for(ui(section).get("title")))
        for index, (name, section) in enumerate(sections(schema), start=1)
    ]


def _typed(spec: FieldSpec, value: Any) -> Any:
    """An answer as typed, read as its field's type (what ``visible_when`` compares with)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if spec.type == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if spec.type == "integer" and _INTEGER.match(text):
        return int(text)
    if spec.type == "number" and _NUMBER.match(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() else number
    return text


def typed_answers(schema: JSONDict, data: JSONDict) -> JSONDict:
    """The stored answers read as their fields' types (``"true"`` → True), as conditions compare them."""
    typed: JSONDict = {}
    for name, section in sections(schema):
        values = data.get(name)
        if isinstance(values, dict):
            specs = {spec.name: spec for spec in fields(section, name)}
            typed[name] = {key: _typed(specs[key], value) for key, value in values.items() if key in specs}
    return typed


def answers_visibility(schema: JSONDict, data: JSONDict) -> Visibility:
    """Which sections and fields the stored answers hide."""
    return visibility(schema, typed_answers(schema, data))


def visible_steps(schema: JSONDict | None, data: JSONDict) -> list[FormStep]:
    if not schema:
        return []
    hidden = answers_visibility(schema, data).hidden_sections
    return [step for step in form_steps(schema) if step.name not in hidden]


def section_schema(schema: JSONDict, name: str, data: JSONDict) -> JSONDict:
    """A form of the one section ``name``, to draw with ``{% eform %}``: the section's own
    condition is dropped (the page is shown only when it holds), and so is every field condition on
    another section's answer (the field is left out when it does not hold)."""
    original = dict(sections(schema))[name]
    section = copy.deepcopy(original)
    section.setdefault("x-ui", {}).pop("visible_when", None)
    properties = section.get("properties", {})
    shown = answers_visibility(schema, data)
    for spec in fields(original, name):
        condition = spec.visible_when
        if condition is None or str(condition.get("field", "")).startswith(f"{name}."):
            continue
        if shown.shows(spec.path):
            properties[spec.name].setdefault("x-ui", {}).pop("visible_when", None)
        else:
            properties.pop(spec.name)
    required = required_paths(schema)
    section["required"] = [
        spec.name for spec in fields(original, name) if spec.path in required and spec.name in properties
    ]
    return {"type": "object", "x-ui": {"title": ui(schema).get("title", "")}, "properties": {name: section}}


def section_answers_from_post(schema: JSONDict, name: str, post: QueryDict) -> JSONDict:
    """The posted answers of section ``name``: its own fields only (nothing else is on the page)."""
    fields_only = post.copy()
    for key in CONTROL_KEYS:
        fields_only.pop(key, None)
    answers = eform_data_from_post(schema, fields_only).get(name)
    if not isinstance(answers, dict):
        return {}
    known = {spec.name for spec in fields(dict(sections(schema)).get(name, {}), name)}
    return {key: value for key, value in answers.items() if key in known}


def _belongs(path: str, name: str) -> bool:
    return path == name or path.startswith(f"{name}.")


def form_errors(schema: JSONDict, data: JSONDict) -> tuple[JSONDict | None, Errors]:
    """The cleaned answers (typed, hidden parts dropped) and no errors, or None and the errors."""
    try:
        return eform_validate(schema, data), {}
    except ApplicationError as error:
        if error.code == "eform_invalid" and error.fields:
            return None, dict(error.fields)
        return None, {"__all__": [error.message]}


def errors_of_step(step: FormStep, errors: Errors) -> Errors:
    """The errors of one section, and those of the whole form (shown on every page)."""
    return {path: messages for path, messages in errors.items() if _belongs(path, step.name) or path == "__all__"}


def steps_with_errors(steps: list[FormStep], errors: Errors) -> set[str]:
    return {step.name for step in steps if errors_of_step(step, errors)}


def first_step_with_errors(steps: list[FormStep], errors: Errors) -> FormStep | None:
    for step in steps:
        if any(_belongs(path, step.name) for path in errors):
            return step
    return steps[0] if errors and steps else None


def _as_answer(value: Any) -> Any:
    """A default as the page posts it back ("true", "2"), so stored answers look alike."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return [_as_answer(item) for item in value]
    return value if isinstance(value, str) else str(value)


def initial_answers(schema: JSONDict | None, profile: dict[str, str]) -> JSONDict:
    """A new draft's answers: the schema's defaults, and the account's details where the rule in
    this module's docstring puts them. ``profile`` has full_name, citizen_id, phone, email."""
    if not schema:
        return {}
    data: JSONDict = {}
    for name, section in sections(schema):
        data[name] = {
            spec.name: _as_answer(spec.schema["default"]) for spec in fields(section, name) if "default" in spec.schema
        }
    requester_fields = requester_specs(schema)
    for key, matches in PROFILE_MATCHERS:
        value = (profile.get(key) or "").strip()
        spec = next((spec for spec in requester_fields if matches(spec)), None)
        if value and spec is not None and not data[spec.section].get(spec.name):
            data[spec.section][spec.name] = value
    return data


@dataclass(frozen=True)
class AgencyOption:
    id: int
    name: str
    address: str


class AgencyChoiceForm(forms.Form):
    agency = forms.TypedChoiceField(
        label=_("Which agency should receive your application?"),
        help_text=_("Usually the one-stop desk of the commune or ward where you live."),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the agency that will receive your application."),
            "invalid_choice": _("Choose one of the agencies listed."),
        },
    )

    def __init__(self, *args: Any, options: list[AgencyOption], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["agency"])
        field.choices = [
            (
                option.id,
                format_html(
                    '<span class="apply-option__text">{}<span class="apply-option__hint">{}</span></span>',
                    option.name,
                    option.address,
                )
                if option.address
                else option.name,
            )
            for option in options
        ]
