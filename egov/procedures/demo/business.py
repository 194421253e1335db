"""Hộ kinh doanh (business households): registered by the commune since 1 July 2025.

Facts as the national database publishes them (Bộ Tài chính's QĐ 2353/QĐ-BTC), summarised for the
demo; times from ND 168/2025/NĐ-CP as the procedure's steps state them (03 working days to register
or change, 05 to close). The registration fee is set by the province's People's Council
(TT 85/2019/TT-BTC); the demo leaves the amount to that decision.
"""

from egov.procedures.contracts import PaperData, ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    NATIONAL_PORTAL,
    ONLINE_FULL,
    POST,
    SOURCE,
    WD,
    channels,
    law,
    paper,
    result,
)

FIELD = "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)"
AGENCY = (
    "Cơ quan đăng ký kinh doanh cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và Đô thị của Ủy ban nhân dân cấp xã)"
)
WHERE = (
    "Cơ quan đăng ký kinh doanh cấp xã bất kỳ trong tỉnh (qua Trung tâm Phục vụ hành chính công cấp xã); trực tuyến trên "
    "Hệ thống thông tin về đăng ký hộ kinh doanh bằng tài khoản định danh điện tử"
)
ALL = (ONLINE_FULL, POST, COUNTER)
FEE_TEXT = (
    "Lệ phí đăng ký hộ kinh doanh theo mức do Hội đồng nhân dân tỉnh quyết định (Thông tư 85/2019/TT-BTC), nộp khi nộp "
    "hồ sơ; không hoàn trả nếu không được cấp đăng ký"
)

LAWS = (
    law("59/2020/QH14", "Luật Doanh nghiệp"),
    law("76/2025/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp"),
    law("168/2025/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"),
    law("68/2025/TT-BTC", "Thông tư ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh"),
    law(
        "85/2019/TT-BTC",
        "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân cấp tỉnh",
    ),
)

PROXY: tuple[PaperData, ...] = (
    paper(
        "Văn bản ủy quyền cho cá nhân thực hiện thủ tục (không bắt buộc công chứng, chứng thực); hoặc bản sao hợp đồng "
        "cung cấp dịch vụ và giấy giới thiệu của tổ chức làm dịch vụ",
        "01 bản chính hoặc 01 bản sao",
        mandatory=False,
        condition="Khi ủy quyền cho người khác hoặc tổ chức làm dịch vụ thực hiện thủ tục",
    ),
    paper(
        "Bản sao thẻ căn cước hoặc thẻ căn cước công dân còn hiệu lực của người ủy quyền",
        "01 bản sao",
        originals=0,
        copies=1,
        mandatory=False,
        condition="Người ủy quyền chưa có tài khoản định danh điện tử để xác thực",
    ),
)
_GROUP_MINUTES = "Biên bản họp nhóm cá nhân tham gia hộ kinh doanh về việc {what}"
_GROUP_CONDITION = "Hộ kinh doanh do nhóm cá nhân thành lập trước ngày Nghị định 168/2025/NĐ-CP có hiệu lực"


def _household(
    code: str,
    name: str,
    *,
    days: int,
    steps: str,
    papers: tuple[PaperData, ...],
    results: tuple[dict[str, str], ...],
    url: str,
    fee_text: str = FEE_TEXT,
) -> ProcedureData:
    return ProcedureData(
        code=code,
        name=name,
        field_name=FIELD,
        level_codes=("ministry", "commune"),
        procedure_type="TTHC được giao luật quy định chi tiết",
        decision_number="2353/QĐ-BTC",
        competent_agency=AGENCY,
        implementing_agency=AGENCY,
        coordinating_agencies="Cơ quan thuế quản lý trực tiếp hộ kinh doanh",
        target_applicants="Cá nhân, thành viên hộ gia đình là công dân Việt Nam",
        submission_address=WHERE,
        steps=steps,
        results=results,
        channels=channels(
            ALL, str(days), WD, f"{days:02d} ngày làm việc kể từ ngày nhận hồ sơ hợp lệ", fee_text=fee_text
        ),
        papers=(*papers, *PROXY),
        legal_bases=LAWS,
        source=SOURCE,
        source_url=NATIONAL_PORTAL + url,
        local_agency_codes=COMMUNES,
    )


FOUNDING = _household(
    "1.001612",
    "Đăng ký thành lập hộ kinh doanh",
    days=3,
    steps=(
        "1. Chủ hộ kinh doanh hoặc người được ủy quyền nộp hồ sơ tại Cơ quan đăng ký kinh doanh cấp xã bất kỳ trong tỉnh, "
        "qua bưu chính hoặc trực tuyến (ký số, nộp lệ phí trực tuyến).\n"
        "2. Cơ quan đăng ký kinh doanh cấp xã trao giấy tiếp nhận và hẹn trả kết quả, kiểm tra điều kiện cấp đăng ký.\n"
        "3. Đủ điều kiện: cấp Giấy chứng nhận đăng ký hộ kinh doanh và thông báo cho cơ quan thuế; chưa đủ: thông báo "
        "bằng văn bản nêu rõ lý do và nội dung cần sửa đổi, bổ sung."
    ),
    papers=(
        paper(
            "Giấy đề nghị đăng ký hộ kinh doanh",
            template="Giấy đề nghị đăng ký hộ kinh doanh (Thông tư 68/2025/TT-BTC)",
        ),
        paper(
            "Bản sao văn bản ủy quyền (có công chứng hoặc chứng thực) của các thành viên hộ gia đình cho một thành viên làm "
            "chủ hộ kinh doanh",
            "01 bản sao",
            originals=0,
            copies=1,
            mandatory=False,
            condition="Hộ kinh doanh do các thành viên hộ gia đình đăng ký thành lập",
        ),
    ),
    results=(
        result("Giấy chứng nhận đăng ký hộ kinh doanh", "KQ.G12.001041"),
        result("Thông báo nội dung cần sửa đổi, bổ sung của Cơ quan đăng ký kinh doanh cấp xã", "KQ.G12.001009"),
    ),
    url="019d2bfb-d76d-737f-81b9-69258b07240b",
)

CHANGE = _household(
    "2.000720",
    "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
    days=3,
    steps=(
        "1. Trong 10 ngày kể từ ngày thay đổi (tên, địa chỉ trụ sở, chủ hộ, thành viên, vốn, ngành nghề, nội dung đăng ký "
        "thuế), chủ hộ kinh doanh nộp hồ sơ tại Cơ quan đăng ký kinh doanh cấp xã hoặc trực tuyến.\n"
        "2. Cơ quan đăng ký kinh doanh cấp xã xem xét tính hợp lệ của hồ sơ, cập nhật thông tin thay đổi vào Cơ sở dữ liệu "
        "về đăng ký hộ kinh doanh và cấp lại Giấy chứng nhận khi có yêu cầu; hồ sơ chưa hợp lệ thì thông báo nội dung cần "
        "sửa đổi, bổ sung."
    ),
    papers=(
        paper(
            "Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh do chủ hộ kinh doanh ký",
            template="Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh (Thông tư 68/2025/TT-BTC)",
        ),
        paper(
            _GROUP_MINUTES.format(what="đăng ký thay đổi nội dung đăng ký hộ kinh doanh"),
            mandatory=False,
            condition=_GROUP_CONDITION,
        ),
        paper(
            "Bản sao văn bản ủy quyền (có công chứng hoặc chứng thực) của thành viên hộ gia đình cho chủ hộ mới hoặc của "
            "thành viên mới cho chủ hộ kinh doanh",
            "01 bản sao",
            originals=0,
            copies=1,
            mandatory=False,
            condition="Thay đổi chủ hộ hoặc thành viên hộ gia đình đăng ký hộ kinh doanh",
        ),
        paper(
            "Bản sao giấy chứng tử hoặc quyết định của Tòa án tuyên bố chủ hộ đã chết, mất tích, bị hạn chế hoặc mất năng "
            "lực hành vi dân sự",
            "01 bản sao",
            originals=0,
            copies=1,
            mandatory=False,
            condition="Thay đổi chủ hộ vì chủ hộ chết, mất tích, bị hạn chế hoặc mất năng lực hành vi dân sự",
        ),
    ),
    results=(
        result("Giấy chứng nhận đăng ký hộ kinh doanh", "KQ.G12.001041"),
        result(
            "Cập nhật thông tin thay đổi của hộ kinh doanh trong Cơ sở dữ liệu về đăng ký hộ kinh doanh",
            "KQ.G12.001347",
        ),
    ),
    url="019d2bfc-d9ca-768c-a8f4-cc0dff5f41ed",
)

CLOSING = _household(
    "1.001266",
    "Chấm dứt hoạt động hộ kinh doanh",
    days=5,
    steps=(
        "1. Trong 05 ngày làm việc kể từ ngày thanh toán hết các khoản nợ, hộ kinh doanh nộp hồ sơ tại Cơ quan đăng ký kinh "
        "doanh cấp xã hoặc trực tuyến.\n"
        "2. Cơ quan đăng ký kinh doanh cấp xã gửi thông tin cho cơ quan thuế; cơ quan thuế có ý kiến về việc hoàn thành "
        "nghĩa vụ thuế trong 02 ngày làm việc.\n"
        "3. Trong 05 ngày làm việc kể từ ngày nhận hồ sơ, Cơ quan đăng ký kinh doanh cấp xã chuyển tình trạng pháp lý của "
        "hộ kinh doanh sang đã chấm dứt hoạt động và đăng thông báo trên Cổng thông tin quốc gia về đăng ký doanh nghiệp; "
        "nếu cơ quan thuế từ chối thì thông báo cho hộ kinh doanh."
    ),
    papers=(
        paper(
            "Thông báo chấm dứt hoạt động hộ kinh doanh",
            template="Thông báo chấm dứt hoạt động hộ kinh doanh (Thông tư 68/2025/TT-BTC)",
        ),
        paper(
            _GROUP_MINUTES.format(what="chấm dứt hoạt động hộ kinh doanh"), mandatory=False, condition=_GROUP_CONDITION
        ),
    ),
    results=(
        result(
            "Chuyển tình trạng pháp lý của hộ kinh doanh sang đã chấm dứt hoạt động và đăng thông báo trên Cổng thông tin "
            "quốc gia về đăng ký doanh nghiệp",
            "KQ.G12.001349",
        ),
        result("Văn bản thông báo lý do từ chối của Cơ quan đăng ký kinh doanh cấp xã", "KQ.G12.001017"),
    ),
    url="019d2bfb-d748-72d1-848f-3607bc86e647",
    fee_text="Miễn phí",
)

PROCEDURES: tuple[ProcedureData, ...] = (FOUNDING, CHANGE, CLOSING)
