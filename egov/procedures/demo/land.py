"""Đất đai (land): registration of changes (đăng ký biến động) and correction of certificates.

Facts as the national database publishes them (Bộ Nông nghiệp và Môi trường's QĐ 3380/QĐ-BNNMT
and 2304/QĐ-BNNMT), summarised for the demo. In the demo province the land registration office
(Văn phòng đăng ký đất đai) is represented by the Department of Agriculture and Environment.
"""

from egov.procedures.choices import ChannelKind
from egov.procedures.contracts import PaperData, ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    NATIONAL_PORTAL,
    ONLINE_PARTIAL,
    POST,
    SOURCE,
    WD,
    channels,
    law,
    paper,
    province,
    result,
)

FIELD = "Đất đai"
REGISTRY = "Văn phòng đăng ký đất đai, Chi nhánh Văn phòng đăng ký đất đai"
WHERE = "Trung tâm Phục vụ hành chính công tỉnh, cấp xã; Văn phòng đăng ký đất đai hoặc Chi nhánh"
FEE_TEXT = "Phí, lệ phí theo quy định của Luật Phí và lệ phí và nghị quyết của Hội đồng nhân dân tỉnh"
CERTIFICATE = result(
    "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (hoặc xác nhận thay đổi trên Giấy chứng "
    "nhận đã cấp)",
    "KQ.G10.001147",
)

LAWS = (
    law("31/2024/QH15", "Luật Đất đai"),
    law(
        "43/2024/QH15",
        "Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng",
    ),
    law(
        "101/2024/NĐ-CP",
        "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận và hệ thống thông tin đất đai",
    ),
    law(
        "151/2025/NĐ-CP",
        "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai",
    ),
    law(
        "226/2025/NĐ-CP",
        "Nghị định sửa đổi, bổ sung một số điều của các nghị định quy định chi tiết thi hành Luật Đất đai",
    ),
    law(
        "118/2025/NĐ-CP",
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng "
        "Dịch vụ công quốc gia",
    ),
)

FORM_18 = paper(
    "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 18 ban hành kèm theo Nghị định 151/2025/NĐ-CP)",
    template="Mẫu số 18 (Nghị định 151/2025/NĐ-CP)",
)
ORIGINAL_CERTIFICATE = paper("Bản gốc Giấy chứng nhận đã cấp")
SURVEY = paper(
    "Mảnh trích đo bản đồ địa chính thửa đất",
    mandatory=False,
    condition="Người sử dụng đất có nhu cầu đo đạc xác định lại kích thước các cạnh, diện tích thửa đất",
)
REPRESENTATIVE = paper(
    "Văn bản về việc đại diện theo quy định của pháp luật dân sự",
    mandatory=False,
    condition="Thực hiện thủ tục thông qua người đại diện",
)
_ORIGINALS = (
    "Người nộp bản sao hoặc bản số hóa giấy tờ phải nộp bản chính các giấy tờ thuộc thành phần hồ sơ khi nhận kết quả."
)


def _land(
    code: str,
    name: str,
    *,
    level: str,
    days: int,
    kinds: tuple[ChannelKind, ...],
    steps: str,
    papers: tuple[PaperData, ...],
    url: str,
    decision: str,
    **extra: object,
) -> ProcedureData:
    values: dict[str, object] = {
        "code": code,
        "name": name,
        "field_name": FIELD,
        "level_codes": (level,),
        "procedure_type": "TTHC được giao luật quy định chi tiết",
        "decision_number": decision,
        "competent_agency": REGISTRY,
        "implementing_agency": REGISTRY,
        "target_applicants": "Cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài, tổ chức",
        "submission_address": WHERE,
        "steps": steps,
        "conditions": _ORIGINALS,
        "results": (CERTIFICATE,),
        "channels": channels(
            kinds, str(days), WD, f"{days:02d} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", fee_text=FEE_TEXT
        ),  # type: ignore[arg-type]
        "papers": papers,
        "legal_bases": LAWS,
        "source": SOURCE,
        "source_url": NATIONAL_PORTAL + url,
        "local_agency_codes": province("snnmt"),
    } | extra
    return ProcedureData(**values)  # type: ignore[arg-type]


_RECEIVE = (
    "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công (tỉnh hoặc cấp xã, không phụ thuộc địa giới hành "
    "chính trong tỉnh), Văn phòng đăng ký đất đai hoặc Chi nhánh.\n"
    "2. Cơ quan tiếp nhận kiểm tra thành phần hồ sơ, cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả (hoặc Phiếu yêu cầu bổ "
    "sung, hoàn thiện hồ sơ) và chuyển hồ sơ đến Văn phòng đăng ký đất đai hoặc Chi nhánh.\n"
)

CHANGE_OF_USE = _land(
    "1.013992",
    "Đăng ký biến động chuyển mục đích sử dụng đất không phải xin phép cơ quan nhà nước có thẩm quyền",
    level="province",
    days=7,
    kinds=(ONLINE_PARTIAL, POST, COUNTER),
    decision="3380/QĐ-BNNMT",
    steps=_RECEIVE
    + (
        "3. Văn phòng đăng ký đất đai kiểm tra hồ sơ, ký duyệt mảnh trích đo (nếu có), xác nhận thay đổi trên Giấy chứng "
        "nhận hoặc trình cấp Giấy chứng nhận mới, chỉnh lý hồ sơ địa chính và cơ sở dữ liệu đất đai.\n"
        "4. Trả kết quả tại nơi nộp hồ sơ."
    ),
    papers=(
        FORM_18,
        paper("Giấy chứng nhận đã cấp", "01 bản sao hoặc bản gốc", originals=0, copies=1),
        SURVEY,
        REPRESENTATIVE,
    ),
    url="019d2bfa-8676-77f3-ba25-0b6137011577",
)

HOLDER_DETAILS = _land(
    "1.013833",
    (
        "Đăng ký biến động đối với trường hợp đổi tên hoặc thay đổi thông tin về người sử dụng đất, chủ sở hữu tài sản "
        "gắn liền với đất hoặc thay đổi số hiệu hoặc địa chỉ của thửa đất; thay đổi hạn chế quyền sử dụng đất, quyền sở "
        "hữu tài sản gắn liền với đất hoặc có thay đổi quyền đối với thửa đất liền kề; giảm diện tích thửa đất do sạt lở "
        "tự nhiên"
    ),
    level="province",
    days=10,
    kinds=(COUNTER,),
    decision="2304/QĐ-BNNMT",
    steps=_RECEIVE
    + (
        "3. Văn phòng đăng ký đất đai chỉnh lý, cập nhật biến động vào hồ sơ địa chính, cơ sở dữ liệu đất đai và xác nhận "
        "thay đổi trên Giấy chứng nhận đã cấp hoặc cấp Giấy chứng nhận mới nếu người sử dụng đất có nhu cầu.\n"
        "4. Trả kết quả tại nơi nộp hồ sơ."
    ),
    papers=(
        FORM_18,
        ORIGINAL_CERTIFICATE,
        paper(
            "Giấy tờ chứng minh việc đổi tên, thay đổi thông tin của người sử dụng đất, chủ sở hữu tài sản gắn liền với đất",
            mandatory=False,
            condition="Khi không khai thác được thông tin trong Cơ sở dữ liệu quốc gia về dân cư",
        ),
        paper(
            "Văn bản của cơ quan có thẩm quyền cho phép hoặc công nhận việc đổi tên, thay đổi thông tin",
            mandatory=False,
            condition="Tổ chức, người gốc Việt Nam định cư ở nước ngoài, cộng đồng dân cư",
        ),
        SURVEY,
        REPRESENTATIVE,
    ),
    url="019d2bfa-7ed2-77ba-9ecd-737733a74667",
)

CORRECTION = _land(
    "1.012796",
    "Đính chính Giấy chứng nhận đã cấp lần đầu có sai sót",
    level="commune",
    days=8,
    kinds=(ONLINE_PARTIAL, POST, COUNTER),
    decision="2304/QĐ-BNNMT",
    competent_agency="Chủ tịch Ủy ban nhân dân cấp xã",
    implementing_agency="Ủy ban nhân dân cấp xã (cơ quan có chức năng quản lý đất đai cấp xã); " + REGISTRY,
    coordinating_agencies=REGISTRY,
    target_applicants="Cá nhân, tổ chức được cấp Giấy chứng nhận",
    submission_address="Trung tâm Phục vụ hành chính công cấp xã",
    steps=(
        "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã; cán bộ tiếp nhận kiểm tra, hẹn trả kết "
        "quả và chuyển hồ sơ đến cơ quan quản lý đất đai cấp xã.\n"
        "2. Cơ quan quản lý đất đai cấp xã đề nghị Văn phòng đăng ký đất đai (Chi nhánh) chuyển hồ sơ cấp Giấy chứng nhận "
        "lần đầu, kiểm tra và lập biên bản kết luận về nội dung, nguyên nhân sai sót (liên thông xã - tỉnh).\n"
        "3. Trình Chủ tịch Ủy ban nhân dân cấp xã xác nhận nội dung đính chính trên Giấy chứng nhận hoặc cấp Giấy chứng "
        "nhận mới; chuyển hồ sơ để Văn phòng đăng ký đất đai chỉnh lý hồ sơ địa chính.\n"
        "4. Trả Giấy chứng nhận tại Trung tâm Phục vụ hành chính công cấp xã."
    ),
    papers=(
        FORM_18,
        ORIGINAL_CERTIFICATE,
        paper(
            "Giấy tờ chứng minh sai sót thông tin của người được cấp hoặc của thửa đất, tài sản gắn liền với đất so với "
            "Giấy chứng nhận đã cấp"
        ),
        REPRESENTATIVE,
    ),
    url="019d2bfa-76cb-741b-996e-33d1ef50be50",
    local_agency_codes=COMMUNES + province("snnmt"),
)

PROCEDURES: tuple[ProcedureData, ...] = (CHANGE_OF_USE, HOLDER_DETAILS, CORRECTION)
