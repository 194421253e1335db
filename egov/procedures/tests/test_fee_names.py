"""Short fee names (egov.procedures.fee_names): what receipts, payment pages and procedure pages call
a fee, from the published fee item and the procedure; the published text stays as the detail."""

import json
from functools import cache
from typing import Any

import pytest

from config.env import BASE_DIR
from egov.procedures.choices import ChannelKind
from egov.procedures.fee_names import NAME_LIMIT, fee_name, procedure_phrase
from egov.procedures.fees import fees_for
from egov.procedures.importers.flat_channels import parse_channels
from egov.procedures.models import Channel, ProcedureVersion

DATA = BASE_DIR.parent / "shared" / "data" / "procedures"


@cache
def records() -> dict[str, dict[str, Any]]:
    lines = (DATA / "national_catalogue_sample.jsonl").read_text(encoding="utf-8").splitlines()
    return {raw["ma_thu_tuc"]: raw for raw in map(json.loads, lines)}


def national_fee_items(code: str) -> list[dict[str, Any]]:
    raw = records()[code]
    channels, _warnings = parse_channels(
        raw["cach_thuc_thuc_hien"], online_kind=ChannelKind.ONLINE_PARTIAL, hint_text=raw["trinh_tu_thuc_hien"]
    )
    return [dict(fee) for channel in channels for fee in channel.fees]


def test_the_national_record_of_2_000635_gives_a_fee_without_a_description() -> None:
    # the source of the defect: "8,000 VNĐ" and nothing else in the fee cell
    assert national_fee_items("2.000635")[0] == {"amount": "8000", "currency": "VND", "description": ""}


def test_a_fee_without_a_description_is_named_from_the_procedure() -> None:
    # given the fee of 2.000635 as imported / when quoted for the procedure
    version = ProcedureVersion(name="Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh")
    channel = Channel(version=version, fees=national_fee_items("2.000635")[:1])
    line = fees_for(channel, {}).lines[0]
    # then the line has a name a receipt can print (a copy is a public service: "phí")
    assert line.description == "Phí cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh"
    assert (line.unit_amount, line.quantity, line.amount, line.detail) == (8000, 1, 8000, "")


@pytest.mark.parametrize(
    ("procedure", "expected"),
    [
        ("Thủ tục đăng ký khai sinh", "Lệ phí đăng ký khai sinh"),  # registration: a state service, "lệ phí"
        ("Cấp bản sao Trích lục hộ tịch", "Phí cấp bản sao Trích lục hộ tịch"),
        ("Chứng thực bản sao từ bản chính giấy tờ", "Phí chứng thực bản sao từ bản chính giấy tờ"),
        (
            "Cấp Giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "Lệ phí cấp Giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        ),
        ("Giải quyết khiếu nại lần đầu", "Phí, lệ phí giải quyết khiếu nại lần đầu"),  # cannot tell: both words
    ],
)
def test_the_kind_of_a_derived_name_follows_the_procedure(procedure: str, expected: str) -> None:
    assert fee_name("", "", procedure_name=procedure) == (expected, "")


def test_a_bare_label_takes_the_procedure_or_its_note() -> None:
    assert fee_name("Lệ phí", "", procedure_name="Thủ tục đăng ký kết hôn") == ("Lệ phí đăng ký kết hôn", "")
    # "Phí : 2.000.000 Đồng (Thẩm định hồ sơ …)": the note names what the fee is for
    assert fee_name("Phí", "Thẩm định hồ sơ đề nghị cấp phép", procedure_name="X") == (
        "Phí thẩm định hồ sơ đề nghị cấp phép",
        "Phí: Thẩm định hồ sơ đề nghị cấp phép",
    )


def test_a_legal_paragraph_becomes_a_short_name_and_the_detail() -> None:
    paragraph = (
        "- Phí kiểm dịch động vật, sản phẩm động vật (bao gồm cả thủy sản): Chi tiết theo Mục III Biểu phí, lệ "
        "phí trong công tác thú y quy định tại Thông tư số 101/2020/TT-BTC ngày 23/11/2020 của Bộ trưởng Bộ Tài chính"
    )
    name, detail = fee_name(paragraph, "", procedure_name="Kiểm dịch động vật vận chuyển ra khỏi địa bàn tỉnh")
    assert name == "Phí kiểm dịch động vật, sản phẩm động vật"
    assert detail == paragraph.removeprefix("- ")


def test_an_explanation_that_names_no_fee_gives_a_derived_name() -> None:
    explanation = (
        "Thông tư số 60/2023/TT-BTC ngày 07/9/2023 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý lệ "
        "phí đăng ký, cấp biển số phương tiện giao thông cơ giới đường bộ."
    )
    name, detail = fee_name(explanation, "", procedure_name="Đăng ký xe máy chuyên dùng lần đầu")
    assert (name, detail) == ("Lệ phí đăng ký xe máy chuyên dùng lần đầu", explanation)
    name, _detail = fee_name(
        "50.000đ/giấy thông hành (Thông tư số 25/2021/TT-BTC).", "", procedure_name="Cấp giấy thông hành"
    )
    assert name == "Lệ phí cấp giấy thông hành"


def test_names_are_short_whatever_the_source() -> None:
    long_name = "Cấp giấy phép môi trường " + "đối với dự án đầu tư nhóm II có phát sinh nước thải, bụi, khí thải " * 3
    name, _detail = fee_name("", "", procedure_name=long_name)
    assert len(name) <= NAME_LIMIT
    assert name.endswith("…")
    assert name.startswith("Lệ phí cấp giấy phép môi trường đối với dự án")


def test_every_real_fee_item_gets_a_short_name() -> None:
    # over all 2,642 national records: no empty name, none longer than the limit
    for code, raw in records().items():
        for item in national_fee_items(code):
            name, _detail = fee_name(
                item.get("description", ""), item.get("note", ""), procedure_name=raw["ten_thu_tuc"]
            )
            assert name.strip(), code
            assert len(name) <= NAME_LIMIT, (code, name)


def test_procedure_phrase() -> None:
    assert procedure_phrase("Thủ tục đăng ký khai sinh") == "đăng ký khai sinh"
    assert procedure_phrase("Cấp bản sao Trích lục hộ tịch") == "cấp bản sao Trích lục hộ tịch"
    assert procedure_phrase("UBND cấp xã xác nhận") == "UBND cấp xã xác nhận"  # an acronym keeps its case
    assert procedure_phrase("Thủ tục cấp phép (cấp tỉnh)") == "cấp phép"


def test_a_council_sentence_is_not_a_name() -> None:
    text = "Lệ phí do Hội đồng nhân dân tỉnh quyết định; miễn cho người thuộc hộ nghèo"
    assert fee_name(text, "", procedure_name="Thủ tục đăng ký nhận cha, mẹ, con") == (
        "Lệ phí đăng ký nhận cha, mẹ, con",
        text,
    )
