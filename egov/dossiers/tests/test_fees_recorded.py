"""Fees computed at an online submission and payments recorded on the dossier, shown to officers."""

from datetime import timedelta
from typing import Any

from django.test import Client

from egov.dossiers.choices import DossierStatus
from egov.dossiers.contracts import ApplicantData, PaymentRecord
from egov.dossiers.facade import dossier_record_payment, dossier_submit_online
from egov.dossiers.models import DossierEvent
from egov.dossiers.tests.conftest import MONDAY_9AM, agency_of, birth_intake, user
from egov.notifications.models import Notification

DESK = "ttpdonghoi_ngothithanhtam"


def _submit(**overrides: Any) -> Any:
    citizen = user("citizen-044085001234")
    data = birth_intake(
        channel="online_full",
        applicant=ApplicantData(full_name="Nguyễn Văn Bình", id_number="044085001234", user_id=citizen.pk),
        **overrides,
    )
    return dossier_submit_online(applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=data)


def _staff_page(code: str) -> str:
    client = Client()
    client.force_login(user(DESK))
    response = client.get(f"/staff/dossiers/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_paid_before_submitting_is_recorded_with_a_public_event(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    paid = PaymentRecord(reference="TT261123ABCD", amount=16000, paid_at=MONDAY_9AM - timedelta(minutes=5))
    dossier = _submit(fee_amount=16000, payment=paid)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.fee_amount, dossier.paid_amount) == (DossierStatus.SUBMITTED, 16000, 16000)
    assert dossier.payment_reference == "TT261123ABCD"
    event = DossierEvent.objects.get(dossier=dossier, action="pay")
    assert event.public
    assert event.data == {"amount": 16000, "reference": "TT261123ABCD"}
    page = _staff_page(dossier.code)
    for shown in ("16.000 đồng", "TT261123ABCD", "Đã thanh toán trực tuyến"):
        assert shown in page


def test_unpaid_fee_is_shown_and_a_later_payment_is_recorded_once(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = _submit(fee_amount=8000)
    assert "Chưa thanh toán" in _staff_page(dossier.code)
    later = PaymentRecord(reference="TT261123WXYZ", amount=8000, paid_at=MONDAY_9AM + timedelta(hours=1))
    dossier_record_payment(code=dossier.code, payment=later)
    dossier_record_payment(code=dossier.code, payment=later)  # the gateway confirms twice
    dossier.refresh_from_db()
    assert (dossier.paid_amount, dossier.payment_reference) == (8000, "TT261123WXYZ")
    assert DossierEvent.objects.filter(dossier=dossier, action="pay").count() == 1
    told = Notification.objects.filter(recipient=dossier.applicant_user, kind="dossier.paid")
    assert [(n.link, "8.000" in n.body) for n in told] == [(f"/ca-nhan/ho-so/{dossier.code}/", True)]
    assert dossier_record_payment(code="NO-SUCH-CODE", payment=later) is None
