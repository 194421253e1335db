"""Chứng thực (certification) at the commune: copies, signatures and transactions.

Facts as the national database publishes them (Bộ Tư pháp's QĐ 3152/QĐ-BTP and 858/QĐ-BTP),
summarised for the demo. Times: ND 23/2015/NĐ-CP Điều 7 (copies and signatures are certified the
same day, or on the next working day when asked after 15:00; the database gives no number, so the
demo province commits to 04 working hours) and Điều 38 (transactions: 02 working days).
Fees: TT 226/2016/TT-BTC.
"""

from egov.procedures.contracts import ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    NATIONAL_PORTAL,
    ONLINE_PARTIAL,
    POST,
    SOURCE,
    WD,
    WH,
    channel,
    channels,
    fee,
    law,
    paper,
    result,
)

FIELD = "Chứng thực"
AGENCY = "Ủy ban nhân dân cấp xã; tổ chức hành nghề công chứng"
WHERE = "Trung tâm Phục vụ hành chính công cấp xã"
SAME_DAY = (
    "Trong ngày tiếp nhận yêu cầu; tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo (Nghị định 23/2015/NĐ-CP "
    "Điều 7); tỉnh bố trí 04 giờ làm việc"
)

LAWS = (
    law(
        "23/2015/NĐ-CP",
        "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, "
        "giao dịch",
    ),
    law(
        "07/2025/NĐ-CP",
        "Nghị định sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực",
    ),
    law("280/2025/NĐ-CP", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 23/2015/NĐ-CP"),
    law("01/2020/TT-BTP", "Thông tư quy định chi tiết và hướng dẫn thi hành Nghị định 23/2015/NĐ-CP"),
    law(
        "226/2016/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
    ),
)

# TT 226/2016/TT-BTC Điều 4: chứng thực bản sao từ bản chính 2.000 đồng/trang; từ trang thứ 3 trở lên
# 1.000 đồng/trang, tối đa 200.000 đồng/bản; the pages are the original's. Charged for each copy the
# e-form asks for (egov/procedures/eforms/schemas/2.000815.json: document.pages, document.copies); the
# cap of the second tier (196.000) keeps each copy within 200.000 with the first two pages' 4.000.
COPY_CERTIFICATION_FEES: tuple[dict[str, object], ...] = (
    {
        "amount": "2000",
        "currency": "VND",
        "description": "Phí chứng thực bản sao, trang 1 và 2 (2.000 đồng/trang)",
        "per": "document.pages",
        "limit": 2,
        "times": "document.copies",
        "unit": "trang",
    },
    {
        "amount": "1000",
        "currency": "VND",
        "description": "Phí chứng thực bản sao, từ trang thứ 3 (1.000 đồng/trang, tối đa 200.000 đồng/bản)",
        "per": "document.pages",
        "skip": 2,
        "times": "document.copies",
        "max": "196000",
        "unit": "trang",
    },
)

COPY = ProcedureData(
    code="2.000815",
    name=(
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ "
        "chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có "
        "thẩm quyền của nước ngoài cấp hoặc chứng nhận"
    ),
    field_name=FIELD,
    level_codes=("commune", "other"),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="3152/QĐ-BTP",
    competent_agency=AGENCY,
    implementing_agency=AGENCY,
    target_applicants="Cá nhân, tổ chức",
    submission_address=WHERE,
    steps=(
        "1. Người yêu cầu xuất trình bản chính và bản sao cần chứng thực (nếu chỉ có bản chính, cơ quan chụp từ bản chính).\n"
        "2. Người thực hiện chứng thực đối chiếu bản sao với bản chính; nếu đúng và bản chính không thuộc trường hợp bị cấm "
        "(Nghị định 23/2015/NĐ-CP Điều 22) thì ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.\n"
        "3. Người yêu cầu nhận bản sao đã chứng thực tại nơi nộp và nộp phí."
    ),
    conditions=(
        "Không chứng thực bản sao từ bản chính bị tẩy xóa, sửa chữa, hư hỏng, không xác định được nội dung; có dấu mật "
        "hoặc ghi không được sao chụp; có nội dung trái pháp luật, đạo đức xã hội; giấy tờ nước ngoài chưa hợp pháp hóa "
        "lãnh sự (trừ trường hợp được miễn)."
    ),
    results=(result("Bản sao được chứng thực từ bản chính", "KQ.G15.000021"),),
    channels=(
        channel(
            COUNTER,
            "4",
            WH,
            SAME_DAY,
            fees=COPY_CERTIFICATION_FEES,
            fee_text="2.000 đồng/trang; từ trang thứ 3 trở đi 1.000 đồng/trang; tối đa 200.000 đồng/bản",
        ),
    ),
    papers=(
        paper(
            "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực và bản sao cần chứng thực (bản sao có đủ các trang đã ghi "
            "thông tin của bản chính)",
            "01 bản chính, 01 bản sao",
            copies=1,
        ),
    ),
    legal_bases=LAWS,
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfd-8e22-77ef-819f-e49460350904",
    local_agency_codes=COMMUNES,
)

SIGNATURE = ProcedureData(
    code="2.000884",
    name=(
        "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp "
        "người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)"
    ),
    field_name=FIELD,
    level_codes=("commune", "other"),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="858/QĐ-BTP",
    competent_agency=AGENCY,
    implementing_agency=AGENCY,
    target_applicants="Công dân Việt Nam, người Việt Nam định cư ở nước ngoài",
    submission_address=WHERE,
    steps=(
        "1. Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ, văn bản sẽ ký.\n"
        "2. Người thực hiện chứng thực kiểm tra; người yêu cầu ký (hoặc điểm chỉ) trước mặt người thực hiện chứng thực.\n"
        "3. Ghi lời chứng, ký, đóng dấu, ghi vào sổ chứng thực và trả kết quả."
    ),
    conditions=(
        "Không chứng thực chữ ký khi người yêu cầu không nhận thức, làm chủ được hành vi; giấy tờ tùy thân hết giá trị "
        "hoặc giả mạo; giấy tờ có nội dung trái pháp luật hoặc là hợp đồng, giao dịch (trừ các trường hợp pháp luật cho phép)."
    ),
    results=(result("Giấy tờ, văn bản được chứng thực chữ ký/điểm chỉ", "KQ.G15.000022"),),
    channels=(
        channel(
            COUNTER,
            "4",
            WH,
            SAME_DAY,
            fees=(fee(10000, "Mỗi trường hợp (một hoặc nhiều chữ ký trong một giấy tờ, văn bản)"),),
            fee_text="10.000 đồng/trường hợp",
        ),
    ),
    papers=(
        paper(
            "Căn cước điện tử, thẻ căn cước, thẻ căn cước công dân, giấy chứng nhận căn cước hoặc hộ chiếu còn giá trị",
            "Xuất trình bản chính hoặc bản sao",
            originals=0,
        ),
        paper(
            "Giấy tờ, văn bản sẽ ký (kèm bản dịch tiếng Việt nếu bằng tiếng nước ngoài và người chứng thực yêu cầu)",
        ),
    ),
    legal_bases=(
        *LAWS,
        law("66.7/2025/NQ-CP", "Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu"),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfd-8e2e-7359-b42f-d5dc8d74741b",
    local_agency_codes=COMMUNES,
)

TRANSACTION = ProcedureData(
    code="2.001035",
    name="Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở",
    field_name=FIELD,
    level_codes=("commune",),
    procedure_type="TTHC được giao luật quy định chi tiết",
    decision_number="858/QĐ-BTP",
    competent_agency="Ủy ban nhân dân cấp xã",
    implementing_agency="Ủy ban nhân dân cấp xã",
    target_applicants="Cá nhân, tổ chức, doanh nghiệp",
    submission_address=WHERE,
    steps=(
        "1. Người yêu cầu nộp 01 bộ hồ sơ và xuất trình giấy tờ tùy thân.\n"
        "2. Người thực hiện chứng thực kiểm tra hồ sơ; các bên tự nguyện, minh mẫn thì ký trước mặt người thực hiện "
        "chứng thực (ký từng trang nếu từ 02 trang trở lên).\n"
        "3. Ghi lời chứng, ký, đóng dấu, ghi vào sổ chứng thực và trả giao dịch đã chứng thực."
    ),
    results=(result("Giao dịch được chứng thực", "KQ.G15.000023"),),
    channels=channels(
        (ONLINE_PARTIAL, POST, COUNTER),
        "2",
        WD,
        "Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ (Nghị định 23/2015/NĐ-CP Điều 38)",
        fees=(fee(50000, "Mỗi giao dịch"),),
        fee_text=(
            "50.000 đồng/giao dịch; cá nhân, hộ gia đình vay vốn phục vụ phát triển nông nghiệp, nông thôn không phải nộp "
            "phí chứng thực hợp đồng thế chấp"
        ),
    ),
    papers=(
        paper("Dự thảo giao dịch"),
        paper(
            "Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản hoặc giấy tờ thay thế (bản chính, bản sao có chứng thực "
            "hoặc bản sao điện tử có chứng thực)",
            "01 bản chính hoặc 01 bản sao",
            copies=1,
            condition="Tài sản pháp luật quy định phải đăng ký quyền sở hữu, quyền sử dụng",
        ),
        paper(
            "Căn cước điện tử, thẻ căn cước, thẻ căn cước công dân, giấy chứng nhận căn cước hoặc hộ chiếu của các bên",
            "Xuất trình bản chính",
            originals=0,
        ),
    ),
    legal_bases=LAWS,
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfd-95fa-70ca-93fd-4cab11b87897",
    local_agency_codes=COMMUNES,
)

PROCEDURES: tuple[ProcedureData, ...] = (COPY, SIGNATURE, TRANSACTION)
