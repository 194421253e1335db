"""Internal processes of the demo's province-level procedures, and those of one agency: Đồng Hới
ward with its public service centre, including the liên thông (commune ↔ province) examples."""

from egov.procedures.demo.process_specs import (
    CLERK,
    DESK,
    LEADER,
    RECEIVE,
    REVIEW,
    SIGN,
    SPECIALIST,
    StepSpec,
    TemplateSpec,
    receive_step,
    return_step,
)


def _provincial(
    code: str, name: str, total: str, department: str, key: str, times: tuple[str, str, str, str]
) -> TemplateSpec:
    """Received and returned by the provincial public service centre, resolved by a department."""
    receive, check, signing, back = times
    return TemplateSpec(
        code,
        f"Quy trình nội bộ cấp tỉnh: {name}",
        total,
        (
            receive_step(receive, agency="ttpvhcc", department="TNTKQ"),
            StepSpec(
                "Thẩm định hồ sơ, chỉnh lý hồ sơ địa chính",
                SPECIALIST,
                check,
                REVIEW,
                agency=key,
                department=department,
            ),
            StepSpec("Ký duyệt kết quả", LEADER, signing, SIGN, agency=key),
            return_step(back, agency="ttpvhcc", department="TNTKQ"),
        ),
        level="province",
    )


PROVINCE_TEMPLATES: tuple[TemplateSpec, ...] = (
    _provincial(
        "1.013992", "đăng ký biến động chuyển mục đích sử dụng đất", "7d", "QLDD", "snnmt", ("4h", "4d", "1.5d", "1d")
    ),
    _provincial("1.013833", "đăng ký biến động thay đổi thông tin", "10d", "QLDD", "snnmt", ("4h", "6.5d", "2d", "1d")),
    TemplateSpec(
        "1.013236",
        "Quy trình nội bộ cấp tỉnh: cấp giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II (Sở Xây dựng)",
        "14d",
        (
            receive_step("0.5d", agency="ttpvhcc", department="TNTKQ"),
            StepSpec("Phân công thụ lý", LEADER, "0.5d", ("forward",), agency="sxd", department="QLHDXD"),
            StepSpec(
                "Thẩm định hồ sơ, kiểm tra thực địa",
                SPECIALIST,
                "7d",
                REVIEW,
                agency="sxd",
                department="QLHDXD",
                group="tham-dinh",
            ),
            StepSpec(
                "Lấy ý kiến cơ quan quản lý nhà nước liên quan (khi cần)",
                SPECIALIST,
                "7d",
                ("consult", "forward"),
                agency="sxd",
                department="QLHDXD",
                group="tham-dinh",
            ),
            StepSpec("Dự thảo giấy phép xây dựng", SPECIALIST, "2d", REVIEW, agency="sxd", department="QLHDXD"),
            StepSpec(
                "Trưởng phòng kiểm tra, trình Lãnh đạo Sở",
                LEADER,
                "1d",
                ("approve", "send_back"),
                agency="sxd",
                department="QLHDXD",
            ),
            StepSpec("Lãnh đạo Sở ký giấy phép xây dựng", LEADER, "2d", SIGN, agency="sxd"),
            StepSpec("Vào sổ, đóng dấu, phát hành", CLERK, "0.5d", ("forward",), agency="sxd", department="VP"),
            return_step("0.5d", agency="ttpvhcc", department="TNTKQ"),
        ),
        level="province",
    ),
)

# Templates of one agency: Đồng Hới ward and its public service centre (egov/organisation/demo/data.py).
AGENCY_TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "1.001193",
        "Quy trình nội bộ của phường Đồng Hới: đăng ký khai sinh",
        "1d",
        (
            receive_step("4h", agency="ttpdonghoi", department="TNTKQ"),
            StepSpec(
                "Thẩm tra hồ sơ, ghi Sổ đăng ký khai sinh", SPECIALIST, "2h", REVIEW, agency="pdonghoi", department="VP"
            ),
            StepSpec("Chủ tịch Ủy ban nhân dân phường ký Giấy khai sinh", LEADER, "1.5h", SIGN, agency="pdonghoi"),
            return_step("0.5h", agency="ttpdonghoi", department="TNTKQ"),
        ),
        agency="pdonghoi",
    ),
    TemplateSpec(
        "1.012796",
        "Quy trình liên thông phường Đồng Hới - Sở Nông nghiệp và Môi trường: đính chính Giấy chứng nhận đã cấp lần đầu",
        "8d",
        (
            receive_step("4h", agency="ttpdonghoi", department="TNTKQ"),
            StepSpec(
                "Kiểm tra hồ sơ, chuyển Văn phòng đăng ký đất đai",
                SPECIALIST,
                "4h",
                ("verify", "request_supplement", "transfer_to_agency"),
                agency="pdonghoi",
                department="KTHTDT",
                hand_off_to="snnmt",
            ),
            StepSpec(
                "Kiểm tra hồ sơ cấp Giấy chứng nhận lần đầu, lập biên bản kết luận sai sót, chuyển trả phường",
                SPECIALIST,
                "3.5d",
                ("receive", "verify", "transfer_to_agency"),
                agency="snnmt",
                department="QLDD",
                hand_off_to="pdonghoi",
            ),
            StepSpec(
                "Dự thảo nội dung đính chính, trình ký",
                SPECIALIST,
                "1.5d",
                REVIEW,
                agency="pdonghoi",
                department="KTHTDT",
            ),
            StepSpec("Chủ tịch Ủy ban nhân dân phường xác nhận đính chính", LEADER, "1d", SIGN, agency="pdonghoi"),
            return_step("1d", agency="ttpdonghoi", department="TNTKQ"),
        ),
        agency="pdonghoi",
    ),
    TemplateSpec(
        "1.013992",
        "Quy trình liên thông Trung tâm PVHCC phường Đồng Hới - Sở Nông nghiệp và Môi trường: đăng ký biến động chuyển "
        "mục đích sử dụng đất",
        "7d",
        (
            StepSpec(
                "Tiếp nhận hồ sơ, chuyển Văn phòng đăng ký đất đai",
                DESK,
                "4h",
                (*RECEIVE, "transfer_to_agency"),
                agency="ttpdonghoi",
                department="TNTKQ",
                hand_off_to="snnmt",
            ),
            StepSpec(
                "Thẩm định hồ sơ, chỉnh lý hồ sơ địa chính", SPECIALIST, "4d", REVIEW, agency="snnmt", department="QLDD"
            ),
            StepSpec(
                "Ký duyệt, chuyển kết quả về Trung tâm PVHCC phường",
                LEADER,
                "1.5d",
                (*SIGN, "transfer_to_agency"),
                agency="snnmt",
                hand_off_to="ttpdonghoi",
            ),
            return_step("1d", agency="ttpdonghoi", department="TNTKQ"),
        ),
        agency="ttpdonghoi",
    ),
)
