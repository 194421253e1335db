"""The payer's path through the sandbox gateway with Django's test client, the callbacks' pages and
answers, and the receipt (page and PDF, payer only)."""

from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from django.test import Client

from egov.core.models import OutboxMessage
from egov.identity.models import User
from egov.payments.contracts import PaymentPaid
from egov.payments.models import Payment, PaymentCallback, PaymentStatus
from egov.payments.sandbox import SANDBOX_IPN_TOPIC
from egov.payments.tests.conftest import MONDAY_9AM, gateway_callback, hand_sign, start


class _HiddenFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        name = values.get("name") or ""
        if tag == "input" and values.get("type") == "hidden" and name.startswith("vnp_"):
            self.fields[name] = values.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    parser = _HiddenFields()
    parser.feed(html)
    return parser.fields


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pay_in_sandbox(client: Client, redirect_url: str, **choice: str) -> Any:
    page = client.get(redirect_url)
    assert page.status_code == 200
    form = hidden_fields(page.content.decode())
    form.update({"bank": "NCB", "simulation": "success", "action": "pay"}, **choice)
    return client.post("/thanh-toan/thu-nghiem/", form)


def test_pay_through_the_sandbox_and_see_the_receipt(
    citizen: User, paid_events: list[PaymentPaid], travel: Any
) -> None:
    travel(MONDAY_9AM)
    client = _client(citizen)
    started = start(citizen)
    # the gateway's page shows the signed order, clearly marked as a test
    page = client.get(started.redirect_url)
    html = page.content.decode()
    for shown in (
        'class="sandbox__banner"',
        "16.000",
        started.reference,
        "Le phi cap ban sao trich luc khai sinh",
        "EGOVTEST",
    ):
        assert shown in html
    # pay: the browser goes back to our return URL with a signed success; the IPN waits in the outbox
    form = hidden_fields(html) | {"bank": "VCB", "simulation": "success", "action": "pay"}
    paid = client.post("/thanh-toan/thu-nghiem/", form)
    assert paid.status_code == 302
    back = urlsplit(paid["Location"])
    assert (back.scheme, back.netloc, back.path) == ("http", "testserver", "/thanh-toan/ket-qua/vnpay/")
    result = dict(parse_qsl(back.query))
    assert result["vnp_SecureHash"] == hand_sign(result)
    assert (result["vnp_ResponseCode"], result["vnp_TransactionStatus"], result["vnp_BankCode"]) == ("00", "00", "VCB")
    ipn = OutboxMessage.objects.get(topic=SANDBOX_IPN_TOPIC)
    assert ipn.payload["params"] == result
    # the return is verified and recorded, then the payer goes back where they started
    returned = client.get(paid["Location"])
    assert returned.status_code == 302
    assert returned["Location"] == f"/dich-vu/nop/abc/?buoc=thanh-toan&payment={started.reference}"
    payment = Payment.objects.get()
    assert (payment.status, payment.receipt_number, payment.bank_code) == ("paid", "BL2026-000001", "VCB")
    assert len(paid_events) == 1
    # the IPN arriving afterwards is answered "already confirmed"
    answer = Client().get("/thanh-toan/ipn/vnpay/", result)
    assert answer.json() == {"RspCode": "02", "Message": "Order already confirmed"}
    assert len(paid_events) == 1
    # the receipt, as a page and as a PDF
    receipt = client.get(f"/thanh-toan/bien-lai/{payment.reference}/")
    assert receipt.status_code == 200
    receipt_html = receipt.content.decode()
    for shown in ("BL2026-000001", "Nguyễn Thị Lan", "16.000", "Mười sáu nghìn đồng", "VNPAY", started.reference):
        assert shown in receipt_html
    pdf = client.get(f"/thanh-toan/bien-lai/{payment.reference}/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="bien-lai-BL2026-000001.pdf"' in pdf["Content-Disposition"]
    # paying the same order again at the gateway is refused
    again = client.post("/thanh-toan/thu-nghiem/", form)
    assert again.status_code == 400


def test_the_receipt_is_for_the_payer_only(citizen: User, other_citizen: User) -> None:
    payment = Payment.objects.get(reference=start(citizen).reference)
    Client().get("/thanh-toan/ket-qua/vnpay/", gateway_callback(payment))
    url = f"/thanh-toan/bien-lai/{payment.reference}/"
    assert _client(other_citizen).get(url).status_code == 404
    assert _client(other_citizen).get(url + "pdf/").status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/citizen/login/")
    assert _client(citizen).get("/thanh-toan/bien-lai/TT261102NOSUCH00/").status_code == 404
    assert _client(citizen).get(url).status_code == 200


def test_no_receipt_before_payment(citizen: User) -> None:
    payment = Payment.objects.get(reference=start(citizen).reference)
    assert _client(citizen).get(f"/thanh-toan/bien-lai/{payment.reference}/").status_code == 404


def test_a_forged_return_shows_an_error_page_and_changes_nothing(citizen: User) -> None:
    payment = Payment.objects.get(reference=start(citizen).reference)
    response = _client(citizen).get("/thanh-toan/ket-qua/vnpay/", gateway_callback(payment, secret="WRONG"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "signature is not valid" in html  # in English beside Vietnamese, or alone until translated
    assert "payment_invalid_signature" in html
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert PaymentCallback.objects.get().signature_valid is False
    assert Client().get("/thanh-toan/ket-qua/other/").status_code == 404


def test_cancel_in_the_sandbox_then_pay_with_a_new_attempt(citizen: User, paid_events: list[PaymentPaid]) -> None:
    client = _client(citizen)
    first = start(citizen)
    cancelled = _pay_in_sandbox(client, first.redirect_url, action="cancel")
    params = dict(parse_qsl(urlsplit(cancelled["Location"]).query))
    assert params["vnp_ResponseCode"] == "24"
    assert not OutboxMessage.objects.filter(topic=SANDBOX_IPN_TOPIC).exists()
    client.get(cancelled["Location"])
    assert Payment.objects.get(reference=first.reference).status == PaymentStatus.CANCELLED
    second = start(citizen)
    assert second.reference != first.reference
    client.get(_pay_in_sandbox(client, second.redirect_url)["Location"])
    assert Payment.objects.get(reference=second.reference).status == PaymentStatus.PAID
    assert [event.reference for event in paid_events] == [second.reference]


def test_insufficient_funds_in_the_sandbox_fails_the_attempt(citizen: User) -> None:
    client = _client(citizen)
    started = start(citizen)
    failed = _pay_in_sandbox(client, started.redirect_url, simulation="insufficient_funds")
    assert dict(parse_qsl(urlsplit(failed["Location"]).query))["vnp_ResponseCode"] == "51"
    client.get(failed["Location"])
    payment = Payment.objects.get()
    assert (payment.status, payment.failure_code) == (PaymentStatus.FAILED, "51")


def test_the_sandbox_refuses_a_tampered_amount(citizen: User) -> None:
    client = _client(citizen)
    started = start(citizen)
    query = dict(parse_qsl(urlsplit(started.redirect_url).query))
    query["vnp_Amount"] = "100"
    assert client.get("/thanh-toan/thu-nghiem/", query).status_code == 400
    form = hidden_fields(client.get(started.redirect_url).content.decode())
    form.update(vnp_Amount="100", bank="NCB", simulation="success", action="pay")
    refused = client.post("/thanh-toan/thu-nghiem/", form)
    assert refused.status_code == 400
    assert 'class="sandbox__banner"' in refused.content.decode()
    assert not OutboxMessage.objects.filter(topic=SANDBOX_IPN_TOPIC).exists()


def test_the_sandbox_posts_need_a_csrf_token(citizen: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    started = start(citizen)
    form = hidden_fields(client.get(started.redirect_url).content.decode()) | {"action": "pay"}
    assert client.post("/thanh-toan/thu-nghiem/", form).status_code == 403


def test_the_sandbox_is_not_there_when_turned_off(citizen: User, settings: Any) -> None:
    started = start(citizen)
    settings.EGOV_PAYMENT_SANDBOX = False
    assert Client().get(started.redirect_url).status_code == 404


def test_an_expired_order_goes_back_with_code_11(citizen: User, travel: Any) -> None:
    travel(MONDAY_9AM)
    client = _client(citizen)
    started = start(citizen)
    travel(MONDAY_9AM.replace(hour=10))
    page = client.get(started.redirect_url)
    assert 'name="action" value="pay"' not in page.content.decode()  # only the way back to the merchant
    form = hidden_fields(page.content.decode()) | {"action": "pay", "bank": "NCB", "simulation": "success"}
    back = client.post("/thanh-toan/thu-nghiem/", form)
    assert dict(parse_qsl(urlsplit(back["Location"]).query))["vnp_ResponseCode"] == "11"
    assert not OutboxMessage.objects.filter(topic=SANDBOX_IPN_TOPIC).exists()


def test_the_ipn_endpoint_answers_in_json(citizen: User, settings: Any) -> None:
    payment = Payment.objects.get(reference=start(citizen).reference)
    ipn = Client(enforce_csrf_checks=True)  # the gateway has no CSRF token
    assert ipn.get("/thanh-toan/ipn/vnpay/", gateway_callback(payment, secret="WRONG")).json()["RspCode"] == "97"
    assert ipn.post("/thanh-toan/ipn/vnpay/", gateway_callback(payment, amount=1)).json()["RspCode"] == "04"
    assert ipn.post("/thanh-toan/ipn/vnpay/", gateway_callback(payment)).json()["RspCode"] == "00"
    assert ipn.put("/thanh-toan/ipn/vnpay/").status_code == 405
    settings.EGOV_PAYMENT_IPN_ALLOWED_IPS = ["113.160.92.0/24", "203.171.19.146"]
    refused = ipn.get("/thanh-toan/ipn/vnpay/", gateway_callback(payment), REMOTE_ADDR="198.51.100.7")
    assert (refused.status_code, refused.json()["RspCode"]) == (403, "99")
    allowed = ipn.get("/thanh-toan/ipn/vnpay/", gateway_callback(payment), REMOTE_ADDR="113.160.92.202")
    assert allowed.json()["RspCode"] == "02"
    kinds = list(PaymentCallback.objects.values_list("kind", "result_code", "remote_addr"))
    assert kinds[-2:] == [("ipn", "99", "198.51.100.7"), ("ipn", "02", "113.160.92.202")]


def test_return_to_keeps_its_own_query_and_drops_a_forged_payment_param(citizen: User) -> None:
    started = start(citizen, return_to="/a/?payment=TTFAKE&x=1#pay")
    payment = Payment.objects.get(reference=started.reference)
    response = Client().get("/thanh-toan/ket-qua/vnpay/", gateway_callback(payment))
    assert response["Location"] == f"/a/?x=1&payment={started.reference}#pay"
