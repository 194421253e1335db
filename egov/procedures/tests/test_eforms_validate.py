"""Server-side validation of e-form data: requiredness (also conditional), unknown fields, types,
sizes, hidden parts, and bilingual messages keyed by field."""

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import QueryDict

from egov.core.errors import ApplicationError
from egov.procedures.eforms import eform_data_from_post, eform_schema_for, eform_validate

from .eforms_fixtures import sample_data, sample_schema, valid_birth_data

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def errors(schema: dict[str, Any], data: Any) -> dict[str, list[str]]:
    with pytest.raises(ApplicationError) as caught:
        eform_validate(schema, data)
    assert caught.value.code == "eform_invalid"
    assert caught.value.status == 400
    return {field: [message["en"] for message in messages] for field, messages in caught.value.fields.items()}


def test_valid_data_comes_back_typed_and_trimmed() -> None:
    # given what a browser would post, as strings
    data = sample_data(
        person={
            "full_name": " Nguyễn  Thị Hoa ",
            "birth_date": "1990-05-17",
            "gender": "female",
            "copies": "3",
            "note": "  Dòng 1\n  Dòng 2  ",
        }
    )
    # when
    cleaned = eform_validate(sample_schema(), data)
    # then
    assert cleaned == {
        "person": {
            "full_name": "Nguyễn Thị Hoa",
            "birth_date": "1990-05-17",
            "gender": "female",
            "copies": 3,
            "note": "Dòng 1\n  Dòng 2",
        },
        "father": {"declared": False},
        "filing": {"filed_by": "self"},
        "declaration": {"confirmed": True},
    }


def test_missing_required_fields_are_named_one_by_one_in_both_languages() -> None:
    # when nothing at all is sent
    with pytest.raises(ApplicationError) as caught:
        eform_validate(sample_schema(), {})
    # then each required field has its own message, in form order
    assert list(caught.value.fields) == [
        "person.full_name",
        "person.birth_date",
        "person.gender",
        "father.declared",
        "filing.filed_by",
        "declaration.confirmed",
    ]
    assert caught.value.fields["person.full_name"] == [
        {"vi": "Trường này là bắt buộc.", "en": "This field is required."}
    ]
    assert caught.value.fields["declaration.confirmed"][0]["en"] == "Tick the box to confirm this statement."


def test_empty_strings_count_as_missing() -> None:
    assert errors(sample_schema(), sample_data(person={"full_name": "   ", "birth_date": "", "gender": "female"})) == {
        "person.full_name": ["This field is required."],
        "person.birth_date": ["This field is required."],
    }


def test_fields_shown_under_a_condition_are_required_when_it_holds() -> None:
    # given the father declared but not named
    data = sample_data(father={"declared": True})
    # then
    assert errors(sample_schema(), data) == {
        "father.full_name": ["This field is required."],
        "father.birth_year": ["This field is required."],
    }


def test_fields_of_an_undeclared_father_are_dropped_not_checked() -> None:
    # given the father not declared, but his fields still filled in (a browser without JavaScript)
    data = sample_data(father={"declared": "false", "full_name": "Trần 123", "birth_year": "năm"})
    # when
    cleaned = eform_validate(sample_schema(), data)
    # then
    assert cleaned["father"] == {"declared": False}


def test_a_section_shown_under_a_condition_is_required_and_kept_only_then() -> None:
    schema = sample_schema()
    # an agent files, unnamed
    assert errors(schema, sample_data(filing={"filed_by": "agent"})) == {"agent.full_name": ["This field is required."]}
    # an agent files, named
    assert eform_validate(schema, sample_data(filing={"filed_by": "agent"}, agent={"full_name": "Lê Văn Tâm"}))[
        "agent"
    ] == {"full_name": "Lê Văn Tâm"}
    # the applicant files: the agent's section is dropped whatever it holds
    assert "agent" not in eform_validate(schema, sample_data(agent={"full_name": "Lê 1"}))


def test_unknown_fields_are_refused_at_every_level() -> None:
    # given
    data = sample_data(
        person={"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female", "is_admin": True}
    )
    data["extra"] = {"x": 1}
    # then
    assert errors(sample_schema(), data) == {
        "extra": ["This form has no such field."],
        "person.is_admin": ["This form has no such field."],
    }


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"copies": "ba"}, "copies", "Enter a whole number, digits only."),
        ({"copies": "2.5"}, "copies", "Enter a whole number, digits only."),
        ({"copies": True}, "copies", "Enter a whole number, digits only."),
        ({"copies": 0}, "copies", "Enter 1 or more."),
        ({"copies": "11"}, "copies", "Enter 10 or less."),
        ({"gender": "other"}, "gender", "Choose one of the options."),
        ({"ethnicity": "Kinh "}, "ethnicity", None),
        ({"ethnicity": "Việt"}, "ethnicity", "Choose one of the options."),
        ({"languages": ["vi", "fr"]}, "languages", "Choose one of the options."),
        ({"languages": ["vi", "vi"]}, "languages", "Choose each option once."),
        ({"full_name": "Nguyễn " * 20}, "full_name", "Enter at most 100 characters."),
        ({"note": "x" * 1001}, "note", "Enter at most 1000 characters."),
        ({"note": {"text": "x"}}, "note", "Enter text."),
    ],
)
def test_values_of_the_wrong_kind_get_a_plain_message(values: dict[str, Any], field: str, message: str | None) -> None:
    # given
    data = sample_data(person={"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female", **values})
    # then
    if message is None:
        eform_validate(sample_schema(), data)
    else:
        assert errors(sample_schema(), data) == {f"person.{field}": [message]}


def test_a_declaration_must_be_ticked() -> None:
    assert errors(sample_schema(), sample_data(declaration={"confirmed": False})) == {
        "declaration.confirmed": ["Tick the box to confirm this statement."]
    }


@time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=VN), tick=False)
def test_a_year_marked_not_future_is_checked_against_this_year() -> None:
    schema = sample_schema()
    assert (
        eform_validate(
            schema, sample_data(father={"declared": True, "full_name": "Trần Văn Nam", "birth_year": "2026"})
        )["father"]["birth_year"]
        == 2026
    )
    assert errors(schema, sample_data(father={"declared": True, "full_name": "Trần Văn Nam", "birth_year": 2027})) == {
        "father.birth_year": ["This year cannot be in the future."]
    }


@time_machine.travel(datetime(2026, 3, 6, 9, 0, tzinfo=VN), tick=False)
def test_marriage_age_is_whole_years_on_the_day() -> None:
    # given the marriage form (a man must be 20, a woman 18: Law on Marriage and Family, Article 8)
    schema = eform_schema_for("1.000894")
    assert schema is not None
    data = json.loads(json.dumps(_marriage()))
    # a man born 7 March 2006 is 19 until tomorrow
    data["groom"]["birth_date"] = "2006-03-07"
    assert errors(schema, data) == {"groom.birth_date": ["The person must be at least 20 years old."]}
    # born 6 March 2006 he is 20 today
    data["groom"]["birth_date"] = "2006-03-06"
    assert eform_validate(schema, data)["groom"]["birth_date"] == "2006-03-06"


def _marriage() -> dict[str, Any]:
    spouse = {
        "ethnicity": "Kinh",
        "nationality": "Việt Nam",
        "residence": "Phường Đồng Hới, tỉnh Quảng Trị",
        "marriage_number": 1,
    }
    return {
        "authority": {"registry_office": "Ủy ban nhân dân phường Đồng Hới"},
        "bride": {"full_name": "Lê Thị Mai", "birth_date": "2000-01-01", "citizen_id": "044300012345", **spouse},
        "groom": {"full_name": "Hoàng Văn Đức", "birth_date": "1998-01-01", "citizen_id": "044098012345", **spouse},
        "contact": {"submitted_by": "bride", "phone": "0912345678"},
        "copies": {"requested": False},
        "declaration": {"confirmed": True},
    }


def test_a_complete_birth_registration_is_accepted_with_the_father_not_declared() -> None:
    # given
    schema = eform_schema_for("1.001193")
    assert schema is not None
    # when
    cleaned = eform_validate(schema, valid_birth_data())
    # then
    assert cleaned["father"] == {"declared": False}
    assert cleaned["copies"] == {"requested": True, "count": 2}
    assert cleaned == valid_birth_data()


def test_birth_registration_requires_the_identity_document_that_was_chosen() -> None:
    schema = eform_schema_for("1.001193")
    assert schema is not None
    data = valid_birth_data()
    data["requester"]["id_document_type"] = "passport"
    # then the passport's number, issuer and date are required, and the ID number is dropped
    assert errors(schema, data) == {
        "requester.document_number": ["This field is required."],
        "requester.document_issuer": ["This field is required."],
        "requester.document_issue_date": ["This field is required."],
    }
    data["requester"].update(
        document_number="C1234567", document_issuer="Cục Quản lý xuất nhập cảnh", document_issue_date="2020-06-01"
    )
    assert "citizen_id" not in eform_validate(schema, data)["requester"]


def test_conditions_chain_a_hidden_question_hides_its_follow_ups() -> None:
    # given a certified copy asked for electronically, with a postal address left over from earlier choices
    schema = eform_schema_for("2.000815")
    assert schema is not None
    data = {
        "requester": {"full_name": "Phạm Văn Long", "citizen_id": "044085012345", "phone": "0905123456"},
        "document": {
            "title": "Bằng tốt nghiệp đại học",
            "issuer": "Trường Đại học Huế",
            "issued_abroad": False,
            "pages": 1,
            "copies": 3,
        },
        "result": {"copy_kind": "electronic", "method": "post", "postal_address": "Số 1 Trần Hưng Đạo"},
        "declaration": {"confirmed": True},
    }
    # then the delivery questions, which only apply to paper copies, are dropped
    assert eform_validate(schema, data)["result"] == {"copy_kind": "electronic"}
    # and with paper copies by post, the address is required
    data["result"] = {"copy_kind": "paper", "method": "post"}
    assert errors(schema, data) == {"result.postal_address": ["This field is required."]}


def test_a_custom_message_replaces_the_generic_one() -> None:
    schema = eform_schema_for("1.001612")
    assert schema is not None
    with pytest.raises(ApplicationError) as caught:
        eform_validate(schema, {"business": {"name": "Quán Minh Anh", "main_activity_code": "56"}})
    assert caught.value.fields["business.name"] == [
        {
            "vi": "Tên bắt đầu bằng cụm từ “Hộ kinh doanh”, ví dụ: Hộ kinh doanh Minh Anh.",
            "en": "The name starts with “Hộ kinh doanh”, for example: Hộ kinh doanh Minh Anh.",
        }
    ]
    assert caught.value.fields["business.main_activity_code"][0]["en"] == "A four-digit activity code."


@pytest.mark.parametrize("data", [None, [], "x", 3])
def test_data_that_is_not_an_object_is_refused(data: Any) -> None:
    assert errors(sample_schema(), data) == {"__all__": ["The form data must be a JSON object."]}


def test_oversized_data_is_refused_before_any_work() -> None:
    # given half a megabyte of text in one field
    data = sample_data(
        person={"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female", "note": "x" * 500_000}
    )
    # when
    with pytest.raises(ApplicationError) as caught:
        eform_validate(sample_schema(), data)
    # then
    assert (caught.value.code, caught.value.status) == ("eform_too_large", 413)


def test_a_section_sent_as_something_else_is_refused() -> None:
    assert errors(sample_schema(), sample_data(person="Nguyễn Thị Hoa")) == {
        "person": ["This part of the form must be a group of fields."]
    }


def test_an_html_post_becomes_nested_data() -> None:
    # given what the browser posts: dotted names, strings, several values for a list, no unticked box
    post = QueryDict(mutable=True)
    post.update(
        {
            "csrfmiddlewaretoken": "token",
            "person.full_name": "Nguyễn Thị Hoa",
            "person.copies": "2",
            "father.declared": "true",
            "hack": "1",
        }
    )
    post.setlist("person.languages", ["vi", "en"])
    # when
    data = eform_data_from_post(sample_schema(), post)
    # then
    assert data == {
        "person": {"full_name": "Nguyễn Thị Hoa", "copies": "2", "languages": ["vi", "en"]},
        "father": {"declared": "true"},
        "hack": "1",
        "declaration": {"confirmed": False},
    }


def test_whole_numbers_sent_as_json_floats_are_stored_as_integers() -> None:
    data = sample_data(
        person={"full_name": "Nguyễn Thị Hoa", "birth_date": "1990-05-17", "gender": "female", "copies": 2.0}
    )
    assert eform_validate(sample_schema(), data)["person"]["copies"] == 2
