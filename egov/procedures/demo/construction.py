"""Hoạt động xây dựng (construction permits): the province for special-grade to grade-II works,
the commune for grade-III/IV works and individual houses.

Facts as the national database publishes them (Bộ Xây dựng's QĐ 56/QĐ-BXD), summarised for the
demo. Luật Xây dựng Điều 102 counts the time in (calendar) days: 20 days, 15 for individual
houses; the provinces' internal processes fit it in working days.
"""

from egov.procedures.contracts import PaperData, ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    DAYS,
    NATIONAL_PORTAL,
    ONLINE_PARTIAL,
    POST,
    SOURCE,
    channels,
    law,
    paper,
    province,
    result,
)

FIELD = "Hoạt động xây dựng"
FEE_TEXT = "Lệ phí cấp giấy phép xây dựng theo nghị quyết của Hội đồng nhân dân tỉnh"
STEPS = (
    "1. Chủ đầu tư nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến; cán bộ tiếp nhận kiểm tra, hẹn trả "
    "kết quả hoặc hướng dẫn hoàn thiện hồ sơ.\n"
    "2. Trong 07 ngày làm việc, cơ quan cấp phép thẩm định hồ sơ, kiểm tra thực địa và thông báo một lần bằng văn bản "
    "nếu phải bổ sung, điều chỉnh hồ sơ.\n"
    "3. Cơ quan cấp phép lấy ý kiến các cơ quan quản lý nhà nước liên quan khi cần (các cơ quan trả lời trong 12 ngày).\n"
    "4. Trong {days} kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền xem xét cấp giấy phép xây dựng; không cấp thì "
    "thông báo bằng văn bản nêu rõ lý do.\n"
    "5. Trả giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu."
)
LAWS = (
    law("50/2014/QH13", "Luật Xây dựng"),
    law("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng"),
    law(
        "175/2024/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng",
    ),
    law("144/2025/NĐ-CP", "Nghị định quy định về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng"),
    law(
        "105/2025/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    ),
)


def _papers(design: str) -> tuple[PaperData, ...]:
    return (
        paper(
            "Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP)",
            template="Mẫu số 1 Phụ lục II (Nghị định 175/2024/NĐ-CP)",
        ),
        paper(
            "Một trong những giấy tờ hợp pháp về đất đai chứng minh sự phù hợp mục đích sử dụng đất (Nghị định "
            "175/2024/NĐ-CP Điều 53); không phải nộp nếu đã có trong Cơ sở dữ liệu quốc gia về đất đai",
            "01 bản sao",
            originals=0,
            copies=1,
        ),
        paper(design, "02 bộ", originals=2),
        paper(
            "Quyết định phê duyệt dự án, thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng kèm bản vẽ thiết kế "
            "cơ sở; kết quả thủ tục về phòng cháy, chữa cháy và về bảo vệ môi trường theo quy định",
            "01 bản sao",
            originals=0,
            copies=1,
            mandatory=False,
            condition="Công trình thuộc dự án đầu tư xây dựng",
        ),
    )


PROVINCE_PERMIT = ProcedureData(
    code="1.013236",
    name=(
        "Cấp giấy phép xây dựng mới công trình cấp đặc biệt, cấp I, cấp II (Công trình không theo tuyến/Theo tuyến "
        "trong đô thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo "
        "tuyến/Theo giai đoạn cho công trình theo tuyến trong đô thị/Dự án)"
    ),
    field_name=FIELD,
    level_codes=("province",),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="56/QĐ-BXD",
    competent_agency="Sở Xây dựng; Ban Quản lý các khu công nghiệp (công trình trong khu công nghiệp)",
    implementing_agency="Sở Xây dựng",
    target_applicants="Chủ đầu tư: cá nhân, doanh nghiệp, tổ chức",
    submission_address="Trung tâm Phục vụ hành chính công tỉnh; trực tuyến trên Cổng Dịch vụ công quốc gia",
    steps=STEPS.format(days="20 ngày"),
    results=(
        result("Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép xây dựng", "KQ.G17.000232"),
    ),
    channels=channels(
        (ONLINE_PARTIAL, POST, COUNTER),
        "20",
        DAYS,
        "20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Luật Xây dựng Điều 102)",
        fee_text=FEE_TEXT,
    ),
    papers=_papers(
        "Bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở được phê duyệt: tổng mặt bằng, mặt bằng định vị công "
        "trình, kiến trúc các mặt bằng, mặt đứng, mặt cắt chủ yếu, mặt bằng và mặt cắt móng, giải pháp kết cấu chính, "
        "đấu nối hạ tầng kỹ thuật"
    ),
    legal_bases=(
        *LAWS,
        law(
            "14/2026/NĐ-CP",
            "Nghị định sửa đổi, bổ sung một số điều của các Nghị định để cắt giảm, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của Bộ Xây dựng",
        ),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfe-909f-769a-9283-87c608b8028e",
    local_agency_codes=province("sxd"),
)

COMMUNE_PERMIT = ProcedureData(
    code="1.013225",
    name=(
        "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/Theo tuyến trong đô "
        "thị/Tín ngưỡng, tôn giáo/Tượng đài, tranh hoành tráng/Theo giai đoạn cho công trình không theo tuyến/Theo giai "
        "đoạn cho công trình theo tuyến trong đô thị/Dự án) và nhà ở riêng lẻ"
    ),
    field_name=FIELD,
    level_codes=("commune", "other"),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="56/QĐ-BXD",
    competent_agency="Ủy ban nhân dân cấp xã",
    implementing_agency="Ủy ban nhân dân cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và Đô thị)",
    target_applicants="Chủ đầu tư: hộ gia đình, cá nhân, doanh nghiệp, tổ chức",
    submission_address="Trung tâm Phục vụ hành chính công cấp xã; trực tuyến trên Cổng Dịch vụ công quốc gia",
    steps=STEPS.format(days="20 ngày (15 ngày đối với nhà ở riêng lẻ)"),
    results=(
        result("Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép xây dựng", "KQ.G17.000311"),
    ),
    channels=channels(
        (ONLINE_PARTIAL, POST, COUNTER),
        "20",
        DAYS,
        "20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; 15 ngày đối với nhà ở riêng lẻ (Luật Xây dựng Điều 102)",
        fee_text=FEE_TEXT,
    ),
    papers=_papers(
        "Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, các mặt đứng và mặt cắt chủ yếu, "
        "mặt bằng móng và mặt cắt móng, sơ đồ đấu nối hạ tầng kỹ thuật (nhà ở riêng lẻ: bản vẽ thiết kế do chủ đầu tư tự "
        "lập hoặc thuê lập)"
    ),
    legal_bases=(
        *LAWS,
        law(
            "140/2025/NĐ-CP",
            "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước "
            "của Bộ Xây dựng",
        ),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfe-9088-744d-aa0a-e846b6dce3d5",
    local_agency_codes=COMMUNES,
)

PROCEDURES: tuple[ProcedureData, ...] = (PROVINCE_PERMIT, COMMUNE_PERMIT)
