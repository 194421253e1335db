"""The e-form one section per page: prefill rule, conditions across sections, imaging."""

import pytest

from egov.portal.forms_apply import (
    first_step_with_errors,
    form_errors,
    form_steps,
    initial_answers,
    section_schema,
    visible_steps,
)
from egov.portal.imaging import ImageRejectedError, UploadKind, image_to_pdf, sniff_kind
from egov.portal.tests.conftest import image_bytes
from egov.procedures.eforms import eform_schema_for
from egov.procedures.eforms.prefill import requester_answers
from egov.procedures.eforms.spec import JSONDict


def shipped(code: str) -> JSONDict:
    schema = eform_schema_for(code)
    assert schema is not None
    return schema


PROFILE = {"full_name": "Lê Hoàng Phúc", "citizen_id": "044201003456", "phone": "0905110003", "email": "p@example.com"}


def test_prefill_puts_the_account_in_the_requester_fields_only():
    schema = shipped("1.001193")
    data = initial_answers(schema, PROFILE)
    assert data["requester"] == {
        "full_name": "Lê Hoàng Phúc",
        "id_document_type": "citizen_id_card",
        "citizen_id": "044201003456",
        "phone": "0905110003",
        "email": "p@example.com",
    }
    assert "full_name" not in data["child"]
    assert "full_name" not in data["father"]
    assert data["father"]["declared"] == "true"
    assert data["copies"]["requested"] == "false"


def test_prefill_of_a_marriage_fills_contact_details_but_no_spouse():
    data = initial_answers(shipped("1.000894"), PROFILE)
    assert data["contact"]["phone"] == "0905110003"
    assert data["contact"]["email"] == "p@example.com"
    assert "full_name" not in data["bride"]
    assert "full_name" not in data["groom"]


def test_a_section_shown_on_another_sections_answer_is_a_step_only_when_it_applies():
    schema = shipped("1.001612")
    names = [step.name for step in form_steps(schema)]
    assert "representative" in names
    hidden = visible_steps(schema, {"filing": {"filed_by": "owner"}})
    shown = visible_steps(schema, {"filing": {"filed_by": "authorised"}})
    assert "representative" not in [step.name for step in hidden]
    assert "representative" in [step.name for step in shown]
    page = section_schema(schema, "representative", {"filing": {"filed_by": "authorised"}})
    section = page["properties"]["representative"]
    assert "visible_when" not in section["x-ui"]
    assert {"full_name", "citizen_id", "phone"} <= set(section["required"])  # required by the form's own rule


def test_a_field_depending_on_another_section_is_decided_on_the_server():
    schema = shipped("1.001193")
    schema["properties"]["delivery"]["properties"]["postal_address"]["x-ui"]["visible_when"] = {
        "field": "copies.requested",
        "equals": True,
    }
    without = section_schema(schema, "delivery", {"copies": {"requested": "false"}})
    with_copies = section_schema(schema, "delivery", {"copies": {"requested": "true"}})
    assert "postal_address" not in without["properties"]["delivery"]["properties"]
    assert "visible_when" not in with_copies["properties"]["delivery"]["properties"]["postal_address"]["x-ui"]


def test_errors_lead_to_the_first_invalid_step_and_the_requester_answers_are_read():
    schema = shipped("1.001193")
    data = initial_answers(schema, PROFILE)
    cleaned, errors = form_errors(schema, data)
    assert cleaned is None
    first = first_step_with_errors(visible_steps(schema, data), errors)
    assert first is not None
    assert first.name == "authority"
    assert requester_answers(schema, {"requester": {"full_name": "A", "residence": "Đồng Hới", "phone": "0905"}}) == {
        "full_name": "A",
        "address": "Đồng Hới",
        "phone": "0905",
    }


def test_sniffing_reads_the_content_not_the_name():
    assert sniff_kind(b"%PDF-1.7\n") is UploadKind.PDF
    assert sniff_kind(image_bytes("JPEG")) is UploadKind.JPEG
    assert sniff_kind(image_bytes("PNG")) is UploadKind.PNG
    assert sniff_kind(b"MZ\x90\x00") is None
    assert sniff_kind(b"<html>%PDF-") is None


def test_image_to_pdf_scales_large_photos_and_refuses_bombs():
    pdf = image_to_pdf(image_bytes("JPEG", (5000, 3000)), max_pixels=50_000_000)
    assert pdf.startswith(b"%PDF-")
    assert b"/Width 3508" in pdf
    with pytest.raises(ImageRejectedError) as refused:
        image_to_pdf(image_bytes("PNG", (3000, 3000)), max_pixels=1_000_000)
    assert refused.value.reason == "too_many_pixels"
    with pytest.raises(ImageRejectedError) as broken:
        image_to_pdf(b"\x89PNG\r\n\x1a\nnot really", max_pixels=1_000_000)
    assert broken.value.reason == "unreadable"
