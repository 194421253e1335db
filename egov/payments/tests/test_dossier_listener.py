"""The one-stop engine's listener (registered in egov/dossiers/apps.py): a dossier's fee paid online
is recorded on the dossier once, inside the confirming transaction."""

from typing import Any

from django.apps import apps

from egov.payments.models import CallbackKind, Payment
from egov.payments.services.callbacks import payment_callback_handle
from egov.payments.tests.conftest import MONDAY_9AM, gateway_callback, make_citizen, start


def test_a_dossier_fee_paid_online_is_recorded_once(receive_birth: Any, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    citizen = make_citizen("citizen-binh", full_name="Nguyễn Văn Bình", citizen_id="044085009999", phone="0905000555")
    started = start(citizen, purpose=f"dossier:{dossier.code}", return_to=f"/ho-so/{dossier.code}/")
    payment = Payment.objects.get(reference=started.reference)
    params = gateway_callback(payment)
    for _ in range(3):  # return, IPN, IPN retried
        payment_callback_handle(
            gateway_name="vnpay", kind=CallbackKind.IPN, params=params, remote_addr="113.160.92.202"
        )
    dossier.refresh_from_db()
    assert (dossier.paid_amount, dossier.payment_reference) == (16000, started.reference)
    payment.refresh_from_db()
    assert dossier.paid_at == payment.paid_at
    events = apps.get_model("dossiers", "DossierEvent").objects.filter(dossier=dossier, action="pay")
    assert [event.data for event in events] == [{"amount": 16000, "reference": started.reference}]
