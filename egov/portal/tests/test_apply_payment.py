"""Paying the fees of a draft through the sandbox gateway (the VNPAY protocol, no real money), then
submitting: the dossier records the fee and the payment. Paid answers are final."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client

from egov.dossiers.models import Dossier
from egov.payments.models import Payment
from egov.portal.models import Application
from egov.portal.tests.conftest import WITH_TWO_COPIES, attach_mandatory, draft_url, fill_form, start_draft


@pytest.fixture(autouse=True)
def _sandbox(settings):
    settings.EGOV_PAYMENT_SANDBOX = True
    settings.EGOV_PAYMENT_GATEWAY_URL = "/thanh-toan/thu-nghiem/"
    settings.EGOV_PAYMENT_IPN_ALLOWED_IPS = []
    settings.EGOV_PUBLIC_BASE_URL = "http://testserver"


def pay_in_sandbox(client: Client, application: Application, *, simulation: str = "success") -> str:
    """Press "Pay" on the review page, pay on the sandbox gateway's page, come back; the gateway's
    server notification (IPN) is the same signed result. Returns where the browser lands."""
    start = client.post(draft_url(application, "thanh-toan/"))
    assert start.status_code == 302
    assert start["Location"].startswith("/thanh-toan/thu-nghiem/?")
    page = client.get(start["Location"]).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(vnp_[A-Za-z]+)" value="([^"]*)">', page))
    hidden = {key: unescape(value) for key, value in hidden.items()}
    back = client.post("/thanh-toan/thu-nghiem/", {**hidden, "bank": "NCB", "simulation": simulation, "action": "pay"})
    assert back.status_code == 302
    result = urlsplit(back["Location"])
    assert result.path == "/thanh-toan/ket-qua/vnpay/"
    client.get(f"/thanh-toan/ipn/vnpay/?{result.query}")  # the gateway's server, with the same signed result
    landing = client.get(f"{result.path}?{result.query}")
    assert landing.status_code == 302
    return landing["Location"]


@pytest.fixture
def fee_draft(owner_client: Client) -> Application:
    application = start_draft(owner_client)
    fill_form(owner_client, application, overrides=WITH_TWO_COPIES)
    attach_mandatory(owner_client, application)
    return Application.objects.get(pk=application.pk)


def test_pay_then_submit_records_the_payment_on_the_dossier(owner_client: Client, owner, fee_draft):
    # when
    landing = pay_in_sandbox(owner_client, fee_draft)
    # then: back on the check page, told it is paid, with the receipt
    payment = Payment.objects.get(purpose=f"application:{fee_draft.public_id}")
    assert landing == draft_url(fee_draft, f"kiem-tra/?payment={payment.reference}")
    shown = owner_client.get(landing, follow=True)
    html = shown.content.decode()
    assert shown.redirect_chain == [(draft_url(fee_draft, "kiem-tra/"), 302)]
    assert "Thank you: the fees are paid." in html
    assert f"Payment reference {payment.reference}." in html
    assert f'href="/thanh-toan/bien-lai/{payment.reference}/"' in html
    assert (payment.status, payment.amount, payment.payer) == ("paid", 16000, owner)
    assert payment.items == [
        {"description": payment.items[0]["description"], "unit_amount": 8000, "quantity": 2, "amount": 16000}
    ]
    # the answers the fee was computed from are now final
    refused = owner_client.post(draft_url(fee_draft, "buoc/6/"), {"copies.requested": "false", "action": "continue"})
    assert refused["Location"] == draft_url(fee_draft, "kiem-tra/")
    assert Application.objects.get().form_data["copies"] == {"requested": "true", "count": "2"}
    # when submitted
    assert owner_client.post(draft_url(fee_draft, "nop/"))["Location"] == draft_url(fee_draft, "da-nop/")
    dossier = Dossier.objects.get(applicant_user=owner)
    assert (dossier.fee_amount, dossier.paid_amount, dossier.payment_reference) == (16000, 16000, payment.reference)
    assert dossier.paid_at == payment.paid_at
    assert dossier.form_data["copies"] == {"requested": True, "count": 2}


def test_a_failed_payment_leaves_the_fee_unpaid(owner_client: Client, fee_draft):
    landing = pay_in_sandbox(owner_client, fee_draft, simulation="insufficient_funds")
    html = owner_client.get(landing, follow=True).content.decode()
    assert "The payment was not completed. You can try again." in html
    assert "Not paid yet" in html
    assert owner_client.post(draft_url(fee_draft, "nop/"))["Location"] == draft_url(fee_draft, "kiem-tra/")
    assert Dossier.objects.count() == 0


def test_paying_twice_is_refused(owner_client: Client, fee_draft):
    pay_in_sandbox(owner_client, fee_draft)
    again = owner_client.post(draft_url(fee_draft, "thanh-toan/"), follow=True)
    assert "The fees of this application are already paid." in again.content.decode()
    assert Payment.objects.filter(status="paid").count() == 1


def test_nothing_to_pay_without_copies(owner_client: Client):
    application = start_draft(owner_client)
    fill_form(owner_client, application)
    response = owner_client.post(draft_url(application, "thanh-toan/"), follow=True)
    assert "This application has no fee to pay." in response.content.decode()
    assert Payment.objects.count() == 0


def test_another_citizen_cannot_pay_or_see_the_payment(fee_draft, stranger_client, owner_client):
    assert stranger_client.post(draft_url(fee_draft, "thanh-toan/")).status_code == 404
    assert Payment.objects.count() == 0
