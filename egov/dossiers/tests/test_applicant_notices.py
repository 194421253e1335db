"""The applicant is told of every status they care about, through notifications.notify_applicant:
by e-mail (a real SMTP server) and SMS (the sandbox), in-app when they have an account, once per event."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from egov.core.services.outbox import outbox_drain
from egov.dossiers.contracts import ActionData, ApplicantData
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_submit_online
from egov.dossiers.services.notices import tell_applicant
from egov.dossiers.tests.conftest import MONDAY_9AM, ReceiveFn, agency_of, birth_intake, user
from egov.identity.models import User, UserKind
from egov.notifications.models import Delivery, DeliveryStatus, Notification, SandboxSms
from egov.notifications.tests.smtp import SmtpSink, body_text, smtp_sink, use_smtp

DESK, SPECIALIST, CHAIRMAN = "ttpdonghoi_ngothithanhtam", "pdonghoi_tranvandung", "pdonghoi_nguyenvanhai"
BASE = "https://dichvucong.quangtri.gov.vn"


@pytest.fixture(autouse=True)
def _portal(settings: Any) -> None:
    settings.EGOV_PUBLIC_BASE_URL = BASE
    settings.EGOV_SMS_GATEWAY = "sandbox"


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpSink]:
    with smtp_sink() as sink:
        use_smtp(settings, sink)
        yield sink


def act(dossier: Dossier, username: str, action: str, **data: Any) -> Dossier:
    return dossier_act(
        actor=user(username), code=dossier.code, action=action, data=ActionData(version=dossier.version, **data)
    )


def told(dossier: Dossier, channel: str = "email") -> list[str]:
    return list(
        Delivery.objects.filter(dedupe_key__startswith=f"dossier:{dossier.code}:", channel=channel)
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_a_supplementation_request_reaches_a_desk_applicant_by_email_and_sms(
    receive_birth: ReceiveFn, travel: Any, smtp: SmtpSink
) -> None:
    # given a dossier received at the desk (no account: the e-mail and phone written on it)
    travel(MONDAY_9AM)
    dossier = receive_birth()
    # when the desk asks for the missing papers and the worker runs
    act(dossier, DESK, "request_supplement", reasons=("Thiếu Giấy chứng sinh (bản chính)",))
    outbox_drain()
    # then the e-mail says what is missing and where to look
    [message] = [m for m in smtp.accepted if "bổ sung" in str(m["Subject"])]
    assert str(message["Subject"]).strip() == f"Hồ sơ {dossier.code}: đề nghị bổ sung giấy tờ"
    assert message["To"] == "nguyenvanbinh@example.com"
    text = body_text(message)
    assert text.startswith("Kính gửi Ông/Bà Nguyễn Văn Bình,\n")
    assert "- Thiếu Giấy chứng sinh (bản chính)\n" in text
    assert f"{BASE}/tra-cuu/{dossier.code}/" in text
    assert "trực tuyến: mở đường dẫn" not in text  # no account to upload with: the desk only
    assert "Trung tâm Phục vụ hành chính công phường Đồng Hới" in text
    # and the SMS, without diacritics, in the sandbox
    sms = SandboxSms.objects.get(text__contains="bo sung")
    assert sms.to == "+84905110001"
    assert (
        sms.text
        == f"Ho so {dossier.code} can bo sung giay to. Xem noi dung va nop bo sung: {BASE}/tra-cuu/{dossier.code}/"
    )
    assert not Notification.objects.exists()
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_an_online_applicant_is_told_in_app_and_by_email_from_submission_to_acceptance(
    demo: None, travel: Any, smtp: SmtpSink
) -> None:
    travel(MONDAY_9AM)
    citizen = User.objects.create_user(
        username="044085001234", password="x" * 12, kind=UserKind.CITIZEN, email="binh.account@example.com"
    )
    applicant = ApplicantData(full_name="Nguyễn Văn Bình", email="binh.dossier@example.com", user_id=citizen.pk)
    dossier = dossier_submit_online(
        applicant_user=citizen,
        agency_id=agency_of("ttpdonghoi").pk,
        data=birth_intake(channel="online_full", applicant=applicant),
    )
    dossier = act(dossier, DESK, "accept")
    act(dossier, DESK, "request_supplement", reasons=("Ảnh chụp tờ khai bị mờ",))
    outbox_drain()
    titles = list(Notification.objects.filter(recipient=citizen).order_by("id").values_list("title", flat=True))
    assert titles == [
        f"Hồ sơ {dossier.code} đã được nộp trực tuyến",
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code}: đề nghị bổ sung giấy tờ",
    ]
    # the address written on the dossier wins over the account's; no phone anywhere: no SMS
    assert {str(m["To"]) for m in smtp.accepted} == {"binh.dossier@example.com"}
    assert told(dossier) == ["submitted", "accepted", "supplement"]
    assert told(dossier, "sms") == []
    submitted = body_text(smtp.accepted[0])
    assert "Ngày hẹn trả kết quả dự kiến: " in submitted
    supplement = body_text(smtp.accepted[2])
    assert "trực tuyến: mở đường dẫn dưới đây, đăng nhập tài khoản" in supplement


def test_the_same_event_told_twice_sends_once(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    tell_applicant(dossier, kind="received")  # e.g. a retried job
    assert told(dossier) == ["received"]
    assert told(dossier, "sms") == ["received"]


def test_the_result_and_its_return_are_told(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    travel(MONDAY_9AM + timedelta(hours=1))
    dossier = act(dossier, DESK, "forward")
    dossier = act(dossier, SPECIALIST, "claim")
    dossier = act(dossier, SPECIALIST, "request_obligation", reasons=("Nộp lệ phí đăng ký 8.000 đồng",))
    dossier = act(dossier, DESK, "fulfil_obligation")
    dossier = act(dossier, CHAIRMAN, "extend", reasons=("Cần xác minh nơi cư trú",), new_due_date=date(2026, 11, 5))
    dossier = act(dossier, SPECIALIST, "forward")
    dossier = act(dossier, CHAIRMAN, "sign")
    act(dossier, DESK, "return_result")
    assert told(dossier) == ["received", "obligation", "extended", "resolved", "returned"]
    obligation = Delivery.objects.get(kind="obligation", channel="email")
    assert "- Nộp lệ phí đăng ký 8.000 đồng\n" in obligation.body
    extended = Delivery.objects.get(kind="extended", channel="email")
    assert "Ủy ban nhân dân phường Đồng Hới chân thành xin lỗi" in extended.body
    assert "Lý do: Cần xác minh nơi cư trú" in extended.body
    assert "Ngày hẹn trả kết quả mới: 17:00 ngày 05/11/2026" in extended.body


@pytest.mark.parametrize(
    ("steps", "kinds"),
    [
        ([(DESK, "withdraw", {})], ["received", "withdrawn"]),
        (
            [
                (DESK, "forward", {}),
                (SPECIALIST, "claim", {}),
                (SPECIALIST, "refuse", {"reasons": ("Không đủ điều kiện",)}),
            ],
            ["received", "refused"],
        ),
    ],
    ids=["withdrawn", "refused"],
)
def test_withdrawal_and_refusal_are_told(
    receive_birth: ReceiveFn, travel: Any, steps: list[tuple[str, str, dict[str, Any]]], kinds: list[str]
) -> None:
    travel(MONDAY_9AM)
    dossier = receive_birth()
    for username, action, data in steps:
        dossier = act(dossier, username, action, **data)
    assert told(dossier) == kinds


def test_an_online_submission_not_accepted_is_told_with_the_reasons(demo: None, travel: Any) -> None:
    travel(MONDAY_9AM)
    dossier = dossier_submit_online(
        applicant_user=None, agency_id=agency_of("ttpdonghoi").pk, data=birth_intake(channel="online_full")
    )
    act(dossier, DESK, "reject", reasons=("Không thuộc thẩm quyền của phường",))
    assert told(dossier) == ["submitted", "rejected"]
    assert "- Không thuộc thẩm quyền của phường\n" in Delivery.objects.get(kind="rejected", channel="email").body


def test_an_applicant_who_left_no_address_is_not_told(receive_birth: ReceiveFn, travel: Any) -> None:
    travel(MONDAY_9AM)
    receive_birth(applicant=ApplicantData(full_name="Trần Thị Cúc"))
    assert not Delivery.objects.exists()
