"""Fictitious applicants and the wording of the demo dossiers (requests, reasons, notes, ratings).

DEMO DATA: names are common Vietnamese names drawn at random, citizen ID numbers follow the form
of the 12-digit số định danh cá nhân (3-digit province of birth, sex and century, year, 6 digits)
but are invented, phone numbers are in the 09x range of no real subscriber, addresses use real
street and ward names with invented house numbers, e-mail addresses are in ``example.com``.
"""

import random
from collections.abc import Callable

from egov.dossiers.choices import ApplicantKind
from egov.dossiers.contracts import ApplicantData

_SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Mai", "Cao", "Lương",
)  # fmt: skip
_MIDDLE = {
    "m": ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Công", "Xuân", "Đình", "Quốc"),
    "f": ("Thị", "Thị Thu", "Thị Kim", "Ngọc", "Thị Minh", "Thu", "Thị Hồng", "Thanh", "Thị Thanh", "Bảo"),
}
_GIVEN = {
    "m": ("Anh", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khánh", "Lâm",
          "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn", "Vinh"),
    "f": ("Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
          "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Trang", "Vân", "Yến"),
}  # fmt: skip
_STREETS = (
    "Trần Hưng Đạo", "Quang Trung", "Lý Thường Kiệt", "Hữu Nghị", "Lê Lợi", "Nguyễn Hữu Cảnh",
    "Tố Hữu", "Hà Huy Tập", "Trương Pháp", "Mẹ Suốt", "Nguyễn Du", "Lâm Úy", "Phan Đình Phùng",
)  # fmt: skip
LOCALITIES = {
    "ttpdonghoi": "phường Đồng Hới",
    "ttpvhcc": "phường Đồng Hới",
    "ttxvinhlinh": "xã Vĩnh Linh",
    "ttpdongha": "phường Đông Hà",
}
_VILLAGES = ("Thôn Tân Mỹ", "Thôn Huỳnh Công", "Thôn Quảng Xá", "Khu phố 3", "Khu phố 5", "Thôn Lai Bình")
_COMPANIES = (
    ("Công ty TNHH Du lịch Nhật Lệ", "3100412837"),
    ("Công ty Cổ phần Đầu tư Xây dựng Sông Gianh", "3100587214"),
    ("Công ty TNHH Thương mại Bảo Ninh", "3100635902"),
    ("Công ty Cổ phần Khách sạn Biển Đồng Hới", "3100291466"),
)


def person(
    rng: random.Random, agency_key: str, *, sex: str = "", born: tuple[int, int] = (1955, 2004)
) -> ApplicantData:
    sex = sex or rng.choice("mf")
    year = rng.randint(*born)
    name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE[sex])} {rng.choice(_GIVEN[sex])}"
    century = 0 if year < 2000 else 2
    id_number = f"{rng.choice(('044', '045'))}{century + (sex == 'f')}{year % 100:02d}{rng.randint(0, 999999):06d}"
    locality = LOCALITIES.get(agency_key, "phường Đồng Hới")
    if locality.startswith("xã"):
        address = f"{rng.choice(_VILLAGES)}, {locality}, tỉnh Quảng Trị"
    else:
        address = f"Số {rng.randint(1, 280)} đường {rng.choice(_STREETS)}, {locality}, tỉnh Quảng Trị"
    return ApplicantData(
        full_name=name,
        id_number=id_number,
        address=address,
        phone=f"09{rng.randint(10, 89)}{rng.randint(0, 999999):06d}",
    )


def company(rng: random.Random) -> tuple[ApplicantData, dict[str, str]]:
    name, tax_code = rng.choice(_COMPANIES)
    agent = person(rng, "ttpvhcc", born=(1970, 1995))
    applicant = ApplicantData(
        full_name=name,
        id_number=tax_code,
        kind=ApplicantKind.ORGANISATION,
        address=f"Số {rng.randint(1, 120)} đường {rng.choice(_STREETS)}, phường Đồng Hới, tỉnh Quảng Trị",
        phone=f"0232{rng.randint(3800000, 3899999)}",
    )
    return applicant, {"full_name": agent.full_name, "id_number": agent.id_number, "role": "Người được ủy quyền"}


def _parcel(rng: random.Random) -> str:
    return f"thửa đất số {rng.randint(12, 480)}, tờ bản đồ số {rng.randint(3, 42)}"


def _child(rng: random.Random, name: str) -> str:
    sex = rng.choice("mf")
    return f"{name.split()[0]} {rng.choice(_MIDDLE[sex])} {rng.choice(_GIVEN[sex])}"


# The request (nội dung yêu cầu giải quyết) of each demo procedure, from the applicant's name.
SUBJECTS: dict[str, Callable[[random.Random, str], str]] = {
    "1.001193": lambda r, n: f"Đăng ký khai sinh cho con: {_child(r, n)}",
    "1.000894": lambda r, n: f"Đăng ký kết hôn: {n} và {person(r, '', sex='m' if ' Thị ' in n else 'f').full_name}",
    "1.000656": lambda r, n: (
        f"Đăng ký khai tử cho {r.choice(('ông', 'bà'))} {_child(r, n)}, sinh năm {r.randint(1930, 1950)}"
    ),
    "1.004873": lambda r, n: (
        "Xác nhận tình trạng hôn nhân "
        + r.choice(("để đăng ký kết hôn", "để làm thủ tục vay vốn ngân hàng", "để chuyển nhượng quyền sử dụng đất"))
    ),
    "1.004859": lambda r, n: "Cải chính ngày, tháng, năm sinh trong Giấy khai sinh",
    "2.000815": lambda r, n: (
        f"Chứng thực {r.randint(2, 6):02d} bản sao: "
        + r.choice(("Bằng tốt nghiệp đại học, Học bạ", "Giấy khai sinh, Căn cước", "Giấy chứng nhận quyền sử dụng đất"))
    ),
    "2.000884": lambda r, n: (
        "Chứng thực chữ ký trong "
        + r.choice(("Giấy ủy quyền", "Bản cam kết", "Tờ khai lý lịch", "Giấy xác nhận thu nhập"))
    ),
    "2.001035": lambda r, n: (
        r.choice(("Chứng thực hợp đồng mua bán xe ô tô", "Chứng thực hợp đồng tặng cho xe mô tô"))
        + f" biển số 73A-{r.randint(100, 999)}.{r.randint(10, 99)}"
    ),
    "1.010041": lambda r, n: (
        "Xác nhận thông tin về cư trú " + r.choice(("để bổ sung hồ sơ xin việc", "để làm thủ tục nhập học cho con"))
    ),
    "1.004194": lambda r, n: "Đăng ký tạm trú " + r.choice(("để học tập", "để làm việc", "theo hợp đồng thuê nhà")),
    "1.004222": lambda r, n: "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của gia đình",
    "1.001612": lambda r, n: (
        "Đăng ký thành lập hộ kinh doanh "
        + r.choice(("quán cà phê “Nhật Lệ”", "cửa hàng tạp hóa “Minh Châu”", "tiệm sửa xe “Quang Huy”"))
    ),
    "1.012796": lambda r, n: (
        f"Đính chính Giấy chứng nhận đã cấp: sai {r.choice(('tên người sử dụng đất', 'diện tích'))}, " + _parcel(r)
    ),
    "1.013992": lambda r, n: f"Chuyển mục đích sử dụng đất trồng cây lâu năm sang đất ở, {_parcel(r)}",
    "1.013833": lambda r, n: f"Đăng ký biến động do thay đổi thông tin người sử dụng đất, {_parcel(r)}",
    "1.013225": lambda r, n: f"Cấp giấy phép xây dựng nhà ở riêng lẻ {r.randint(2, 4)} tầng, {_parcel(r)}",
    "1.013236": lambda r, n: (
        r.choice(("Cấp giấy phép xây dựng khách sạn", "Cấp giấy phép xây dựng tòa nhà văn phòng"))
        + f" {r.randint(9, 15)} tầng tại đường Trương Pháp, phường Đồng Hới"
    ),
}

REJECT_REASONS = (
    "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại Trung tâm Phục vụ hành chính công tỉnh.",
    "Hồ sơ trực tuyến không có bản chụp Tờ khai có chữ ký của người yêu cầu.",
    "Hồ sơ trùng với hồ sơ đã nộp trước đó và đang được giải quyết.",
)
SUPPLEMENT_REASONS = (
    "Thiếu bản sao Giấy chứng sinh do cơ sở y tế cấp.",
    "Tờ khai chưa ghi đầy đủ thông tin về nơi cư trú.",
    "Thiếu văn bản ủy quyền có chứng thực của người được ủy quyền nộp hồ sơ.",
    "Bản vẽ thiết kế chưa có chữ ký, đóng dấu của đơn vị tư vấn thiết kế.",
)
OBLIGATION_REASONS = (
    "Nộp tiền sử dụng đất theo Thông báo của cơ quan thuế.",
    "Nộp lệ phí trước bạ nhà, đất theo Thông báo của cơ quan thuế.",
)
REFUSE_REASONS = (
    "Hồ sơ không đủ điều kiện giải quyết theo quy định: thông tin đề nghị không có căn cứ trong cơ sở dữ liệu.",
    "Chỗ ở đề nghị đăng ký thuộc địa điểm không được đăng ký cư trú (Điều 23 Luật Cư trú).",
    "Thửa đất đang có tranh chấp, chưa được cơ quan có thẩm quyền giải quyết.",
    "Công trình không phù hợp với quy hoạch chi tiết xây dựng đã được phê duyệt.",
)
EXTEND_REASONS = (
    "Cần xác minh thêm thông tin tại cơ quan có liên quan nên hồ sơ không hoàn thành đúng hẹn.",
    "Chờ ý kiến của cơ quan quản lý chuyên ngành về phòng cháy, chữa cháy.",
)
SEND_BACK_NOTES = (
    "Dự thảo còn sai chính tả tên của người yêu cầu; đề nghị kiểm tra, chỉnh sửa lại.",
    "Đề nghị bổ sung ý kiến thẩm định trước khi trình ký.",
)
WITHDRAW_NOTE = "Người yêu cầu có đơn xin rút hồ sơ để chuẩn bị lại giấy tờ và nộp lại sau."
SUPPLEMENT_NOTE = "Người yêu cầu đã nộp bổ sung giấy tờ theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."
OBLIGATION_NOTE = "Người yêu cầu đã nộp biên lai thực hiện nghĩa vụ tài chính."
RATING_COMMENTS = {
    5: ("Cán bộ hướng dẫn tận tình, trả kết quả trước hẹn.", "Thủ tục nhanh gọn, rất hài lòng.", ""),
    4: ("Giải quyết đúng hẹn.", ""),
    3: ("Phải chờ lâu ở quầy.", ""),
    2: ("Trả kết quả chậm so với giấy hẹn.",),
}
