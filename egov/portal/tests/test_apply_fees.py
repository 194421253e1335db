"""Fees that add up (issue 13): paying for 2.000635 as the national catalogue publishes it, copies that
multiply the fee on the page, the payment and the receipt, and fees the provincial People's Council
sets, charged from the province's table or confirmed at the desk — never shown as free."""

from typing import Any

import pytest
from django.test import Client

from egov.dossiers.tests.conftest import agency_of
from egov.payments.models import Payment
from egov.portal.models import Application
from egov.portal.selectors_apply import application_papers
from egov.portal.tests.conftest import draft_url, pdf_bytes, upload
from egov.portal.tests.test_apply_payment import pay_in_sandbox
from egov.procedures.choices import ChannelKind
from egov.procedures.importers.flat_channels import parse_channels
from egov.procedures.models import Channel, Procedure
from egov.procedures.tests.test_fee_names import records

COPY_EXTRACT = "2.000635"
COPY_ANSWERS: dict[int, dict[str, str]] = {
    1: {"authority.registry_office": "Ủy ban nhân dân phường Đồng Hới"},
    2: {
        "requester.full_name": "Nguyễn Văn Bình",
        "requester.id_document_type": "citizen_id_card",
        "requester.citizen_id": "044085001234",
        "requester.residence": "12 Trần Hưng Đạo, phường Đồng Hới, tỉnh Quảng Trị",
        "requester.relationship": "self",
        "requester.phone": "0905110001",
    },
    3: {
        "record.kind": "birth",
        "record.full_name": "Nguyễn Văn Bình",
        "record.birth_date": "1985-03-12",
        "record.registry_office": "Ủy ban nhân dân phường Đồng Hới, tỉnh Quảng Trị",
    },
    4: {"copies.count": "3"},
    5: {"delivery.method": "desk"},
    6: {"declaration.confirmed": "true"},
}


@pytest.fixture(autouse=True)
def _sandbox(settings: Any) -> None:
    settings.EGOV_PAYMENT_SANDBOX = True
    settings.EGOV_PAYMENT_GATEWAY_URL = "/thanh-toan/thu-nghiem/"
    settings.EGOV_PAYMENT_IPN_ALLOWED_IPS = []
    settings.EGOV_PUBLIC_BASE_URL = "http://testserver"


def copy_draft(client: Client, *, copies: str = "3") -> Application:
    """A citizen applies for copies of a civil-status extract at the Đồng Hới ward centre, answers the
    form and attaches a file for every paper still missing."""
    response = client.post(f"/nop-ho-so/{COPY_EXTRACT}/")
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.latest("pk")
    assert client.post(draft_url(application, "noi-nop/"), {"agency": agency_of("ttpdonghoi").pk}).status_code == 302
    answers = {**COPY_ANSWERS, 4: {"copies.count": copies}}
    for step, values in sorted(answers.items()):
        response = client.post(draft_url(application, f"buoc/{step}/"), {**values, "action": "continue"})
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    application.refresh_from_db()
    missing = [slot.paper.pk for slot in application_papers(application) if slot.is_missing]
    if missing:
        files = {pk: [(f"giay-to-{pk}.pdf", pdf_bytes(), "application/pdf")] for pk in missing}
        assert upload(client, application, files).status_code == 302
    return Application.objects.get(pk=application.pk)


def as_imported(code: str) -> None:
    """The procedure's channels take the fees the national record gives (the importer's parse)."""
    raw = records()[code]
    parsed, _warnings = parse_channels(raw["cach_thuc_thuc_hien"], online_kind=ChannelKind.ONLINE_PARTIAL)
    fees = [dict(fee) for fee in parsed[0].fees]
    version = Procedure.objects.get(code=code).current_version
    Channel.objects.filter(version=version).update(fees=fees, fee_text=parsed[0].fee_text)


def test_paying_for_2_000635_as_imported_succeeds(owner_client: Client) -> None:
    # given the fee as the national catalogue publishes it: "8,000 VNĐ" with no description
    as_imported(COPY_EXTRACT)
    application = copy_draft(owner_client, copies="1")
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    assert "Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh" in review
    # when paying
    pay_in_sandbox(owner_client, application)
    # then the payment went through, its line named
    payment = Payment.objects.get(purpose=f"application:{application.public_id}")
    assert (payment.status, payment.amount) == ("paid", 8000)
    assert payment.items == [
        {
            "description": "Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
            "unit_amount": 8000,
            "quantity": 1,
            "amount": 8000,
        }
    ]


def test_copies_multiply_the_fee_on_the_page_the_payment_and_the_receipt(owner_client: Client) -> None:
    # given the procedure page states the fee per copy
    page = Client().get(f"/thu-tuc/{COPY_EXTRACT}/").content.decode()
    assert "Phí cấp bản sao trích lục hộ tịch: 8.000 đồng/bản" in page
    # when the citizen asks for 3 copies and pays
    application = copy_draft(owner_client, copies="3")
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    assert "3 \u00d7 8,000 dong" in review
    pay_in_sandbox(owner_client, application)
    # then 3 copies are charged, and the receipt names the fee briefly with the quantity
    payment = Payment.objects.get(purpose=f"application:{application.public_id}")
    assert (payment.status, payment.amount) == ("paid", 24000)
    assert payment.items == [
        {"description": "Phí cấp bản sao trích lục hộ tịch", "unit_amount": 8000, "quantity": 3, "amount": 24000}
    ]
    receipt = owner_client.get(f"/thanh-toan/bien-lai/{payment.reference}/").content.decode()
    assert "Phí cấp bản sao trích lục hộ tịch<br>" in receipt
    assert "\u00d7 3" in receipt
    assert "Thông tư 281/2016" not in receipt  # the legal text stays on the procedure page


def test_a_fee_the_council_sets_is_charged_from_the_table_or_confirmed_at_the_desk(at_office_hours: None) -> None:
    from datetime import date

    from egov.procedures.demo.fee_rates import RESOLUTION
    from egov.procedures.models import ProvincialFee

    client = Client()
    # the demo table has a rate for the marital-status certificate: charged, the resolution cited
    marital = client.get("/thu-tuc/1.004873/").content.decode()
    assert f"Lệ phí cấp Giấy xác nhận tình trạng hôn nhân: 15.000 đồng (theo Nghị quyết {RESOLUTION})" in marital
    # household registration: cheaper online, as the table says
    household = client.get("/thu-tuc/1.001612/").content.decode()
    assert f"Lệ phí đăng ký hộ kinh doanh: 50.000 đồng (theo Nghị quyết {RESOLUTION})" in household
    assert f"Lệ phí đăng ký hộ kinh doanh: 100.000 đồng (theo Nghị quyết {RESOLUTION})" in household
    # a land change has no rate in the table: set by the Council, confirmed at the desk — not free
    land = client.get("/thu-tuc/1.013992/").content.decode()
    assert "do Hội đồng nhân dân tỉnh quy định; số tiền được xác nhận khi nộp hồ sơ tại Bộ phận Một cửa" in land
    assert "Miễn phí" not in land
    # when the rate ends, the page says so the next day
    ProvincialFee.objects.filter(procedure__code="1.004873").update(effective_to=date(2025, 12, 31))
    from egov.core.pagecache import invalidate

    invalidate("catalogue")
    after = client.get("/thu-tuc/1.004873/").content.decode()
    assert "15.000 đồng" not in after
    assert "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân: do Hội đồng nhân dân tỉnh quy định" in after


def test_a_provincial_rate_for_the_case_the_citizen_declares_is_charged_and_named(owner_client: Client) -> None:
    # given the province's table sets the copy fee of 2.000635 (Luật Phí và lệ phí Điều 21 k2), lower
    # per copy from the third copy (a case of the e-form's "Số bản sao")
    from datetime import date

    from egov.procedures.models import ProvincialFee
    from egov.procedures.services.provincial_fees import provincial_fee_save

    procedure = Procedure.objects.get(code=COPY_EXTRACT)
    council = {"amount": "0", "currency": "VND", "description": "Phí do Hội đồng nhân dân tỉnh quyết định"}
    Channel.objects.filter(version=procedure.current_version).update(fees=[council], fee_text="")
    common = {
        "procedure": procedure,
        "name": "Phí cấp bản sao trích lục",
        "per": "copies.count",
        "unit": "bản",
        "effective_from": date(2025, 7, 1),
        "resolution_number": "01/2025/NQ-HĐND",
    }
    provincial_fee_save(fee=ProvincialFee(amount=8000, **common), acting_user=None)
    tier = {
        "condition_field": "copies.count",
        "condition_operator": "at_least",
        "condition_value": "3",
        "condition_label": "Từ 3 bản trở lên",
    }
    provincial_fee_save(fee=ProvincialFee(amount=5000, **common, **tier), acting_user=None)
    # when the citizen asks for 3 copies
    application = copy_draft(owner_client, copies="3")
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    # then the review shows the rate of her case and names it; she pays it; the receipt names the case
    assert "Từ 3 bản trở lên" in review
    assert "3 \u00d7 5,000 dong" in review
    pay_in_sandbox(owner_client, application)
    payment = Payment.objects.get(purpose=f"application:{application.public_id}")
    assert (payment.status, payment.amount) == ("paid", 15000)
    assert payment.items == [
        {
            "description": "Phí cấp bản sao trích lục (Từ 3 bản trở lên)",
            "unit_amount": 5000,
            "quantity": 3,
            "amount": 15000,
        }
    ]
    receipt = owner_client.get(f"/thanh-toan/bien-lai/{payment.reference}/").content.decode()
    assert "Phí cấp bản sao trích lục (Từ 3 bản trở lên)" in receipt
    # and with 2 copies the general rate applies, with no case named
    other = copy_draft(owner_client, copies="2")
    review = owner_client.get(draft_url(other, "kiem-tra/")).content.decode()
    assert "2 \u00d7 8,000 dong" in review
    assert "Từ 3 bản trở lên" not in review


def test_an_exemption_for_the_citizen_s_case_is_shown_and_nothing_is_asked_to_pay(owner_client: Client) -> None:
    # given a rate of 0 for the extract of a death record (a case of the e-form's "record.kind")
    from datetime import date

    from egov.procedures.models import ProvincialFee
    from egov.procedures.services.provincial_fees import provincial_fee_save

    procedure = Procedure.objects.get(code=COPY_EXTRACT)
    council = {"amount": "0", "currency": "VND", "description": "Phí do Hội đồng nhân dân tỉnh quyết định"}
    Channel.objects.filter(version=procedure.current_version).update(fees=[council], fee_text="")
    common = {
        "procedure": procedure,
        "name": "Phí cấp bản sao trích lục",
        "per": "copies.count",
        "effective_from": date(2025, 7, 1),
        "resolution_number": "01/2025/NQ-HĐND",
    }
    provincial_fee_save(fee=ProvincialFee(amount=8000, **common), acting_user=None)
    exempt = {
        "condition_field": "requester.relationship",
        "condition_operator": "equals",
        "condition_value": "self",
        "condition_label": "Người yêu cầu là người được đăng ký",
    }
    provincial_fee_save(fee=ProvincialFee(amount=0, **common, **exempt), acting_user=None)
    # when the citizen, asking for her own record, reviews her application
    application = copy_draft(owner_client, copies="2")
    review = owner_client.get(draft_url(application, "kiem-tra/")).content.decode()
    # then the fee is shown exempted with her case, and there is nothing to pay
    assert "Người yêu cầu là người được đăng ký" in review
    assert "Exempt" in review
    assert draft_url(application, "thanh-toan/") not in review  # no "Pay" button
