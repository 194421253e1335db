"""The demo province's fee table: rates of the fees its People's Council sets (``ProvincialFee``).

DEMO DATA. The demo province is fictional in its people and documents; so is this resolution:
"01/2025/NQ-HĐND" is not a real resolution of any province. The amounts are plausible — in the
range the provinces' resolutions under Thông tư 85/2019/TT-BTC set (civil-status registration
10.000 to 20.000 đồng, household-business registration 50.000 to 100.000 đồng, construction permits for
works 150.000 đồng), with the common reduction for online filing — so that the portal shows a
province-set fee being charged. Procedures whose fee depends on facts the e-form does not ask
(land changes by area and value; a commune building permit, 75.000 đồng for a house but 150.000
for other works) are left without a rate: their pages say the fee is set by the People's Council
and confirmed at the desk, as they would be in a province that has not entered its table yet.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from egov.procedures.choices import ChannelKind
from egov.procedures.models import Procedure, ProvincialFee
from egov.procedures.services.provincial_fees import provincial_fee_save

RESOLUTION = "01/2025/NQ-HĐND"
ARTICLE = "Phụ lục I (dữ liệu minh hoạ của tỉnh demo)"
IN_FORCE_FROM = date(2025, 7, 1)  # the two-level local government (Luật 72/2025/QH15)
CIVIL_STATUS_EXEMPT = "Miễn cho người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật."


@dataclass(frozen=True)
class RateSpec:
    code: str
    name: str
    amount: int
    channel_kind: str = ""
    note: str = ""


RATES: tuple[RateSpec, ...] = (
    RateSpec("1.001022", "Lệ phí đăng ký nhận cha, mẹ, con", 15000, note=CIVIL_STATUS_EXEMPT),
    RateSpec("1.004859", "Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch", 15000, note=CIVIL_STATUS_EXEMPT),
    RateSpec("1.004873", "Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 15000, note=CIVIL_STATUS_EXEMPT),
    RateSpec("1.001612", "Lệ phí đăng ký hộ kinh doanh", 100000),
    RateSpec(
        "1.001612",
        "Lệ phí đăng ký hộ kinh doanh",
        50000,
        channel_kind=ChannelKind.ONLINE_FULL,
        note="Giảm 50% khi nộp hồ sơ trực tuyến.",
    ),
    RateSpec("2.000720", "Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh", 50000),
    RateSpec("1.013236", "Lệ phí cấp giấy phép xây dựng công trình", 150000),
)


def provincial_fees_load_demo(acting_user: Any = None) -> int:
    """Enter the demo table (idempotent: a rate already entered is left alone); the rates entered."""
    procedures = dict(Procedure.objects.filter(code__in={spec.code for spec in RATES}).values_list("code", "pk"))
    entered = 0
    for spec in RATES:
        procedure_id = procedures.get(spec.code)
        if procedure_id is None:
            continue
        exists = ProvincialFee.objects.filter(
            procedure_id=procedure_id, channel_kind=spec.channel_kind, name=spec.name, effective_from=IN_FORCE_FROM
        ).exists()
        if exists:
            continue
        provincial_fee_save(
            fee=ProvincialFee(
                procedure_id=procedure_id,
                channel_kind=spec.channel_kind,
                name=spec.name,
                amount=spec.amount,
                effective_from=IN_FORCE_FROM,
                resolution_number=RESOLUTION,
                resolution_article=ARTICLE,
                note=spec.note,
            ),
            acting_user=acting_user,
        )
        entered += 1
    return entered
