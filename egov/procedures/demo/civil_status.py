"""Hộ tịch (civil status) at the commune: birth (with the liên thông birth, residence and health
insurance registration), marriage and death; the other civil-status records are in
``civil_status_records.py``.

Facts (codes, names, times, fees, papers, results, legal bases) as the national database of
administrative procedures publishes them (dichvucong.gov.vn, Bộ Tư pháp's QĐ 163/QĐ-BTP), read
and summarised for the demo; times are working days. Lệ phí: Luật Hộ tịch 60/2014/QH13 Điều 11
(birth and death registered on time and marriage of citizens living in Vietnam are free; the
province's People's Council sets the others).
"""

from typing import Any

from egov.procedures.contracts import PaperData, ProcedureData
from egov.procedures.demo.build import (
    COMMUNES,
    COUNTER,
    NATIONAL_PORTAL,
    ONLINE_FULL,
    POST,
    SOURCE,
    WD,
    channel,
    channels,
    law,
    paper,
    result,
)

FIELD = "Hộ tịch"
TYPE = "TTHC được giao luật quy định chi tiết"
ALL = (ONLINE_FULL, POST, COUNTER)
AGENCY = "Ủy ban nhân dân xã, phường, đặc khu"
APPLICANTS = "Công dân Việt Nam"
WHERE = "Trung tâm Phục vụ hành chính công cấp xã; trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID"

LAWS = (
    law("60/2014/QH13", "Luật Hộ tịch"),
    law("123/2015/NĐ-CP", "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch"),
    law("87/2020/NĐ-CP", "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến"),
    law(
        "07/2025/NĐ-CP",
        "Nghị định sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực",
    ),
    law(
        "120/2025/NĐ-CP",
        "Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp",
    ),
    law(
        "04/2020/TT-BTP", "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định 123/2015/NĐ-CP"
    ),
    law("66.7/2025/NQ-CP", "Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu"),
    law(
        "85/2019/TT-BTC",
        "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân cấp tỉnh",
    ),
)

ID_PAPER = paper(
    "Giấy tờ tùy thân: hộ chiếu, thẻ căn cước, căn cước điện tử hoặc giấy tờ khác có ảnh còn giá trị sử dụng "
    "(chỉ cần cung cấp số định danh cá nhân khi cơ quan đăng ký khai thác được Cơ sở dữ liệu quốc gia về dân cư)",
    "Xuất trình bản chính",
    originals=0,
    group="Giấy tờ phải xuất trình",
)
RESIDENCE_PAPER = paper(
    "Giấy tờ chứng minh nơi cư trú",
    "Xuất trình bản chính",
    originals=0,
    condition="Chỉ khi không khai thác được thông tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư",
    group="Giấy tờ phải xuất trình",
    # The desk asks for it only when the population database cannot tell (ND 104/2022 Điều 14): the
    # applicant cannot know that in advance, so it is offered, not asked as a question.
    requirement="optional",
)
POSTAL_COPIES = paper(
    "Bản sao có chứng thực các giấy tờ phải xuất trình",
    "01 bản sao",
    originals=0,
    copies=1,
    mandatory=False,
    condition="Khi gửi hồ sơ qua dịch vụ bưu chính",
    rule={"channel": ["post"]},  # never asked of an online or walk-in applicant
)


# The e-forms of birth and death registration ask who applies ("Quan hệ với người được khai sinh" …):
# a power of attorney is asked for only when the answer is "Người được ủy quyền" (Luật Hộ tịch 2014
# Điều 16, 33: the parents or relatives register without one).
AUTHORISED: dict[str, Any] = {"field": "requester.relationship", "equals": "authorised"}


def mandate_paper(what: str, *, rule: dict[str, Any] | None = None) -> PaperData:
    return paper(
        f"Văn bản ủy quyền thực hiện việc {what} (không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, "
        "con, vợ, chồng, anh, chị, em ruột của người ủy quyền)",
        mandatory=False,
        condition="Khi ủy quyền cho người khác thực hiện",
        rule=rule,
    )


def form_paper(name: str) -> PaperData:
    return paper(
        f"{name} theo mẫu (nộp trực tiếp, qua bưu chính) hoặc mẫu hộ tịch điện tử tương tác (nộp trực tuyến)",
        template=name,
    )


def _days(n: int, extra: str = "") -> str:
    return f"{n:02d} ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ{extra}"


_AFTER_15 = "; hồ sơ tiếp nhận sau 15 giờ được trả kết quả trong ngày làm việc tiếp theo"
REGISTRATION_FEE = "Lệ phí do Hội đồng nhân dân tỉnh quyết định; miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật"
COPY_FEE = "Phí cấp bản sao trích lục (nếu có yêu cầu) theo Thông tư 281/2016/TT-BTC"
# TT 281/2016/TT-BTC, Biểu phí: cấp bản sao trích lục hộ tịch 8.000 đồng/bản; charged per copy the
# applicant asks for in the e-form (egov.procedures.fees).
COPY_FEE_ITEM: dict[str, object] = {
    "amount": "8000",
    "currency": "VND",
    "description": "Phí cấp bản sao trích lục hộ tịch (8.000 đồng/bản, Thông tư 281/2016/TT-BTC)",
    "per": "copies.count",
    "when": {"field": "copies.requested", "equals": True},
}


def civil_procedure(
    code: str,
    name: str,
    *,
    time: int,
    steps: str,
    papers: tuple[PaperData, ...],
    results: tuple[dict[str, str], ...],
    fee_text: str,
    fees: tuple[dict[str, object], ...] = (COPY_FEE_ITEM,),
    **extra: object,
) -> ProcedureData:
    values: dict[str, object] = {
        "code": code,
        "name": name,
        "field_name": FIELD,
        "level_codes": ("commune",),
        "procedure_type": TYPE,
        "decision_number": "163/QĐ-BTP",
        "competent_agency": AGENCY,
        "implementing_agency": AGENCY,
        "target_applicants": APPLICANTS,
        "submission_address": WHERE,
        "steps": steps,
        "results": results,
        "channels": channels(
            ALL, str(time), WD, _days(time, _AFTER_15 if time == 1 else ""), fee_text=fee_text, fees=fees
        ),
        "papers": papers,
        "legal_bases": LAWS,
        "source": SOURCE,
        "local_agency_codes": COMMUNES,
    } | extra
    return ProcedureData(**values)  # type: ignore[arg-type]


BIRTH = civil_procedure(
    "1.001193",
    "Thủ tục đăng ký khai sinh",
    time=1,
    steps=(
        "1. Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã hoặc trực tuyến (Cổng Dịch vụ công "
        "quốc gia, VNeID), nộp phí cấp bản sao Giấy khai sinh nếu có yêu cầu.\n"
        "2. Cán bộ tiếp nhận kiểm tra hồ sơ: đủ thì tiếp nhận và hẹn trả kết quả; chưa đủ thì hướng dẫn bổ sung một lần; "
        "không bổ sung được thì từ chối bằng văn bản.\n"
        "3. Công chức tư pháp - hộ tịch thẩm tra hồ sơ, khai thác Cơ sở dữ liệu hộ tịch điện tử và dữ liệu dân cư, "
        "ghi vào Sổ đăng ký khai sinh và trình Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh.\n"
        "4. Trả Giấy khai sinh (bản giấy hoặc bản điện tử) cho người yêu cầu; số định danh cá nhân được cấp cho trẻ."
    ),
    papers=(
        form_paper("Tờ khai đăng ký khai sinh"),
        paper(
            "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm "
            "chứng thì giấy cam đoan về việc sinh",
            condition="Không phải nộp bản giấy nếu đã nộp hoặc cơ quan đăng ký khai thác được Giấy chứng sinh điện tử",
        ),
        paper(
            "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập", mandatory=False, condition="Trẻ em bị bỏ rơi"
        ),
        paper(
            "Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ",
            mandatory=False,
            condition="Trẻ em sinh ra do mang thai hộ",
        ),
        mandate_paper("đăng ký khai sinh", rule=AUTHORISED),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    results=(result("Giấy khai sinh", "KQ.G15.000031"),),
    fee_text=(
        "Miễn lệ phí đăng ký khai sinh đúng hạn (Luật Hộ tịch Điều 11); phí cấp bản sao Giấy khai sinh (nếu có yêu "
        "cầu) theo Thông tư 281/2016/TT-BTC"
    ),
    target_applicants="Công dân Việt Nam, người Việt Nam định cư ở nước ngoài",
    source_url=NATIONAL_PORTAL + "019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7",
)

MARRIAGE = civil_procedure(
    "1.000894",
    "Thủ tục đăng ký kết hôn",
    time=1,
    steps=(
        "1. Hai bên nam, nữ nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã nơi cư trú của một trong hai bên "
        "hoặc trực tuyến.\n"
        "2. Cán bộ tiếp nhận kiểm tra hồ sơ, tiếp nhận và hẹn trả kết quả hoặc hướng dẫn bổ sung một lần.\n"
        "3. Công chức tư pháp - hộ tịch tra cứu tình trạng hôn nhân của hai bên trong Cơ sở dữ liệu hộ tịch điện tử, "
        "thẩm tra điều kiện kết hôn (Luật Hôn nhân và gia đình) và trình Chủ tịch Ủy ban nhân dân cấp xã ký.\n"
        "4. Hai bên cùng có mặt ký Giấy chứng nhận kết hôn và Sổ đăng ký kết hôn, mỗi bên nhận 01 bản chính."
    ),
    papers=(
        paper(
            "Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên (hai bên có thể khai chung một tờ khai); "
            "nộp trực tuyến thì khai mẫu hộ tịch điện tử tương tác",
            template="Tờ khai đăng ký kết hôn",
        ),
        paper(
            "Giấy tờ chứng minh việc ly hôn hoặc hủy việc kết hôn đã được giải quyết ở nước ngoài và ghi chú vào sổ hộ tịch",
            mandatory=False,
            condition="Bên kết hôn đã ly hôn, hủy việc kết hôn tại cơ quan có thẩm quyền nước ngoài",
        ),
        ID_PAPER,
        RESIDENCE_PAPER,
        POSTAL_COPIES,
    ),
    results=(result("Giấy chứng nhận kết hôn", "KQ.G15.000032"),),
    fee_text="Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch Điều 11); "
    + COPY_FEE,
    legal_bases=(*LAWS, law("52/2014/QH13", "Luật Hôn nhân và gia đình")),
    source_url=NATIONAL_PORTAL + "019d2bfd-3fac-7489-b53b-a15eb239a6fe",
)

DEATH = civil_procedure(
    "1.000656",
    "Thủ tục đăng ký khai tử",
    time=1,
    steps=(
        "1. Trong 15 ngày kể từ ngày có người chết, vợ, chồng, con, cha, mẹ hoặc người thân thích nộp hồ sơ tại "
        "Trung tâm Phục vụ hành chính công cấp xã nơi cư trú cuối cùng của người chết hoặc trực tuyến.\n"
        "2. Cán bộ tiếp nhận kiểm tra hồ sơ, tiếp nhận và hẹn trả kết quả hoặc hướng dẫn bổ sung một lần.\n"
        "3. Công chức tư pháp - hộ tịch thẩm tra, ghi vào Sổ đăng ký khai tử, trình Chủ tịch Ủy ban nhân dân cấp xã "
        "ký Trích lục khai tử; thông tin được cập nhật vào Cơ sở dữ liệu quốc gia về dân cư.\n"
        "4. Trả Trích lục khai tử cho người yêu cầu."
    ),
    papers=(
        form_paper("Tờ khai đăng ký khai tử"),
        paper(
            "Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp",
            condition="Không phải nộp bản giấy nếu đã nộp hoặc cơ quan đăng ký khai thác được Giấy báo tử điện tử",
        ),
        paper(
            "Giấy tờ, tài liệu, chứng cứ do cơ quan, tổ chức có thẩm quyền cấp hoặc xác nhận chứng minh sự kiện chết",
            mandatory=False,
            condition="Người chết đã lâu, không có Giấy báo tử hoặc giấy tờ thay thế",
        ),
        mandate_paper("đăng ký khai tử", rule=AUTHORISED),
        ID_PAPER,
        paper(
            "Giấy tờ chứng minh nơi cư trú cuối cùng của người chết, hoặc nơi người đó chết, nơi phát hiện thi thể",
            "Xuất trình bản chính",
            originals=0,
            mandatory=False,
            condition="Khi không khai thác được thông tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư",
            group="Giấy tờ phải xuất trình",
        ),
        POSTAL_COPIES,
    ),
    results=(result("Trích lục khai tử", "KQ.G15.000034"),),
    fee_text="Miễn lệ phí đăng ký khai tử đúng hạn (Luật Hộ tịch Điều 11); " + COPY_FEE,
    source_url=NATIONAL_PORTAL + "019d2bfd-3fac-7489-b53b-9c6c958f2da4",
)


CHILD_LINKED = ProcedureData(
    code="2.000986",
    name=(
        "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi"
    ),
    field_name=FIELD,
    level_codes=("commune",),
    procedure_type="TTHC không được luật giao cho địa phương quy định",
    competent_agency="Ủy ban nhân dân cấp xã; Công an cấp xã; Bảo hiểm xã hội",
    implementing_agency=AGENCY,
    coordinating_agencies="Công an cấp xã (đăng ký thường trú); Bảo hiểm xã hội (cấp thẻ bảo hiểm y tế)",
    target_applicants="Cha, mẹ hoặc người thân thích của trẻ em dưới 6 tuổi",
    submission_address="Trung tâm Phục vụ hành chính công cấp xã",
    steps=(
        "1. Người yêu cầu nộp một bộ hồ sơ cho cả ba việc tại Trung tâm Phục vụ hành chính công cấp xã; cán bộ tiếp nhận "
        "kiểm tra, tạm thu lệ phí đăng ký thường trú và hẹn trả kết quả từng việc.\n"
        "2. Công chức tư pháp - hộ tịch đăng ký khai sinh cho trẻ ngay trong ngày tiếp nhận.\n"
        "3. Ủy ban nhân dân cấp xã lập hồ sơ đăng ký thường trú chuyển Công an và hồ sơ cấp thẻ bảo hiểm y tế chuyển "
        "Bảo hiểm xã hội; hai cơ quan giải quyết song song (thường trú trong 15 ngày, thẻ bảo hiểm y tế trong 10 ngày) "
        "và chuyển kết quả về Ủy ban nhân dân cấp xã.\n"
        "4. Trung tâm Phục vụ hành chính công cấp xã trả Giấy khai sinh, kết quả đăng ký thường trú và thẻ bảo hiểm y tế."
    ),
    results=(
        result("Giấy khai sinh", "KQ.G15.000031"),
        result("Thông báo kết quả giải quyết thủ tục về cư trú", "KQ.G01.000065"),
        result("Thẻ bảo hiểm y tế", "KQ.G18.000047"),
    ),
    channels=(
        channel(
            COUNTER,
            "20",
            WD,
            "Không quá 20 ngày làm việc kể từ ngày nộp đủ hồ sơ; thêm không quá 02 ngày làm việc nếu phải hoàn thiện hồ "
            "sơ theo yêu cầu của Công an, Bảo hiểm xã hội",
            fee_text=(
                "Miễn lệ phí đăng ký khai sinh đúng hạn; lệ phí đăng ký thường trú theo Thông tư 75/2022/TT-BTC (tạm thu "
                "khi tiếp nhận); thẻ bảo hiểm y tế của trẻ em dưới 6 tuổi do ngân sách nhà nước đóng"
            ),
        ),
    ),
    papers=(
        paper("Tờ khai đăng ký khai sinh theo mẫu", template="Tờ khai đăng ký khai sinh"),
        paper(
            "Giấy chứng sinh; nếu trẻ sinh ra ngoài cơ sở y tế thì văn bản xác nhận của người làm chứng hoặc giấy cam "
            "đoan về việc sinh; trẻ bị bỏ rơi thì biên bản về việc trẻ bị bỏ rơi"
        ),
        paper(
            "Tờ khai thay đổi thông tin cư trú (Mẫu CT01) của trẻ, có ý kiến đồng ý của chủ hộ nếu trẻ đăng ký thường "
            "trú vào hộ của người khác",
            template="Mẫu CT01",
        ),
        paper(
            "Tờ khai tham gia bảo hiểm y tế của trẻ em dưới 6 tuổi theo mẫu", template="Tờ khai tham gia bảo hiểm y tế"
        ),
        ID_PAPER,
    ),
    legal_bases=(
        LAWS[0],
        LAWS[1],
        law("68/2020/QH14", "Luật Cư trú"),
        law("25/2008/QH12", "Luật Bảo hiểm y tế (sửa đổi, bổ sung bởi Luật 46/2014/QH13)"),
        law(
            "05/2015/TTLT-BTP-BCA-BYT",
            "Thông tư liên tịch hướng dẫn thực hiện liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký "
            "thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        ),
        law("75/2022/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú"),
    ),
    source=SOURCE,
    source_url=NATIONAL_PORTAL + "019d2bfd-95d8-77dd-86c5-880463eb8dbe",
    local_agency_codes=COMMUNES,
)

PROCEDURES: tuple[ProcedureData, ...] = (BIRTH, CHILD_LINKED, MARRIAGE, DEATH)
