"""The judicial record certificate (province police) and first military-service registration (commune).

Facts as the national database publishes them: Bộ Công an's QĐ 1025/QĐ-BCA for the judicial record
(Luật Lý lịch tư pháp Điều 48: at most 10 days; fees TT 244/2016/TT-BTC), and the Ministry of
Defence's QĐ 6375/QĐ-BQP for military-service registration (01 working day at the desk, 02 working
hours online).
"""

from egov.procedures.contracts import ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    DAYS,
    NATIONAL_PORTAL,
    ONLINE_FULL,
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

JUDICIAL_RECORD = ProcedureData(
    code="3.000333",
    name=(
        "Cấp Phiếu Lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam, người Việt Nam đang "
        "cư trú ở nước ngoài"
    ),
    field_name="Lý lịch tư pháp",
    level_codes=("province",),
    procedure_type="Loại khác",
    decision_number="1025/QĐ-BCA",
    competent_agency="Công an tỉnh",
    implementing_agency="Công an tỉnh",
    target_applicants="Công dân Việt Nam, người Việt Nam định cư ở nước ngoài, người nước ngoài cư trú tại Việt Nam",
    submission_address="Công an tỉnh; trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID",
    steps=(
        "1. Người yêu cầu nộp tờ khai và giấy tờ kèm theo (trực tiếp, qua bưu chính hoặc trực tuyến), nộp phí.\n"
        "2. Cơ quan cấp Phiếu tra cứu thông tin lý lịch tư pháp, xác minh khi cần.\n"
        "3. Cấp Phiếu Lý lịch tư pháp số 1 hoặc số 2 (bản giấy hoặc bản điện tử); từ chối thì thông báo bằng văn bản nêu "
        "rõ lý do."
    ),
    results=(
        result("Phiếu Lý lịch tư pháp số 1", "KQ.G01.000200"),
        result("Phiếu Lý lịch tư pháp số 2", "KQ.G01.000199"),
    ),
    channels=channels(
        (ONLINE_FULL, POST, COUNTER),
        "10",
        DAYS,
        "Không quá 10 ngày kể từ ngày nhận đủ yêu cầu hợp lệ (Luật Lý lịch tư pháp Điều 48)",
        fees=(
            fee(200000, "Phí cung cấp thông tin lý lịch tư pháp, mỗi lần"),
            fee(100000, "Sinh viên, người có công với cách mạng, thân nhân liệt sĩ, mỗi lần"),
        ),
        fee_text=(
            "200.000 đồng/lần; 100.000 đồng/lần đối với sinh viên, người có công với cách mạng, thân nhân liệt sĩ; miễn "
            "cho trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo (Thông tư 244/2016/TT-BTC)"
        ),
    ),
    papers=(
        paper(
            "Tờ khai yêu cầu cấp Phiếu Lý lịch tư pháp (Mẫu số 01/2025/LLTP; ủy quyền hoặc cha, mẹ của người chưa thành "
            "niên: Mẫu số 02/2025/LLTP); nộp trực tuyến thì dùng tờ khai điện tử tương tác (Mẫu số 04, 05/2025/LLTP)",
            template="Mẫu số 01/2025/LLTP",
        ),
        paper(
            "Bản sao thẻ căn cước, thẻ căn cước công dân, giấy xác nhận căn cước hoặc hộ chiếu của người được cấp Phiếu "
            "(xuất trình bản chính để đối chiếu)",
            "01 bản sao",
            originals=0,
            copies=1,
        ),
        paper(
            "Văn bản ủy quyền có công chứng, chứng thực (không cần nếu người được ủy quyền là cha, mẹ, vợ, chồng, con)",
            mandatory=False,
            condition="Ủy quyền yêu cầu cấp Phiếu số 1 (Phiếu số 2 không được ủy quyền, trừ người chưa thành niên)",
        ),
        paper(
            "Giấy tờ chứng minh thuộc đối tượng miễn hoặc giảm phí",
            mandatory=False,
            condition="Khi đề nghị miễn, giảm phí",
        ),
    ),
    legal_bases=(
        law("28/2009/QH12", "Luật Lý lịch tư pháp"),
        law(
            "244/2016/TT-BTC",
            "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp",
        ),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bf7-bd79-75fb-a4c6-ba1bf85d20ad",
)

MILITARY_SERVICE = ProcedureData(
    code="1.013133",
    name="Thủ tục đăng ký nghĩa vụ quân sự lần đầu",
    field_name="Nghĩa vụ quân sự",
    level_codes=("commune",),
    procedure_type="TTHC được luật giao quy định chi tiết",
    decision_number="6375/QĐ-BQP",
    competent_agency="Chủ tịch Ủy ban nhân dân cấp xã",
    implementing_agency="Ban Chỉ huy quân sự cấp xã",
    target_applicants="Công dân Việt Nam (nam đủ 17 tuổi trong năm)",
    submission_address="Ban Chỉ huy quân sự cấp xã nơi cư trú; trực tuyến trên Cổng Dịch vụ công quốc gia",
    steps=(
        "1. Công dân nộp Phiếu tự khai sức khỏe nghĩa vụ quân sự tại Ban Chỉ huy quân sự cấp xã hoặc trực tuyến.\n"
        "2. Ban Chỉ huy quân sự cấp xã đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư, ghi vào Sổ đăng ký công "
        "dân sẵn sàng nhập ngũ và trình Chủ tịch Ủy ban nhân dân cấp xã ký.\n"
        "3. Trả Giấy chứng nhận đăng ký nghĩa vụ quân sự."
    ),
    results=(result("Giấy chứng nhận đăng ký nghĩa vụ quân sự", ""),),
    channels=(
        channel(COUNTER, "1", WD, "01 ngày làm việc", fee_text="Không thu phí"),
        channel(ONLINE_FULL, "2", WH, "02 giờ làm việc", fee_text="Không thu phí"),
    ),
    papers=(
        paper("Phiếu tự khai sức khỏe nghĩa vụ quân sự", template="Phiếu tự khai sức khỏe nghĩa vụ quân sự"),
        paper(
            "Bản chụp thẻ căn cước công dân hoặc thẻ căn cước (không phải nộp nếu khai thác được Cơ sở dữ liệu quốc gia về "
            "dân cư)",
            "01 bản sao",
            originals=0,
            copies=1,
            mandatory=False,
            condition="Khi không khai thác được thông tin công dân trên Cơ sở dữ liệu quốc gia về dân cư",
        ),
    ),
    legal_bases=(
        law("78/2015/QH13", "Luật Nghĩa vụ quân sự"),
        law(
            "13/2016/NĐ-CP",
            "Nghị định quy định trình tự, thủ tục đăng ký và chế độ, chính sách của công dân trong thời gian đăng ký, khám, kiểm tra sức khỏe nghĩa vụ quân sự",
        ),
        law("68/2020/QH14", "Luật Cư trú"),
        law(
            "104/2022/NĐ-CP",
            "Nghị định sửa đổi, bổ sung một số điều của các nghị định liên quan đến việc nộp, xuất trình sổ hộ khẩu, sổ tạm "
            "trú giấy khi thực hiện thủ tục hành chính, cung cấp dịch vụ công",
        ),
        law(
            "220/2025/NĐ-CP",
            "Nghị định sửa đổi, bổ sung một số điều của một số Nghị định trong lĩnh vực quốc phòng, quân sự khi tổ chức chính "
            "quyền địa phương hai cấp",
        ),
    ),
    source=SOURCE,
    local_agency_codes=COMMUNES,
)

PROCEDURES: tuple[ProcedureData, ...] = (JUDICIAL_RECORD, MILITARY_SERVICE)
