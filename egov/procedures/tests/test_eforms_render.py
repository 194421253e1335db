"""Rendering e-forms: labelled, described and accessible inputs, in the page's language."""

from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_schema_for, eform_validate, messages

from .eforms_fixtures import Elements, sample_data, sample_schema


def render(schema: dict[str, Any], data: Any = None, errors: Any = None, language: str = "vi") -> Elements:
    template = Template("{% load eforms %}{% eform schema data errors %}")
    with translation.override(language):
        html = template.render(Context({"schema": schema, "data": data, "errors": errors}))
    return Elements(html)


def validation_errors(schema: dict[str, Any], data: Any) -> dict[str, Any]:
    with pytest.raises(ApplicationError) as caught:
        eform_validate(schema, data)
    return caught.value.fields


def test_every_input_has_a_label_pointing_at_it() -> None:
    # when
    page = render(sample_schema())
    # then
    controls = [attrs for tag, attrs in page.elements if tag in ("input", "select", "textarea")]
    assert len(controls) == 20
    for control in controls:
        assert len(page.find("label", **{"for": control["id"]})) == 1, control
    assert page.text_of("label", **{"for": "ef-person--full_name"}) == "Họ và tên *"


def test_help_text_is_linked_with_aria_describedby() -> None:
    page = render(sample_schema())
    name = page.one("input", id="ef-person--full_name")
    assert name["aria-describedby"] == "ef-person--full_name-help"
    assert page.find("div", id="ef-person--full_name-help") == [
        {"class": "helptext", "id": "ef-person--full_name-help"}
    ]
    assert "aria-describedby" not in page.one("input", id="ef-person--phone")


def test_errors_are_shown_at_the_field_linked_and_summarised() -> None:
    # given a submission without a name and with a bad phone number
    data = sample_data(person={"birth_date": "1990-05-17", "gender": "female", "phone": "123"})
    errors = validation_errors(sample_schema(), data)
    # when
    page = render(sample_schema(), data, errors)
    # then the inputs say they are invalid and point at their messages
    name = page.one("input", id="ef-person--full_name")
    assert name["aria-invalid"] == "true"
    assert name["aria-describedby"] == "ef-person--full_name-help ef-person--full_name-error"
    assert page.text_of("ul", id="ef-person--full_name-error") == ""  # the <ul> itself; its <li> holds the text
    assert page.text_of("li", **{}) == "Người khai \u2013 Họ và tên: Trường này là bắt buộc."
    phone = page.one("input", id="ef-person--phone")
    assert (phone["aria-invalid"], phone["aria-describedby"], phone["value"]) == (
        "true",
        "ef-person--phone-error",
        "123",
    )
    # and the summary links to each field
    summary = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
    assert summary == ["#ef-person--full_name", "#ef-person--phone"]
    assert page.one("div", id="eform-errors")["role"] == "alert"


def test_choices_are_fieldsets_with_a_legend_and_one_label_per_option() -> None:
    page = render(sample_schema(), sample_data())
    group = page.one("fieldset", id="ef-person--gender")
    assert group["data-eform-field"] == "person.gender"
    assert page.text_of("legend", **{}) == "Người khai"
    radios = page.find("input", name="person.gender")
    assert [(radio["value"], "checked" in radio) for radio in radios] == [("male", False), ("female", True)]
    assert page.text_of("label", **{"for": "ef-person--gender-1"}) == "Nữ"
    assert [option.get("value") for option in page.find("option")] == ["", "Kinh", "Tày", "Thái", "Hoa", "Khơ-me"]


def test_phones_and_ids_get_the_right_keyboard_and_autofill() -> None:
    page = render(sample_schema())
    phone = page.one("input", id="ef-person--phone")
    assert (phone["type"], phone["inputmode"], phone["autocomplete"]) == ("tel", "tel", "tel")
    citizen_id = page.one("input", id="ef-person--citizen_id")
    assert (citizen_id["type"], citizen_id["inputmode"], citizen_id["autocomplete"]) == ("text", "numeric", "off")
    assert page.one("input", id="ef-person--tax_code")["inputmode"] == "numeric"
    assert page.one("input", id="ef-person--copies")["inputmode"] == "numeric"
    assert page.one("input", id="ef-person--full_name")["autocomplete"] == "name"
    assert page.one("input", id="ef-person--birth_date")["type"] == "date"


def test_required_fields_are_marked_and_conditional_ones_too() -> None:
    page = render(sample_schema())
    assert "required" in page.one("input", id="ef-person--full_name")
    assert "required" not in page.one("input", id="ef-person--phone")
    # required when shown (the father declared)
    assert "required" in page.one("input", id="ef-father--full_name")
    # the agent's section is shown only when an agent files, then its name is required
    assert "required" in page.one("input", id="ef-agent--full_name")


def test_conditional_parts_carry_their_condition_for_the_script_and_stay_visible_without_it() -> None:
    page = render(sample_schema())
    group = page.one("div", **{"data-eform-visible-when": '{"field":"father.declared","equals":true}'})
    assert group["class"] == "eform-conditional"
    section = page.one("fieldset", id="ef-agent")
    assert section["data-eform-visible-when"] == '{"field":"filing.filed_by","equals":"agent"}'
    assert not [attrs for tag, attrs in page.elements if "hidden" in attrs]


def test_a_fresh_form_shows_the_defaults_and_a_submitted_one_what_was_typed() -> None:
    fresh = render(sample_schema())
    assert "checked" in fresh.one("input", id="ef-filing--filed_by-0")
    assert "checked" in fresh.one("input", id="ef-father--declared-0")
    submitted = render(sample_schema(), {"father": {"declared": "false"}, "person": {"copies": "ba"}})
    assert "checked" in submitted.one("input", id="ef-father--declared-1")
    assert "checked" not in submitted.one("input", id="ef-filing--filed_by-0")
    assert submitted.one("input", id="ef-person--copies")["value"] == "ba"


def test_submitted_values_are_escaped() -> None:
    page = render(sample_schema(), {"person": {"full_name": '"><script>alert(1)</script>'}})
    assert page.one("input", id="ef-person--full_name")["value"] == '"><script>alert(1)</script>'
    assert page.find("script") == []


def test_the_form_speaks_english_on_an_english_page() -> None:
    errors = validation_errors(sample_schema(), {})
    page = render(sample_schema(), {}, errors, language="en")
    assert page.text_of("label", **{"for": "ef-person--full_name"}) == "Full name *"
    assert page.text_of("li", **{}) == "Applicant \u2013 Full name: This field is required."


def test_the_summary_names_the_section_for_a_declaration_rather_than_its_whole_text() -> None:
    errors = validation_errors(sample_schema(), sample_data(declaration={"confirmed": False}))
    page = render(sample_schema(), sample_data(declaration={"confirmed": False}), errors)
    with translation.override("vi"):
        confirm = str(messages.CONFIRM)
    assert page.text_of("li", **{}) == f"Lời cam đoan: {confirm}"
    checkbox = page.one("input", id="ef-declaration--confirmed")
    assert (checkbox["type"], checkbox["value"], checkbox["aria-describedby"]) == (
        "checkbox",
        "true",
        "ef-declaration--confirmed-error",
    )


def test_the_birth_registration_form_renders_every_field_with_a_label() -> None:
    schema = eform_schema_for("1.001193")
    assert schema is not None
    page = render(schema)
    controls = [attrs for tag, attrs in page.elements if tag in ("input", "select", "textarea")]
    names = {control["name"] for control in controls}
    assert len(names) == 42
    for control in controls:
        assert page.find("label", **{"for": control["id"]}), control
    assert page.one("input", id="ef-child--birth_date")["max"]  # not in the future


def test_the_summary_shows_labels_and_readable_values() -> None:
    # given
    schema = eform_schema_for("1.001193")
    assert schema is not None
    from .eforms_fixtures import valid_birth_data

    cleaned = eform_validate(schema, valid_birth_data())
    # when
    with translation.override("vi"):
        html = Template("{% load eforms %}{% eform_summary schema cleaned %}").render(
            Context({"schema": schema, "cleaned": cleaned})
        )
    # then
    assert "<dt>Ngày, tháng, năm sinh</dt><dd>02/03/2026</dd>" in html
    assert "<dt>Giới tính</dt><dd>Nam</dd>" in html
    assert "<dt>Thông tin về người cha</dt><dd>Chưa xác định được người cha</dd>" in html
    assert "Họ, chữ đệm, tên</dt><dd>Nguyễn Minh An" in html
