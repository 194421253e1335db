"""Meta-validation of e-form schemas: well-formed ones pass, malformed ones are refused with
bilingual errors located by JSON pointer."""

import json
from collections.abc import Callable
from typing import Any

import pytest

from config.env import BASE_DIR
from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_schema_check, eform_schema_codes, eform_schema_for

from .eforms_fixtures import sample_schema, t

CATALOGUE = BASE_DIR.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"


def refusal(schema: Any) -> dict[str, list[str]]:
    """The English messages of the refusal, by pointer."""
    with pytest.raises(ApplicationError) as caught:
        eform_schema_check(schema)
    assert caught.value.code == "eform_schema_invalid"
    assert caught.value.status == 400
    for messages in caught.value.fields.values():
        assert all(set(message) == {"vi", "en"} and message["vi"] and message["en"] for message in messages)
    return {pointer: [message["en"] for message in messages] for pointer, messages in caught.value.fields.items()}


def test_a_well_formed_schema_passes() -> None:
    # when / then: no exception
    eform_schema_check(sample_schema())


def person_field(schema: dict[str, Any], name: str) -> dict[str, Any]:
    field: dict[str, Any] = schema["properties"]["person"]["properties"][name]
    return field


P = "#/properties/person/properties"


def _set(path: list[str | int], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(schema: dict[str, Any]) -> None:
        node: Any = schema
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def _delete(path: list[str | int]) -> Callable[[dict[str, Any]], None]:
    def change(schema: dict[str, Any]) -> None:
        node: Any = schema
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


PERSON: list[str | int] = ["properties", "person", "properties"]
FATHER: list[str | int] = ["properties", "father", "properties"]

BROKEN: list[tuple[str, Callable[[dict[str, Any]], None], str, str]] = [
    (
        "unknown widget",
        _set([*PERSON, "note", "x-ui", "widget"], "slider"),
        f"{P}/note/x-ui/widget",
        "Unknown widget slider.",
    ),
    (
        "widget for another type",
        _set([*PERSON, "copies", "x-ui", "widget"], "date"),
        f"{P}/copies/x-ui/widget",
        "The widget date cannot show a integer field.",
    ),
    (
        "widget without its format",
        _delete([*PERSON, "phone", "format"]),
        f"{P}/phone/x-ui/widget",
        "The widget tel needs format vn-phone.",
    ),
    (
        "no label",
        _delete([*PERSON, "note", "x-ui", "label"]),
        f"{P}/note/x-ui/label",
        'Expected a text: a string or {"vi": …, "en": …}.',
    ),
    (
        "half a translation",
        _set([*PERSON, "note", "x-ui", "label"], {"vi": "Ghi chú"}),
        f"{P}/note/x-ui/label",
        'Expected a text: a string or {"vi": …, "en": …}.',
    ),
    ("misspelt hint", _set([*PERSON, "note", "x-ui", "lable"], "x"), f"{P}/note/x-ui/lable", "Unknown keyword lable."),
    ("misspelt keyword", _set([*PERSON, "note", "maxlength"], 5), f"{P}/note/maxlength", "Unknown keyword maxlength."),
    (
        "unknown format",
        _set([*PERSON, "citizen_id", "format"], "cmnd"),
        f"{P}/citizen_id/format",
        "Unknown format cmnd.",
    ),
    (
        "select without options",
        _delete([*PERSON, "ethnicity", "enum"]),
        f"{P}/ethnicity/x-ui/widget",
        "Select and radio widgets need options (enum).",
    ),
    (
        "choices that differ from the enum",
        _set([*PERSON, "gender", "enum"], ["male", "female", "other"]),
        f"{P}/gender/x-ui/choices",
        "The choices must list each allowed value once.",
    ),
    (
        "a required field that does not exist",
        _set(["properties", "person", "required"], ["full_name", "fullname"]),
        "#/properties/person/required/1",
        "No such field: fullname.",
    ),
    (
        "a condition on a missing field",
        _set([*FATHER, "full_name", "x-ui", "visible_when"], {"field": "father.known", "equals": True}),
        "#/properties/father/properties/full_name/x-ui/visible_when",
        "No such field: father.known.",
    ),
    (
        "a condition on a value the field cannot take",
        _set([*FATHER, "full_name", "x-ui", "visible_when"], {"field": "filing.filed_by", "equals": "lawyer"}),
        "#/properties/father/properties/full_name/x-ui/visible_when",
        "The value tested is not an option of filing.filed_by.",
    ),
    (
        "a conditional field that is always required",
        _set(["properties", "father", "required"], ["declared", "full_name"]),
        "#/properties/father/properties/full_name/x-ui/visible_when",
        "What is shown only sometimes cannot always be required: use if/then.",
    ),
    (
        "an if that passes when the field is empty",
        _set(["properties", "father", "allOf", 0, "if"], {"properties": {"declared": {"const": True}}}),
        "#/properties/father/allOf/0/if",
        "List tested fields under required, or an empty field passes.",
    ),
    (
        "a reference",
        _set([*PERSON, "note", "$ref"], "https://example.com/x.json"),
        f"{P}/note/$ref",
        "References are not supported: write the part out.",
    ),
    (
        "a nested group",
        _set([*PERSON, "address"], {"type": "object", "properties": {}}),
        f"{P}/address",
        "Sections hold fields, not nested groups.",
    ),
    (
        "a section without title",
        _delete(["properties", "person", "x-ui", "title"]),
        "#/properties/person/x-ui/title",
        'Expected a text: a string or {"vi": …, "en": …}.',
    ),
    (
        "a dotted name",
        _set([*PERSON, "a.b"], {"type": "string", "x-ui": {"label": "x"}}),
        f"{P}/a.b",
        "Section and field names cannot contain a dot.",
    ),
    (
        "a huge text",
        _set([*PERSON, "note", "maxLength"], 1_000_000),
        f"{P}/note/maxLength",
        "maxLength must be at most 10000.",
    ),
    (
        "a broken pattern",
        _set([*PERSON, "note", "pattern"], "([a-z"),
        f"{P}/note/pattern",
        "Not valid JSON Schema 2020-12: '([a-z' is not a 'regex'",
    ),
    (
        "a pattern that can backtrack for ever",
        _set([*PERSON, "note", "pattern"], "^(\\w+\\s?)*$"),
        f"{P}/note/pattern",
        "The pattern repeats a repetition: it can be very slow.",
    ),
    (
        "an impossible default",
        _set([*PERSON, "copies", "default"], 99),
        f"{P}/copies/default",
        "The default is not a valid value of this field.",
    ),
    (
        "a hint on the wrong field",
        _set([*PERSON, "note", "x-ui", "min_age"], 18),
        f"{P}/note/x-ui/min_age",
        "min_age is a number of years, on a date field.",
    ),
    (
        "another dialect",
        _set(["$schema"], "http://json-schema.org/draft-07/schema#"),
        "#/$schema",
        "Use the JSON Schema draft 2020-12 dialect.",
    ),
    ("no sections", _set(["properties"], {}), "#/properties", "The form needs at least one section."),
]


@pytest.mark.parametrize(
    ("change", "pointer", "message"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_a_malformed_schema_is_refused_where_it_is_wrong(
    change: Callable[[dict[str, Any]], None], pointer: str, message: str
) -> None:
    # given
    schema = sample_schema()
    change(schema)
    # when
    errors = refusal(schema)
    # then
    assert message in errors[pointer]


def test_invalid_json_schema_is_reported_with_the_metaschema_error() -> None:
    # given a type that JSON Schema does not have
    schema = sample_schema()
    person_field(schema, "note")["type"] = "strin"
    # when
    errors = refusal(schema)
    # then
    assert list(errors) == [f"{P}/note/type"]
    assert errors[f"{P}/note/type"][0].startswith("Not valid JSON Schema 2020-12: 'strin' is not valid")


@pytest.mark.parametrize("schema", [None, [], "form", 42])
def test_a_schema_that_is_not_an_object_is_refused(schema: Any) -> None:
    assert refusal(schema) == {"#": ["The schema must be a JSON object."]}


def test_a_cycle_of_conditions_is_refused() -> None:
    # given the father's section shown when the agent is named, and the agent's when the father is
    schema = sample_schema()
    schema["properties"]["father"]["x-ui"]["visible_when"] = {"field": "agent.full_name", "in": ["x"]}
    schema["properties"]["agent"]["properties"]["full_name"] = {
        "type": "string",
        "enum": ["x", "y"],
        "x-ui": {"label": "x", "widget": "select", "visible_when": {"field": "father.declared", "equals": True}},
    }
    schema["properties"]["agent"]["x-ui"].pop("visible_when")
    # when
    errors = refusal(schema)
    # then
    assert errors == {"#/properties": ["The visible_when conditions form a cycle."]}


def test_sizes_are_bounded() -> None:
    # given a form of 401 fields, and one of over 256 kB
    many = sample_schema()
    many["properties"]["person"]["properties"] = {
        f"f{index}": {"type": "string", "x-ui": {"label": "x"}} for index in range(401)
    }
    many["properties"]["person"]["required"] = []
    huge = sample_schema()
    person_field(huge, "note")["x-ui"]["help"] = "x" * 300_000
    # then
    assert refusal(many) == {"#/properties": ["A form has at most 400 fields."]}
    assert refusal(huge) == {"#": ["The schema is larger than 256 kB."]}


def test_all_problems_are_reported_at_once() -> None:
    # given two unrelated mistakes
    schema = sample_schema()
    person_field(schema, "note")["x-ui"]["widget"] = "slider"
    person_field(schema, "phone")["x-ui"]["label"] = ""
    # then
    assert set(refusal(schema)) == {f"{P}/note/x-ui/widget", f"{P}/phone/x-ui/label"}


def test_the_shipped_schemas_cover_the_demo_procedures() -> None:
    assert eform_schema_codes() == ["1.000656", "1.000894", "1.001193", "1.001612", "1.010041", "2.000635", "2.000815"]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("1.001193", "Thủ tục đăng ký khai sinh"),
        ("1.000656", "Thủ tục đăng ký khai tử"),
        ("1.000894", "Thủ tục đăng ký kết hôn"),
        ("1.010041", "Xác nhận thông tin về cư trú"),
        ("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"),
        ("2.000635", "Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"),
        ("1.001612", "Đăng ký thành lập hộ kinh doanh"),
    ],
)
def test_every_shipped_schema_is_valid_and_named_after_a_real_national_code(code: str, name: str) -> None:
    # given the national catalogue's record of the code
    records = {
        record["ma_thu_tuc"]: record for record in map(json.loads, CATALOGUE.read_text(encoding="utf-8").splitlines())
    }
    # when
    schema = eform_schema_for(code)
    # then
    assert schema is not None
    eform_schema_check(schema)
    assert records[code]["ten_thu_tuc"].startswith(name)


def test_the_birth_registration_form_has_the_fields_of_the_paper_form() -> None:
    # given
    schema = eform_schema_for("1.001193")
    assert schema is not None
    # when
    fields = {name: list(section["properties"]) for name, section in schema["properties"].items()}
    # then: TT 04/2020/TT-BTP as amended by TT 04/2024/TT-BTP
    assert fields == {
        "authority": ["registry_office"],
        "requester": [
            "full_name", "id_document_type", "citizen_id", "document_number", "document_issuer",
            "document_issue_date", "residence", "relationship", "relationship_detail", "phone", "email",
        ],
        "child": [
            "full_name", "birth_date", "gender", "ethnicity", "nationality", "birth_place_kind",
            "birth_facility", "birth_certificate_number", "birth_place", "hometown",
        ],
        "mother": ["declared", "full_name", "birth_year", "ethnicity", "nationality", "residence", "citizen_id"],
        "father": ["declared", "full_name", "birth_year", "ethnicity", "nationality", "residence", "citizen_id"],
        "copies": ["requested", "count"],
        "delivery": ["method", "postal_address"],
        "declaration": ["confirmed", "signed_at"],
    }  # fmt: skip
    assert len(schema["properties"]["child"]["properties"]["ethnicity"]["enum"]) == 54


@pytest.mark.parametrize("code", ["9.999999", "../1.001193", "1.001193/../../x", "", "1.001193.json"])
def test_there_is_no_schema_for_unknown_or_crafted_codes(code: str) -> None:
    assert eform_schema_for(code) is None


def test_each_call_returns_a_fresh_copy() -> None:
    # given
    first = eform_schema_for("1.001193")
    assert first is not None
    # when a caller changes its copy
    first["properties"].clear()
    # then the next caller still gets the whole form
    second = eform_schema_for("1.001193")
    assert second is not None
    assert len(second["properties"]) == 8


def test_plain_strings_are_texts_in_both_languages() -> None:
    # given a label that is a proper name, the same in both languages
    schema = sample_schema()
    person_field(schema, "note")["x-ui"]["label"] = "Ghi chú / Note"
    person_field(schema, "phone")["x-ui"]["label"] = t("Điện thoại", "Phone")
    # then
    eform_schema_check(schema)
