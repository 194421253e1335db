"""Cư trú (residence) at the commune police: confirmation, permanent and temporary registration.

Facts as the national database publishes them (Bộ Công an's QĐ 9354/QĐ-BCA-C06 and
1523/QĐ-BCA-C06), summarised for the demo. Fees: TT 75/2022/TT-BTC as amended by TT 71/2025/TT-BTC.
The demo province's directory has no police agencies, so these procedures carry no local agency:
their processes are defined for the commune level.
"""

from egov.procedures.contracts import ProcedureData
from egov.procedures.demo.build import (
    COUNTER,
    NATIONAL_PORTAL,
    ONLINE_FULL,
    SOURCE,
    WD,
    channel,
    fee,
    law,
    paper,
    result,
)

FIELD = "Đăng ký, quản lý cư trú"
AGENCY = "Công an cấp xã"
WHERE = "Công an cấp xã; trực tuyến trên Cổng Dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an hoặc ứng dụng VNeID"
ONLINE_HOURS = "Giờ hành chính các ngày làm việc và sáng thứ Bảy (trừ ngày nghỉ lễ, Tết)"

LAWS = (
    law("68/2020/QH14", "Luật Cư trú"),
    law("154/2024/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú"),
    law("55/2021/TT-BCA", "Thông tư quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú"),
    law("53/2025/TT-BCA", "Thông tư sửa đổi, bổ sung Thông tư 55/2021/TT-BCA, 56/2021/TT-BCA và 17/2024/TT-BCA"),
    law("54/2025/TT-BCA", "Thông tư quy định về quy trình đăng ký cư trú"),
    law("66.7/2025/NQ-CP", "Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu"),
)
FEE_LAW = law("75/2022/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú")

CT01 = paper(
    "Tờ khai thay đổi thông tin cư trú (Mẫu CT01); người chưa thành niên ghi rõ ý kiến đồng ý của cha, mẹ hoặc người "
    "giám hộ. Nộp trực tuyến thì khai theo biểu mẫu điện tử, không đính kèm CT01",
    template="Mẫu CT01 (Thông tư 53/2025/TT-BCA)",
)
LAWFUL_HOME = paper(
    "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (Nghị định 154/2024/NĐ-CP Điều 5)",
    mandatory=False,
    condition="Khi không khai thác được thông tin từ căn cước điện tử, VNeID, Cơ sở dữ liệu quốc gia về dân cư, về đất đai",
)

CONFIRMATION = ProcedureData(
    code="1.010041",
    name="Xác nhận thông tin về cư trú",
    field_name=FIELD,
    level_codes=("commune",),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="9354/QĐ-BCA-C06",
    competent_agency=AGENCY,
    implementing_agency=AGENCY,
    target_applicants="Công dân Việt Nam; cơ quan, tổ chức",
    submission_address=WHERE,
    steps=(
        "1. Công dân nộp yêu cầu trực tuyến (Cổng Dịch vụ công quốc gia, Cổng dịch vụ công Bộ Công an, VNeID).\n"
        "2. Cơ quan đăng ký cư trú kiểm tra thông tin trong Cơ sở dữ liệu quốc gia về dân cư, xác minh nếu cần.\n"
        "3. Cấp văn bản xác nhận thông tin về cư trú (Mẫu CT07) hoặc trả lời bằng văn bản nêu rõ lý do từ chối."
    ),
    results=(
        result("Xác nhận thông tin về cư trú (CT07)", "KQ.G01.000062"),
        result("Phiếu từ chối tiếp nhận, giải quyết hồ sơ (lĩnh vực cư trú)", "KQ.G01.000067"),
    ),
    channels=(
        channel(
            ONLINE_FULL,
            "1",
            WD,
            "01 ngày làm việc khi thông tin có trong Cơ sở dữ liệu quốc gia về dân cư; 03 ngày làm việc khi cần xác minh",
            fee_text="Miễn phí",
            description=ONLINE_HOURS,
        ),
    ),
    papers=(CT01,),
    legal_bases=LAWS,
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bf7-7f19-762d-be5e-741f71796016",
)

PERMANENT = ProcedureData(
    code="1.004222",
    name="Đăng ký thường trú",
    field_name=FIELD,
    level_codes=("commune",),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="1523/QĐ-BCA-C06",
    competent_agency=AGENCY,
    implementing_agency=AGENCY,
    target_applicants="Công dân Việt Nam, người Việt Nam định cư ở nước ngoài",
    submission_address=WHERE,
    steps=(
        "1. Công dân nộp hồ sơ tại Công an cấp xã nơi cư trú hoặc trực tuyến.\n"
        "2. Cơ quan đăng ký cư trú kiểm tra, cấp phiếu tiếp nhận; hồ sơ chưa đủ thì hướng dẫn bổ sung.\n"
        "3. Thẩm định, cập nhật thông tin nơi thường trú mới vào Cơ sở dữ liệu về cư trú và thông báo kết quả; từ chối "
        "thì trả lời bằng văn bản nêu rõ lý do."
    ),
    conditions="Người đăng ký đã được thu thập, cập nhật thông tin vào Cơ sở dữ liệu quốc gia về dân cư.",
    results=(
        result("Cập nhật thông tin trong Cơ sở dữ liệu về cư trú", "KQ.G01.000066"),
        result("Thông báo kết quả giải quyết thủ tục về cư trú", "KQ.G01.000065"),
    ),
    channels=(
        channel(
            ONLINE_FULL,
            "7",
            WD,
            "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees=(fee(10000, "Lệ phí đăng ký thường trú trực tuyến, mỗi lần"),),
            fee_text="10.000 đồng/lần đăng ký (trực tuyến)",
        ),
        channel(
            COUNTER,
            "7",
            WD,
            "07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees=(fee(20000, "Lệ phí đăng ký thường trú, mỗi lần"),),
            fee_text="20.000 đồng/lần đăng ký; miễn cho các đối tượng tại Điều 4 Thông tư 75/2022/TT-BTC",
        ),
    ),
    papers=(
        CT01,
        LAWFUL_HOME,
        paper(
            "Giấy tờ chứng minh quan hệ nhân thân với chủ hộ, thành viên hộ gia đình",
            mandatory=False,
            condition="Đăng ký vào chỗ ở không thuộc quyền sở hữu của mình (Luật Cư trú Điều 20 khoản 2) khi không khai "
            "thác được thông tin trên VNeID hoặc Cơ sở dữ liệu quốc gia về dân cư",
        ),
    ),
    legal_bases=(*LAWS, FEE_LAW),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bf7-7704-7449-9e95-fe7ebb959aa2",
)

TEMPORARY = ProcedureData(
    code="1.004194",
    name="Đăng ký tạm trú",
    field_name=FIELD,
    level_codes=("commune",),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="9354/QĐ-BCA-C06",
    competent_agency=AGENCY,
    implementing_agency=AGENCY,
    target_applicants="Công dân Việt Nam; cơ quan, tổ chức, doanh nghiệp (đăng ký theo danh sách)",
    submission_address=WHERE,
    steps=(
        "1. Công dân nộp hồ sơ tại Công an cấp xã nơi dự kiến tạm trú hoặc trực tuyến.\n"
        "2. Cơ quan đăng ký cư trú kiểm tra, cấp phiếu tiếp nhận hoặc hướng dẫn bổ sung.\n"
        "3. Cập nhật thông tin nơi tạm trú, thời hạn tạm trú vào Cơ sở dữ liệu về cư trú và thông báo kết quả."
    ),
    results=(
        result("Cập nhật thông tin trong Cơ sở dữ liệu về cư trú", "KQ.G01.000066"),
        result("Thông báo kết quả giải quyết thủ tục về cư trú", "KQ.G01.000065"),
    ),
    channels=(
        channel(
            ONLINE_FULL,
            "3",
            WD,
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees=(fee(7000, "Lệ phí đăng ký tạm trú trực tuyến (cá nhân, hộ gia đình), mỗi lần"),),
            fee_text="7.000 đồng/lần đăng ký (trực tuyến)",
            description=ONLINE_HOURS,
        ),
        channel(
            COUNTER,
            "3",
            WD,
            "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            fees=(fee(10000, "Lệ phí đăng ký tạm trú, mỗi người mỗi lần"),),
            fee_text="10.000 đồng/người/lần đăng ký",
        ),
    ),
    papers=(
        CT01,
        LAWFUL_HOME,
        paper(
            "Văn bản đề nghị đăng ký tạm trú ghi rõ chỗ ở hợp pháp, kèm danh sách người tạm trú (họ tên, ngày sinh, giới "
            "tính, số định danh cá nhân, thời hạn tạm trú)",
            mandatory=False,
            condition="Đăng ký tạm trú theo danh sách",
        ),
    ),
    legal_bases=(*LAWS, FEE_LAW),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bf7-770b-734d-b7fb-5e1995f194f4",
)

PROCEDURES: tuple[ProcedureData, ...] = (CONFIRMATION, PERMANENT, TEMPORARY)
