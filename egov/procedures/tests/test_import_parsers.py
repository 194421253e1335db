"""Parsers of the national catalogue's flattened tables: properties over all 2,642 real records, and
exact values on samples checked by hand against the national portal's rendering."""

import json
import re
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from config.env import BASE_DIR
from egov.procedures.choices import ChannelKind, TimeUnit
from egov.procedures.contracts import ChannelData, LegalBasisData, PaperData
from egov.procedures.importers.common import fee_items, online_kind, parse_levels, parse_time
from egov.procedures.importers.flat_channels import parse_channels
from egov.procedures.importers.flat_legal import parse_legal_bases, parse_results
from egov.procedures.importers.flat_papers import parse_papers
from egov.procedures.importers.national_catalogue import national_record

DATA = BASE_DIR.parent / "shared" / "data" / "procedures"
_ROW_START = re.compile(r"(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?P<digit>\d)?")


@cache
def records() -> dict[str, dict[str, Any]]:
    lines = (DATA / "national_catalogue_sample.jsonl").read_text(encoding="utf-8").splitlines()
    return {raw["ma_thu_tuc"]: raw for raw in map(json.loads, lines)}


def channels_of(code: str) -> list[ChannelData]:
    raw = records()[code]
    channels, _warnings = parse_channels(
        raw["cach_thuc_thuc_hien"], online_kind=ChannelKind.ONLINE_PARTIAL, hint_text=raw["trinh_tu_thuc_hien"]
    )
    return channels


# -- properties over every real record ---------------------------------------------------------


def test_every_real_record_parses_into_procedure_data_without_an_exception() -> None:
    # given all 2,642 records / when each is parsed
    parsed = [national_record(raw, ref=code) for code, raw in records().items()]
    # then every one becomes data (none is rejected), under its own code
    assert len(parsed) == 2642
    assert [record.reject_reason for record in parsed if record.data is None] == []
    assert all(record.data is not None and record.data.code == record.code for record in parsed)


def test_every_channel_has_a_kind_and_a_time_when_its_time_cell_has_digits() -> None:
    for code, raw in records().items():
        text = raw["cach_thuc_thuc_hien"]
        rows_with_digits = sum(1 for m in _ROW_START.finditer(text) if m["digit"])
        channels = channels_of(code)
        assert all(channel.kind in ChannelKind.values for channel in channels), code
        assert all(channel.time_unit in TimeUnit.values for channel in channels), code
        timed = [channel for channel in channels if channel.processing_time is not None]
        # exact repeats of a row are dropped, so there can be fewer timed channels than rows
        assert (len(timed) > 0) == (rows_with_digits > 0), code
        assert all(Decimal(0) <= channel.processing_time < 1000 for channel in timed), code  # type: ignore[operator]


def test_every_fee_has_a_plain_amount_and_a_currency() -> None:
    for code in records():
        for channel in channels_of(code):
            for fee in channel.fees:
                assert re.fullmatch(r"\d+", fee["amount"]), (code, fee)
                assert fee["currency"] in {"VND", "USD", "EUR"}, (code, fee)


def test_every_paper_has_a_name_and_its_quantity_is_one_digit() -> None:
    for code, raw in records().items():
        papers, _warnings = parse_papers(raw["thanh_phan_ho_so"])
        for paper in papers:
            assert paper.name.strip(), code
            assert 0 <= paper.originals <= 9, code
            assert 0 <= paper.copies <= 9, code
            assert not paper.template_name or re.search(r"\.(docx?|pdf|xlsx?|rar|zip)$", paper.template_name, re.I)


def test_legal_basis_numbers_are_vietnamese_document_notations() -> None:
    notation = re.compile(r"^\d{1,4}(\.\d+)?/\d{4}/[A-ZĐ][\wĐ\-/()]*$")
    numbers = 0
    for code, raw in records().items():
        bases, _warnings = parse_legal_bases(raw["can_cu_phap_ly"])
        for basis in bases:
            assert basis.document_number or basis.title, code
            if basis.document_number:
                numbers += 1
                assert notation.match(basis.document_number), (code, basis.document_number)
    assert numbers > 9000


# -- exact values checked by hand ------------------------------------------------------------


def test_passport_rows_keep_both_processing_times_per_channel() -> None:
    # 1.001471: 5 working days, or 3 in the cases of Art. 15(4) of the exit-entry law, 200,000 VND
    channels = channels_of("1.001471")
    assert [(c.kind, c.processing_time, c.time_unit) for c in channels] == [
        (ChannelKind.ONLINE_PARTIAL, Decimal(5), TimeUnit.WORKING_DAY),
        (ChannelKind.POST, Decimal(5), TimeUnit.WORKING_DAY),
        (ChannelKind.COUNTER, Decimal(5), TimeUnit.WORKING_DAY),
        (ChannelKind.ONLINE_PARTIAL, Decimal(3), TimeUnit.WORKING_DAY),
        (ChannelKind.COUNTER, Decimal(3), TimeUnit.WORKING_DAY),
        (ChannelKind.POST, Decimal(3), TimeUnit.WORKING_DAY),
    ]
    assert channels[0].fees[0]["amount"] == "200000"
    assert channels[0].fees[0]["currency"] == "VND"
    assert channels[0].description.startswith("nộp hồ sơ trực tuyến qua Cổng dịch vụ công quốc gia")


def test_post_row_without_fee_information() -> None:
    (post, counter) = channels_of("1.000178")
    assert (post.kind, post.processing_time, post.time_unit, post.fees) == (
        ChannelKind.POST,
        Decimal(60),
        TimeUnit.WORKING_DAY,
        (),
    )
    assert post.processing_time_text == "60 Ngày làm việc"
    assert post.description.startswith("Thời hạn giải quyết khiếu nại lần đầu không quá 30 ngày")
    assert counter.kind == ChannelKind.COUNTER


def test_hours_and_months() -> None:
    online = channels_of("1.010047")[0]
    assert (online.processing_time, online.time_unit, online.processing_time_text) == (
        Decimal(1),
        TimeUnit.WORKING_HOUR,
        "1 Giờ",
    )
    (card,) = channels_of("1.001010")
    assert (card.kind, card.processing_time, card.time_unit) == (ChannelKind.COUNTER, Decimal(6), TimeUnit.MONTH)
    assert card.fees == ({"amount": "100", "currency": "USD", "description": "100 USD/thẻ."},)


def test_bare_time_glued_to_an_amount_is_split_into_a_well_formed_amount() -> None:
    # "Trực tuyến1Miễn phí…Dịch vụ bưu chính1100 VNĐ(…)Trực tiếp1100,000 VNĐ(…)": 1 day each
    online, post, counter = channels_of("2.002044")
    assert [c.processing_time for c in (online, post, counter)] == [Decimal(1)] * 3
    assert online.fees[0]["amount"] == "0"
    assert post.fees[0]["amount"] == "100"  # as published (the note says 100.000 đồng)
    assert counter.fees[0]["amount"] == "100000"
    assert counter.fees[0]["description"] == (
        "- Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần (Thông tư số 47/2019/TT-BTC)."
    )


def test_bare_time_takes_its_unit_from_the_steps_or_stays_unspecified() -> None:
    (online,) = [c for c in channels_of("1.000005") if c.kind == ChannelKind.ONLINE_PARTIAL]
    assert (online.processing_time, online.time_unit) == (Decimal(1), TimeUnit.UNSPECIFIED)
    assert online.fees[0]["amount"] == "20000"


def test_currency_stated_in_the_note_corrects_the_cell() -> None:
    # 1.003358: the counter row says "145 VNĐ" but its note says "145 USD/thẻ" (temporary residence card)
    counters = [c for c in channels_of("1.003358") if c.kind == ChannelKind.COUNTER]
    assert [(c.fees[0]["amount"], c.fees[0]["currency"]) for c in counters] == [
        ("155", "USD"),
        ("145", "USD"),
        ("165", "USD"),
    ]


def test_free_text_time_cell_and_enumerated_description() -> None:
    online = channels_of("1.007689")[0]
    assert online.processing_time is None
    assert online.processing_time_text == "Không phải trả kết quả cho người nộp thuế"
    assert online.fees == ({"amount": "0", "currency": "VND", "description": ""},)
    first = channels_of("1.014258")[0]
    assert (first.processing_time, first.fee_text) == (Decimal(44), "")
    assert first.description.startswith("(1) Trường hợp tổ chức, cá nhân đề nghị cấp giấy xác nhận")


def test_fee_items_of_the_national_database() -> None:
    assert fee_items("Lệ phí : 8.000 Đồng") == [{"amount": "8000", "currency": "VND", "description": "Lệ phí"}]
    assert fee_items("Phí : 0 Đồng") == [{"amount": "0", "currency": "VND", "description": "Phí"}]
    assert fee_items("Phí : 2.000.000 Đồng (Thẩm định cấp phép (lần đầu))") == [
        {"amount": "2000000", "currency": "VND", "description": "Phí", "note": "Thẩm định cấp phép (lần đầu)"}
    ]
    assert fee_items("Phí : Mức thu bằng 50% mức thu phí quy định") == []


def test_times_and_levels() -> None:
    assert parse_time("30 Ngày làm việc") == (Decimal(30), TimeUnit.WORKING_DAY)
    assert parse_time("01 Giờ") == (Decimal(1), TimeUnit.WORKING_HOUR)
    assert parse_time("15 Ngày") == (Decimal(15), TimeUnit.CALENDAR_DAY)
    assert parse_time("Không quy định") == (None, TimeUnit.UNSPECIFIED)
    assert parse_levels("Cấp bộ, Cấp tỉnh, Cấp xã") == (("ministry", "province", "commune"), [])
    assert parse_levels("Cấp Tỉnh, Cấp Huyện, Cơ quan khác, Cấp thôn") == (
        ("province", "district", "other"),
        ["Cấp thôn"],
    )


def test_full_online_only_when_the_procedure_says_so() -> None:
    assert online_kind(name="Đăng ký xe tạm thời thực hiện bằng dịch vụ công  trực  tuyến toàn trình", texts=[]) == (
        ChannelKind.ONLINE_FULL
    )
    assert online_kind(name="Cấp giấy phép", texts=["đủ điều kiện thực hiện dịch vụ công trực tuyến toàn trình"]) == (
        ChannelKind.ONLINE_FULL
    )
    assert (
        online_kind(name="Đăng ký xe bằng dịch vụ công trực tuyến một phần", texts=["trực tuyến toàn trình"])
        == ChannelKind.ONLINE_PARTIAL
    )
    assert online_kind(name="Khai thuế", texts=["đối với các TTHC đã toàn trình"]) == ChannelKind.ONLINE_PARTIAL
    data = national_record(records()["1.002099"], ref="x").data
    assert data is not None
    assert {c.kind for c in data.channels} == {ChannelKind.ONLINE_FULL, ChannelKind.POST, ChannelKind.COUNTER}


def test_papers_with_template_files_and_quantities() -> None:
    papers, warnings = parse_papers(records()["1.000823"]["thanh_phan_ho_so"])
    assert warnings == []
    assert papers[0] == PaperData(
        name=(
            "Đơn đề nghị chuyển đổi Giấy phép theo Mẫu số 08 quy định tại Phụ lục II ban hành kèm theo "
            "Nghị định số 121/2021/NĐ-CP ngày 27/12/2021"
        ),
        originals=1,
        copies=0,
        quantity_text="1 bản chính",
        template_name="Mus08.docx",
    )
    assert [(p.template_name, p.originals) for p in papers] == [("Mus08.docx", 1), ("Mus09.docx", 1), ("", 1)]


def test_quantities_mentioned_inside_names_are_not_columns() -> None:
    papers, _warnings = parse_papers(records()["1.001280"]["thanh_phan_ho_so"])
    assert [(p.originals, p.copies) for p in papers[:3]] == [(0, 1), (1, 1), (0, 1)]
    assert papers[0].name.startswith("01 bản sao có chứng thực giấy tờ do cơ quan có thẩm quyền")
    assert papers[0].name.endswith("trường hợp nộp bản chụp thì xuất trình bản chính để kiểm tra, đối chiếu.")
    assert papers[1].name == "Giấy thông hành đã được cấp nếu còn giá trị sử dụng."
    assert papers[2].name.startswith("01 bản sao giấy khai sinh hoặc trích lục ghi vào sổ hộ tịch")
    assert papers[3].template_name == "m01a.pdf"


def test_papers_are_grouped_by_case_and_conditional_ones_marked() -> None:
    papers, _warnings = parse_papers(records()["1.013076"]["thanh_phan_ho_so"])
    assert [(p.group, p.name) for p in papers[:2]] == [
        ("1. Hồ sơ thu hồi", "Bản sao chứng từ chuyển quyền sở hữu xe"),
        ("1. Hồ sơ thu hồi", papers[1].name),
    ]
    assert papers[3].template_name == "MauKX11.docx"
    assert {p.group for p in papers} == {"1. Hồ sơ thu hồi", "2. Hồ sơ đăng ký"}
    several, _ = parse_papers(records()["1.002349"]["thanh_phan_ho_so"])
    listed = [p for p in several if p.template_name.startswith("MauDanhsachhanhkhach")]
    assert listed[0].template_name == "MauDanhsachhanhkhach.docx, MauDanhsachthuyenvien (1).docx"
    # "(nếu có)" after one of the papers listed in a row qualifies that part: the row stays mandatory
    partly = [p for p in several if "(nếu có)" in p.name]
    assert [(p.kind, p.requirement) for p in partly] == [("paper", "mandatory"), ("paper", "mandatory")]
    optional, _ = parse_papers(records()["2.001337"]["thanh_phan_ho_so"])
    assert [(p.requirement, p.condition) for p in optional if p.name.endswith("(nếu có).")] == [("optional", "nếu có")]


def test_legal_bases_split_title_and_number() -> None:
    bases, warnings = parse_legal_bases(records()["1.003482"]["can_cu_phap_ly"])
    assert warnings == []
    assert bases[:3] == [
        LegalBasisData(
            "10/2014/TT-BCA",
            "Thông tư 10/2014/TT-BCA - Quy định việc xử lý, giải quyết tố cáo và quản lý công tác giải quyết "
            "tố cáo trong công an nhân dân",
        ),
        LegalBasisData("76/2012/NĐ-CP", "Nghị định"),
        LegalBasisData(
            "12/2015/TT-BCA", "Thông tư 12/2015/TT-BCA - Quy định quy trình giải quyết tố cáo trong Công an nhân dân"
        ),
    ]
    assert bases[-1] == LegalBasisData("03/2011/QH13", "Luật 03/2011/QH13")


def test_legal_basis_number_glued_to_the_next_title() -> None:
    bases, _warnings = parse_legal_bases(
        "Tên văn bản pháp lýMã văn bảnNghị định 05/2021/NĐ-CP05/2021/NĐ-CPLuật Các tổ chức tín dụng"
        "Luật số 32/2024/QH15quy định hồ sơ cấp Giấy phépThông tư 56/2024/TT-NHNN"
    )
    assert bases == [
        LegalBasisData("05/2021/NĐ-CP", "Nghị định 05/2021/NĐ-CP"),
        LegalBasisData("32/2024/QH15", "Luật Các tổ chức tín dụng"),
        LegalBasisData("56/2024/TT-NHNN", "quy định hồ sơ cấp Giấy phép"),
    ]


def test_results_with_codes_and_the_search_form_cut_off() -> None:
    assert parse_results(records()["1.012363"]["ket_qua_xu_ly"]) == [
        {"name": "Văn bản thông báo lý do từ chối của Bộ Tài chính", "code": "KQ.G12.001161"},
        {
            "name": "Văn bản ghi nhận đăng ký nguyên tắc tách nguồn vốn chủ sở hữu, nguồn phí bảo hiểm",
            "code": "KQ.G12.000778",
        },
    ]
    assert parse_results("Mã số cơ sở chăn nuôi.Mã: Chưa xác địnhTừ khóaKhông có thông tin") == [
        {"name": "Mã số cơ sở chăn nuôi.", "code": ""}
    ]


def test_broken_record_is_rejected_with_a_reason() -> None:
    assert national_record({"ma_thu_tuc": "", "ten_thu_tuc": "X"}, ref="line 1").reject_reason == (
        "procedure code missing"
    )
    assert national_record({"ma_thu_tuc": "1.0001", "ten_thu_tuc": "X"}, ref="line 1").reject_reason == (
        "malformed procedure code “1.0001” (expected like 1.001193)"
    )
    assert national_record({"ma_thu_tuc": "1.000001", "ten_thu_tuc": " "}, ref="line 1").reject_reason == (
        "procedure name missing"
    )


@pytest.fixture(autouse=True)
def _english() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield
