"""Hộ tịch (civil status) at the commune: parentage, corrections, marital status and copies of
extracts. Facts as the national database publishes them (Bộ Tư pháp's QĐ 163/QĐ-BTP), summarised
for the demo; the shared pieces are in ``civil_status.py``.
"""

from egov.procedures.contracts import ProcedureData
from egov.procedures.demo.build import COMMUNES, NATIONAL_PORTAL, SOURCE, WH, channels, law, paper, result
from egov.procedures.demo.civil_status import (
    ALL,
    AUTHORISED,
    COPY_FEE,
    FIELD,
    ID_PAPER,
    LAWS,
    POSTAL_COPIES,
    REGISTRATION_FEE,
    RESIDENCE_PAPER,
    TYPE,
    WHERE,
    civil_procedure,
    form_paper,
    mandate_paper,
)

PARENTAGE = civil_procedure(
    "1.001022",
    "Thủ tục đăng ký nhận cha, mẹ, con",
    time=3,
    steps=(
        "1. Người nhận và người được nhận là cha, mẹ, con nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc "
        "trực tuyến.\n"
        "2. Công chức tư pháp - hộ tịch thẩm tra, xác minh (nếu cần) việc nhận cha, mẹ, con là đúng và không có tranh "
        "chấp, trình Chủ tịch Ủy ban nhân dân cấp xã ký.\n"
        "3. Các bên có mặt ký Sổ hộ tịch và nhận Trích lục đăng ký nhận cha, mẹ, con."
    ),
    papers=(
        form_paper("Tờ khai đăng ký nhận cha, mẹ, con"),
        paper(
            "Chứng cứ chứng minh quan hệ cha, con hoặc mẹ, con: văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan "
            "có thẩm quyền khác; nếu không có thì văn bản cam đoan của các bên và ít nhất hai người làm chứng",
        ),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    results=(result("Trích lục đăng ký nhận cha, mẹ, con", "KQ.G15.000033"),),
    fee_text=REGISTRATION_FEE + "; " + COPY_FEE,
    source_url=NATIONAL_PORTAL + "019d2bfd-3fa6-722f-ac1a-e949c8ce3418",
)

CORRECTION = civil_procedure(
    "1.004859",
    "Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
    time=1,
    steps=(
        "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc trực tuyến.\n"
        "2. Công chức tư pháp - hộ tịch thẩm tra căn cứ thay đổi, cải chính, bổ sung, ghi vào Sổ hộ tịch và trình Chủ "
        "tịch Ủy ban nhân dân cấp xã ký Trích lục.\n"
        "3. Trả Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc."
    ),
    papers=(
        form_paper("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc"),
        paper("Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc"),
        mandate_paper("thay đổi, cải chính, bổ sung thông tin hộ tịch"),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    results=(
        result("Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", "KQ.G15.000037"),
    ),
    fee_text=REGISTRATION_FEE + "; " + COPY_FEE,
    source_url=NATIONAL_PORTAL + "019d2bfd-671e-714b-8fd6-8230c82f7867",
)

MARITAL_STATUS = civil_procedure(
    "1.004873",
    "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
    time=3,
    steps=(
        "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc trực tuyến, nêu mục đích sử dụng.\n"
        "2. Công chức tư pháp - hộ tịch tra cứu Cơ sở dữ liệu hộ tịch điện tử; trường hợp đã thường trú nhiều nơi thì "
        "xác minh tình trạng hôn nhân tại nơi thường trú trước đây; trình Chủ tịch Ủy ban nhân dân cấp xã ký.\n"
        "3. Trả Giấy xác nhận tình trạng hôn nhân (để kết hôn: chỉ cấp 01 bản)."
    ),
    papers=(
        form_paper("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"),
        paper(
            "Giấy xác nhận tình trạng hôn nhân đã được cấp trước đó",
            mandatory=False,
            condition="Xin cấp lại để dùng vào mục đích khác hoặc vì giấy cũ đã hết thời hạn sử dụng",
        ),
        mandate_paper("cấp Giấy xác nhận tình trạng hôn nhân"),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    results=(result("Giấy xác nhận tình trạng hôn nhân", "KQ.G15.000038"),),
    fee_text=REGISTRATION_FEE,
    target_applicants="Công dân Việt Nam, người Việt Nam định cư ở nước ngoài",
    coordinating_agencies="Bộ Công an (Cơ sở dữ liệu quốc gia về dân cư)",
    source_url=NATIONAL_PORTAL + "019d2bfd-6eb3-7019-bf3f-fc58c9ee44b9",
)

# TT 281/2016/TT-BTC, Biểu phí: cấp bản sao trích lục hộ tịch 8.000 đồng/bản, for each copy the
# applicant asks for ("Số bản sao" of the e-form, egov/procedures/eforms/schemas/2.000635.json).
COPY_EXTRACT_FEE: dict[str, object] = {
    "amount": "8000",
    "currency": "VND",
    "description": "Phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản, Thông tư 281/2016/TT-BTC)",
    "per": "copies.count",
    "unit": "bản",
}

EXTRACT_COPY = ProcedureData(
    code="2.000635",
    name="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh",
    field_name=FIELD,
    level_codes=("province", "commune"),
    procedure_type=TYPE,
    decision_number="163/QĐ-BTP",
    competent_agency="Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử; Ủy ban nhân dân cấp xã",
    implementing_agency="Cơ quan quản lý Cơ sở dữ liệu hộ tịch điện tử; Ủy ban nhân dân cấp xã",
    target_applicants="Công dân Việt Nam, cơ quan, tổ chức",
    submission_address=WHERE,
    steps=(
        "1. Người yêu cầu nộp tờ khai tại Trung tâm Phục vụ hành chính công hoặc trực tuyến.\n"
        "2. Cán bộ tra cứu Cơ sở dữ liệu hộ tịch điện tử, trình người có thẩm quyền ký bản sao.\n"
        "3. Trả bản sao Trích lục hộ tịch hoặc bản sao Giấy khai sinh trong ngày."
    ),
    results=(result("Bản sao Trích lục hộ tịch, bản sao Giấy khai sinh", "KQ.G15.000342"),),
    channels=channels(
        ALL,
        "4",
        WH,
        "Trong ngày tiếp nhận yêu cầu; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo (tỉnh bố trí 04 giờ làm việc)",
        fees=(COPY_EXTRACT_FEE,),
        fee_text="8.000 đồng/bản",
    ),
    papers=(
        paper("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu", template="Tờ khai cấp bản sao trích lục hộ tịch"),
        # Its e-form asks who applies (Luật Hộ tịch 2014 Điều 63: anyone may ask; a power of attorney
        # only from "Người được ủy quyền"): the form decides, the papers step asks no question.
        mandate_paper("yêu cầu cấp bản sao trích lục hộ tịch", rule=AUTHORISED),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    legal_bases=(
        *LAWS[:3],
        law(
            "281/2016/TT-BTC",
            "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở "
            "dữ liệu hộ tịch",
        ),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfd-867c-72db-b6a7-dcbd8c763807",
    local_agency_codes=COMMUNES,
)

PROCEDURES: tuple[ProcedureData, ...] = (PARENTAGE, CORRECTION, MARITAL_STATUS, EXTRACT_COPY)
