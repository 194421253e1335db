"""The fees at the one-stop desk: computed from the dossier's e-form answers with the province's
rates in force on the day it was received, the case a rate depends on named (Luật Phí và lệ phí
97/2015/QH13 Điều 10, Điều 21 k2); rates without a case charged as before."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, user
from egov.dossiers.tests.test_result_drafting import APPLICANT, BIRTH_FORM
from egov.procedures.eforms import eform_schema_for, eform_validate
from egov.procedures.models import Channel, Procedure, ProvincialFee
from egov.procedures.services.provincial_fees import provincial_fee_save

COPY_FEE = "Phí cấp bản sao Trích lục khai sinh"
FROM_THREE = {
    "condition_field": "copies.count",
    "condition_operator": "at_least",
    "condition_value": "3",
    "condition_label": "Từ 3 bản trở lên",
}


@pytest.fixture
def copy_rates(demo: None) -> None:
    """Birth registration's copies priced by the province's table: 8.000 đồng a copy, 5.000 from the
    third copy on from 1 November 2026."""
    procedure = Procedure.objects.get(code="1.001193")
    council = {"amount": "0", "currency": "VND", "description": "Phí do Hội đồng nhân dân tỉnh quyết định"}
    Channel.objects.filter(version=procedure.current_version).update(fees=[council], fee_text="")
    common = {"procedure": procedure, "name": COPY_FEE, "per": "copies.count", "resolution_number": "01/2025/NQ-HĐND"}
    provincial_fee_save(fee=ProvincialFee(amount=8000, effective_from=date(2025, 7, 1), **common), acting_user=None)
    provincial_fee_save(
        fee=ProvincialFee(amount=5000, effective_from=date(2026, 11, 1), **common, **FROM_THREE), acting_user=None
    )


def received(receive_birth: ReceiveFn, copies: str) -> Any:
    schema = eform_schema_for("1.001193")
    assert schema is not None
    form = {**BIRTH_FORM, "copies": {"requested": "true", "count": copies}}
    return receive_birth(applicant=APPLICANT, form_data=eform_validate(schema, form))


def page(code: str, username: str = "ttpdonghoi_ngothithanhtam") -> str:
    client = Client()
    client.force_login(user(username))
    response = client.get(f"/staff/dossiers/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def fee_section(html: str) -> str:
    start = html.index('id="fees-title"')
    return html[start : html.index("</section>", start)]


def test_the_desk_sees_the_fee_of_the_applicant_s_case(copy_rates: None, receive_birth: ReceiveFn, travel: Any) -> None:
    # given a walk-in applicant asking for 3 copies, received on Monday 2 November 2026
    travel(MONDAY_9AM)
    dossier = received(receive_birth, "3")
    # when the desk opens the dossier
    fees = fee_section(page(dossier.code))
    # then the rate of her case is charged and the case named, with the total to collect
    assert COPY_FEE in fees
    assert "Từ 3 bản trở lên" in fees
    assert "3 \u00d7 5.000 đồng" in fees
    assert fees.count("15.000 đồng") == 3  # the line, the total, what is left to collect
    assert "01/2025/NQ-HĐND" in fees


def test_the_rates_are_those_in_force_on_the_day_of_receipt(
    copy_rates: None, receive_birth: ReceiveFn, travel: Any
) -> None:
    # given a dossier received before the rate for 3 copies came into force, opened afterwards
    travel(MONDAY_9AM - timedelta(days=7))
    dossier = received(receive_birth, "3")
    travel(MONDAY_9AM)
    fees = fee_section(page(dossier.code))
    # then the general rate of its day, no case
    assert "3 \u00d7 8.000 đồng" in fees
    assert "Từ 3 bản trở lên" not in fees
    # and an applicant asking for 2 copies now pays the general rate
    fewer = fee_section(page(received(receive_birth, "2").code))
    assert "2 \u00d7 8.000 đồng" in fewer
    assert "Từ 3 bản trở lên" not in fewer


def test_a_dossier_without_fees_shows_none(receive_birth: ReceiveFn, travel: Any) -> None:
    # the demo's birth registration charges nothing for a registration without copies
    travel(MONDAY_9AM)
    schema = eform_schema_for("1.001193")
    assert schema is not None
    form = {**BIRTH_FORM, "copies": {"requested": "false"}}
    dossier = receive_birth(applicant=APPLICANT, form_data=eform_validate(schema, form))
    assert 'id="fees-title"' not in page(dossier.code)
