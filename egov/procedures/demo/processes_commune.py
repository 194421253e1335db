"""Internal processes of the demo's commune-level procedures (see ``processes.py``)."""

from egov.procedures.choices import ChannelKind
from egov.procedures.demo.process_specs import (
    DESK,
    LEADER,
    RETURN,
    REVIEW,
    SIGN,
    SPECIALIST,
    StepSpec,
    TemplateSpec,
    receive_step,
    return_step,
)


def _commune(
    code: str, name: str, total: str, times: tuple[str, str, str, str], review: str, sign: str
) -> TemplateSpec:
    """The usual commune process: desk → specialist → chairman or vice-chairman → desk."""
    receive, check, signing, back = times
    return TemplateSpec(
        code,
        f"Quy trình nội bộ cấp xã: {name}",
        total,
        (
            receive_step(receive),
            StepSpec(review, SPECIALIST, check, REVIEW),
            StepSpec(sign, LEADER, signing, SIGN),
            return_step(back),
        ),
        level="commune",
    )


_CIVIL_1_DAY = ("4h", "2h", "1.5h", "0.5h")
_CIVIL_3_DAYS = ("4h", "12h", "4h", "4h")
_SAME_DAY = ("0.5h", "2h", "1h", "0.5h")
_THREE_DAYS = ("4h", "16h", "2h", "2h")

COMMUNE_TEMPLATES: tuple[TemplateSpec, ...] = (
    _commune(
        "1.001193",
        "đăng ký khai sinh",
        "1d",
        _CIVIL_1_DAY,
        "Thẩm tra hồ sơ, ghi Sổ đăng ký khai sinh",
        "Ký Giấy khai sinh",
    ),
    _commune(
        "1.000894",
        "đăng ký kết hôn",
        "1d",
        _CIVIL_1_DAY,
        "Tra cứu tình trạng hôn nhân, thẩm tra điều kiện kết hôn",
        "Ký Giấy chứng nhận kết hôn",
    ),
    _commune(
        "1.000656",
        "đăng ký khai tử",
        "1d",
        _CIVIL_1_DAY,
        "Thẩm tra hồ sơ, ghi Sổ đăng ký khai tử",
        "Ký Trích lục khai tử",
    ),
    _commune(
        "1.001022",
        "đăng ký nhận cha, mẹ, con",
        "3d",
        _CIVIL_3_DAYS,
        "Thẩm tra, xác minh quan hệ cha, mẹ, con",
        "Ký Trích lục đăng ký nhận cha, mẹ, con",
    ),
    _commune(
        "1.004859",
        "thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "1d",
        _CIVIL_1_DAY,
        "Thẩm tra căn cứ thay đổi, cải chính, bổ sung",
        "Ký Trích lục",
    ),
    _commune(
        "1.004873",
        "cấp Giấy xác nhận tình trạng hôn nhân",
        "3d",
        _CIVIL_3_DAYS,
        "Tra cứu, xác minh tình trạng hôn nhân",
        "Ký Giấy xác nhận tình trạng hôn nhân",
    ),
    _commune(
        "2.000635",
        "cấp bản sao Trích lục hộ tịch",
        "4h",
        _SAME_DAY,
        "Tra cứu Cơ sở dữ liệu hộ tịch điện tử, in bản sao",
        "Ký bản sao",
    ),
    _commune(
        "2.000815",
        "chứng thực bản sao từ bản chính",
        "4h",
        _SAME_DAY,
        "Đối chiếu bản sao với bản chính, ghi lời chứng",
        "Ký chứng thực, đóng dấu",
    ),
    _commune(
        "2.000884",
        "chứng thực chữ ký",
        "4h",
        _SAME_DAY,
        "Kiểm tra giấy tờ, chứng kiến việc ký, ghi lời chứng",
        "Ký chứng thực, đóng dấu",
    ),
    _commune(
        "2.001035",
        "chứng thực giao dịch",
        "2d",
        ("4h", "8h", "2h", "2h"),
        "Kiểm tra hồ sơ, chứng kiến các bên ký, ghi lời chứng",
        "Ký chứng thực, đóng dấu",
    ),
    _commune(
        "1.010041",
        "xác nhận thông tin về cư trú",
        "1d",
        ("2h", "4h", "1.5h", "0.5h"),
        "Kiểm tra dữ liệu dân cư, xác minh",
        "Ký xác nhận thông tin về cư trú",
    ),
    _commune(
        "1.004222",
        "đăng ký thường trú",
        "7d",
        ("4h", "5d", "1d", "4h"),
        "Thẩm định hồ sơ, cập nhật Cơ sở dữ liệu về cư trú",
        "Phê duyệt đăng ký thường trú",
    ),
    _commune(
        "1.004194",
        "đăng ký tạm trú",
        "3d",
        _THREE_DAYS,
        "Thẩm định hồ sơ, cập nhật Cơ sở dữ liệu về cư trú",
        "Phê duyệt đăng ký tạm trú",
    ),
    _commune(
        "1.001612",
        "đăng ký thành lập hộ kinh doanh",
        "3d",
        _THREE_DAYS,
        "Kiểm tra điều kiện cấp đăng ký hộ kinh doanh",
        "Ký Giấy chứng nhận đăng ký hộ kinh doanh",
    ),
    _commune(
        "2.000720",
        "đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "3d",
        _THREE_DAYS,
        "Kiểm tra hồ sơ, cập nhật thông tin thay đổi",
        "Ký Giấy chứng nhận đăng ký hộ kinh doanh",
    ),
)

_NVQS_REVIEW = "Đối chiếu dữ liệu dân cư, ghi Sổ đăng ký công dân sẵn sàng nhập ngũ"
_GCN = "Ký Giấy chứng nhận đăng ký nghĩa vụ quân sự"

SPECIAL_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "2.000986",
        "Quy trình liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "20d",
        (
            receive_step("4h"),
            StepSpec("Đăng ký khai sinh cho trẻ", SPECIALIST, "2h", REVIEW),
            StepSpec("Ký Giấy khai sinh", LEADER, "2h", SIGN),
            StepSpec(
                "Lập hồ sơ đăng ký thường trú, hồ sơ cấp thẻ bảo hiểm y tế; chuyển Công an và Bảo hiểm xã hội",
                SPECIALIST,
                "1d",
                ("consult", "forward"),
            ),
            StepSpec(
                "Công an cấp xã đăng ký thường trú cho trẻ",
                SPECIALIST,
                "15d",
                ("consult", "forward"),
                group="lien-thong",
            ),
            StepSpec(
                "Bảo hiểm xã hội cấp thẻ bảo hiểm y tế cho trẻ",
                SPECIALIST,
                "10d",
                ("consult", "forward"),
                group="lien-thong",
            ),
            StepSpec("Nhận kết quả liên thông, trả kết quả cho người yêu cầu", DESK, "3d", RETURN),
        ),
        level="commune",
    ),
    TemplateSpec(
        "1.001266",
        "Quy trình nội bộ cấp xã: chấm dứt hoạt động hộ kinh doanh",
        "5d",
        (
            receive_step("4h"),
            StepSpec(
                "Gửi thông tin cho cơ quan thuế, chờ ý kiến về nghĩa vụ thuế", SPECIALIST, "2d", ("consult", "forward")
            ),
            StepSpec("Chuyển tình trạng pháp lý, đăng thông báo chấm dứt hoạt động", SPECIALIST, "1.5d", REVIEW),
            StepSpec("Phê duyệt", LEADER, "4h", ("approve", "send_back", "refuse")),
            return_step("4h"),
        ),
        level="commune",
    ),
    TemplateSpec(
        "1.012796",
        "Quy trình nội bộ cấp xã: đính chính Giấy chứng nhận đã cấp lần đầu có sai sót",
        "8d",
        (
            receive_step("4h"),
            StepSpec(
                "Đề nghị Văn phòng đăng ký đất đai kiểm tra hồ sơ, lập biên bản kết luận sai sót",
                SPECIALIST,
                "4d",
                ("consult", "verify", "forward"),
            ),
            StepSpec("Dự thảo nội dung đính chính, trình ký", SPECIALIST, "1.5d", REVIEW),
            StepSpec("Chủ tịch Ủy ban nhân dân cấp xã xác nhận đính chính", LEADER, "1d", SIGN),
            return_step("1d"),
        ),
        level="commune",
    ),
    TemplateSpec(
        "1.013225",
        "Quy trình nội bộ cấp xã: cấp giấy phép xây dựng công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "14d",
        (
            receive_step("0.5d"),
            StepSpec("Thẩm định hồ sơ, kiểm tra thực địa", SPECIALIST, "7d", REVIEW, group="tham-dinh"),
            StepSpec(
                "Lấy ý kiến cơ quan quản lý nhà nước liên quan (khi cần)",
                SPECIALIST,
                "7d",
                ("consult", "forward"),
                group="tham-dinh",
            ),
            StepSpec("Dự thảo giấy phép xây dựng, trình ký", SPECIALIST, "3d", REVIEW),
            StepSpec("Ký giấy phép xây dựng", LEADER, "3d", SIGN),
            return_step("0.5d"),
        ),
        level="commune",
    ),
    TemplateSpec(
        "1.013133",
        "Quy trình nội bộ cấp xã: đăng ký nghĩa vụ quân sự lần đầu (tại bộ phận một cửa)",
        "1d",
        (
            receive_step("2h"),
            StepSpec(_NVQS_REVIEW, SPECIALIST, "4h", REVIEW),
            StepSpec(_GCN, LEADER, "1.5h", SIGN),
            return_step("0.5h"),
        ),
        level="commune",
        channel=ChannelKind.COUNTER.value,
    ),
    TemplateSpec(
        "1.013133",
        "Quy trình nội bộ cấp xã: đăng ký nghĩa vụ quân sự lần đầu (trực tuyến toàn trình)",
        "2h",
        (
            StepSpec(
                "Tiếp nhận hồ sơ trực tuyến, " + _NVQS_REVIEW[0].lower() + _NVQS_REVIEW[1:],
                SPECIALIST,
                "1h",
                ("receive", *REVIEW),
            ),
            StepSpec(_GCN + " (ký số)", LEADER, "0.5h", SIGN),
            StepSpec("Trả kết quả điện tử", SPECIALIST, "0.5h", RETURN),
        ),
        level="commune",
        channel=ChannelKind.ONLINE_FULL.value,
    ),
    TemplateSpec(
        "3.000333",
        "Quy trình nội bộ: cấp Phiếu Lý lịch tư pháp",
        "6d",
        (
            receive_step("4h"),
            StepSpec("Tra cứu, xác minh thông tin lý lịch tư pháp", SPECIALIST, "4d", REVIEW),
            StepSpec("Ký Phiếu Lý lịch tư pháp", LEADER, "1d", SIGN),
            return_step("4h"),
        ),
        level="province",
    ),
)
