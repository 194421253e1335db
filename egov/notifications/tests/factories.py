"""Helpers of the notifications tests: an applicant message as the one-stop engine would send it."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from egov.notifications.services.applicant import ApplicantNotice, notify_applicant

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CODE = "H44.101.01-261102-0001"
EMAIL = "nguyenvanbinh@example.com"
PHONE = "0905 110 001"
E164 = "+84905110001"


def context(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": CODE,
        "procedure": "Đăng ký khai sinh",
        "agency": "Trung tâm Phục vụ hành chính công phường Đồng Hới",
        "agency_phone": "02323822130",
        "handling_agency": "Ủy ban nhân dân phường Đồng Hới",
        "applicant_name": "Nguyễn Văn Bình",
        "organisation": False,
        "has_account": True,
        "due": datetime(2026, 11, 3, 17, 0, tzinfo=VIETNAM_TZ),
        "received_at": datetime(2026, 11, 2, 9, 0, tzinfo=VIETNAM_TZ),
        "returned_at": datetime(2026, 11, 3, 10, 0, tzinfo=VIETNAM_TZ),
        "finished_at": datetime(2026, 11, 3, 9, 30, tzinfo=VIETNAM_TZ),
        "reasons": ["Thiếu Giấy chứng sinh", "Tờ khai chưa có chữ ký"],
        "extension_reason": "Cần xác minh thêm thông tin",
        "return_method": "desk",
        "paid_amount": "8.000",
        "payment_reference": "PAY-20261102-0001",
        "paid_at": datetime(2026, 11, 2, 9, 5, tzinfo=VIETNAM_TZ),
    }
    values.update(overrides)
    return values


def tell(
    kind: str = "supplement",
    *,
    key: str = f"dossier:{CODE}:supplement",
    user_id: int | None = None,
    email: str = EMAIL,
    phone: str = PHONE,
    **overrides: Any,
) -> ApplicantNotice:
    return notify_applicant(
        user_id=user_id,
        email=email,
        phone=phone,
        kind=kind,
        context=context(**overrides),
        link=f"/tra-cuu/{CODE}/",
        dedupe_key=key,
    )
