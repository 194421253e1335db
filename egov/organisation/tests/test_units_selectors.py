"""Unit selectors on a small hand-made tree (fast and exact); the API tests use the full data."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.text import fold
from egov.organisation.models import AdministrativeUnit, UnitSuccession
from egov.organisation.unit_selectors import (
    unit_current_for_legacy,
    unit_get,
    unit_get_current_province,
    unit_legacy_lookup,
    unit_list_communes,
    unit_list_provinces,
    unit_search,
    unit_successors,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OLD_END, REFORM = date(2025, 6, 30), date(2025, 7, 1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 1, 15, 9, 0, tzinfo=VN), tick=False)


def make(
    code: str,
    name: str,
    level: str,
    parent: AdministrativeUnit | None = None,
    *,
    old: bool = False,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> AdministrativeUnit:
    unit_type = next(t for t in ("Thành phố", "Thị trấn", "Tỉnh", "Huyện", "Phường", "Xã") if name.startswith(t))
    return AdministrativeUnit.objects.create(
        code=code,
        name=name,
        short_name=name.removeprefix(unit_type + " "),
        unit_type=unit_type,
        level=level,
        parent=parent,
        valid_from=None if old else (valid_from or REFORM),
        valid_to=OLD_END if old else valid_to,
        name_folded=fold(name),
    )


def link(old: AdministrativeUnit, new: AdministrativeUnit, *, partial: bool = False, on: date = REFORM) -> None:
    UnitSuccession.objects.create(predecessor=old, successor=new, effective_date=on, is_partial=partial)


@pytest.fixture
def tree():
    quang_binh = make("44", "Tỉnh Quảng Bình", "province", old=True)
    old_quang_tri = make("45", "Tỉnh Quảng Trị", "province", old=True)
    dong_hoi = make("450", "Thành phố Đồng Hới", "district", quang_binh, old=True)
    le_thuy = make("451", "Huyện Lệ Thủy", "district", quang_binh, old=True)
    huong_hoa = make("460", "Huyện Hướng Hóa", "district", old_quang_tri, old=True)
    cam_lo = make("461", "Huyện Cam Lộ", "district", old_quang_tri, old=True)
    old = {
        "hai_thanh": make("18853", "Phường Hải Thành", "commune", dong_hoi, old=True),
        "duc_ninh_dong": make("18880", "Phường Đức Ninh Đông", "commune", dong_hoi, old=True),
        "p5": make("18900", "Phường 5", "commune", dong_hoi, old=True),
        "tt_phuoc_long": make("19000", "Thị trấn Phước Long", "commune", le_thuy, old=True),
        "xa_phuoc_long": make("19001", "Xã Phước Long", "commune", le_thuy, old=True),
        "tan_thanh_hh": make("19456", "Xã Tân Thành", "commune", huong_hoa, old=True),
        "tan_thanh_cl": make("19500", "Xã Tân Thành", "commune", cam_lo, old=True),
    }
    quang_tri = make("44", "Tỉnh Quảng Trị", "province")
    new = {
        "dong_hoi": make("18880", "Phường Đồng Hới", "commune", quang_tri),
        "le_thuy": make("19010", "Xã Lệ Thủy", "commune", quang_tri),
        "phuoc_long": make("19020", "Xã Phước Long", "commune", quang_tri),
        "huong_hoa": make("19456", "Xã Hướng Hóa", "commune", quang_tri),
        "cam_lo": make("19500", "Xã Cam Lộ", "commune", quang_tri),
    }
    link(quang_binh, quang_tri)
    link(old_quang_tri, quang_tri)
    for key in ("hai_thanh", "duc_ninh_dong", "p5"):
        link(old[key], new["dong_hoi"])
    link(old["tt_phuoc_long"], new["phuoc_long"])
    link(old["xa_phuoc_long"], new["phuoc_long"], partial=True)
    link(old["xa_phuoc_long"], new["le_thuy"], partial=True)
    link(old["tan_thanh_hh"], new["huong_hoa"])
    link(old["tan_thanh_cl"], new["cam_lo"])
    return {"old": old, "new": new, "quang_tri": quang_tri, "quang_binh": quang_binh, "districts": [dong_hoi, le_thuy]}


@pytest.mark.django_db
def test_provinces_valid_on_a_day(tree):
    assert list(unit_list_provinces().values_list("code", "name")) == [("44", "Tỉnh Quảng Trị")]
    assert list(unit_list_provinces(on=OLD_END).values_list("code", "name")) == [
        ("44", "Tỉnh Quảng Bình"),
        ("45", "Tỉnh Quảng Trị"),
    ]


@pytest.mark.django_db
def test_current_province_by_code(tree):
    assert unit_get_current_province("44") == tree["quang_tri"]
    assert unit_get_current_province("44", on=OLD_END) == tree["quang_binh"]
    with pytest.raises(NotFoundError) as exc:
        unit_get_current_province("45")
    assert (exc.value.code, exc.value.status) == ("admin_unit_not_found", 404)


@pytest.mark.parametrize(
    ("q", "codes"),
    [
        (None, ["18880", "19010", "19020", "19456", "19500"]),
        ("đồng hới", ["18880"]),
        ("DONG HOI", ["18880"]),
        ("hoi dong", ["18880"]),  # every word, any order
        ("xa", ["19010", "19020", "19456", "19500"]),
        ("  ", ["18880", "19010", "19020", "19456", "19500"]),
        ("hà nội", []),
    ],
)
@pytest.mark.django_db
def test_communes_of_a_province_with_accent_insensitive_search(tree, q, codes):
    assert list(unit_list_communes("44", q=q).values_list("code", flat=True)) == codes


@pytest.mark.django_db
def test_communes_of_an_old_province_come_through_its_districts(tree):
    communes = unit_list_communes("44", q="phuoc long", on=OLD_END)
    assert list(communes.values_list("code", "name")) == [("19000", "Thị trấn Phước Long"), ("19001", "Xã Phước Long")]


@pytest.mark.django_db
def test_unit_search_nationwide(tree):
    assert list(unit_search("phuoc", level="commune").values_list("code", flat=True)) == ["19020"]
    assert list(unit_search("quang tri").values_list("level", "code")) == [("province", "44")]


@pytest.mark.django_db
def test_get_prefers_the_current_unit_then_the_latest_old_one(tree):
    assert unit_get("18880") == tree["new"]["dong_hoi"]
    assert unit_get("18880", on=OLD_END) == tree["old"]["duc_ninh_dong"]
    assert unit_get("45").name == "Tỉnh Quảng Trị"  # only the old one exists
    assert unit_get("450", level="district").name == "Thành phố Đồng Hới"
    with pytest.raises(NotFoundError):
        unit_get("18880", level="province")
    with pytest.raises(NotFoundError):
        unit_get("450", on=date(2026, 1, 1))  # districts ended on 2025-06-30


@pytest.mark.django_db
def test_successors_come_from_the_old_unit_with_that_code(tree):
    # the current 18880 has no successors; the old 18880 (Đức Ninh Đông) went into Phường Đồng Hới
    rows = [(s.predecessor.name, s.successor.name, s.is_partial) for s in unit_successors("18880", "commune")]
    assert rows == [("Phường Đức Ninh Đông", "Phường Đồng Hới", False)]
    assert list(unit_successors("19020", "commune")) == []


@pytest.mark.django_db
def test_current_for_legacy_whole_and_split(tree):
    whole = unit_current_for_legacy("18853", "commune")
    assert [(m.unit.name, m.unit.parent and m.unit.parent.name, m.is_partial) for m in whole] == [
        ("Phường Đồng Hới", "Tỉnh Quảng Trị", False)
    ]
    split = unit_current_for_legacy("19001", "commune")
    assert [(m.unit.code, m.is_partial) for m in split] == [("19010", True), ("19020", True)]
    with pytest.raises(NotFoundError):
        unit_current_for_legacy("19010", "commune")  # never ended


@pytest.mark.django_db
def test_current_for_legacy_follows_several_reorganisations(tree):
    # given: a later (hypothetical) reorganisation on 2028-01-01 merges part of Phường Đồng Hới
    dong_hoi = tree["new"]["dong_hoi"]
    AdministrativeUnit.objects.filter(pk=dong_hoi.pk).update(valid_to=date(2027, 12, 31))
    later = make("18881", "Phường Nhật Lệ", "commune", tree["quang_tri"], valid_from=date(2028, 1, 1))
    link(dong_hoi, later, partial=True, on=date(2028, 1, 1))
    # then
    assert [(m.unit.code, m.is_partial) for m in unit_current_for_legacy("18853", "commune", on=date(2026, 1, 1))] == [
        ("18880", False)
    ]
    assert [(m.unit.code, m.is_partial) for m in unit_current_for_legacy("18853", "commune", on=date(2028, 2, 1))] == [
        ("18881", True)
    ]


@pytest.mark.parametrize(
    ("province", "district", "ward", "expected"),
    [
        ("Tỉnh Quảng Bình", "Thành phố Đồng Hới", "Phường Hải Thành", [("18853", [("18880", False)])]),
        ("quang binh", "dong hoi", "hai thanh", [("18853", [("18880", False)])]),
        ("QUẢNG BÌNH", "TP. Đồng Hới", "P. Hải Thành", [("18853", [("18880", False)])]),
        ("Quảng Bình", "Đồng Hới", "Phường 05", [("18900", [("18880", False)])]),
        ("Quảng Bình", "Lệ Thủy", "Xã Phước Long", [("19001", [("19010", True), ("19020", True)])]),
        ("Quảng Bình", "Lệ Thủy", "Thị trấn Phước Long", [("19000", [("19020", False)])]),
        (
            "Quảng Bình",
            "Lệ Thủy",
            "Phước Long",
            [("19000", [("19020", False)]), ("19001", [("19010", True), ("19020", True)])],
        ),
        ("Quảng Trị", None, "Tân Thành", [("19456", [("19456", False)]), ("19500", [("19500", False)])]),
        ("Quảng Bình", "Lệ Thủy", None, [("451", [("19010", True), ("19020", True)])]),
        ("Quảng Bình", None, None, [("44", [("44", False)])]),
    ],
)
@pytest.mark.django_db
def test_legacy_lookup_by_names(tree, province, district, ward, expected):
    matches = unit_legacy_lookup(province=province, district=district, ward=ward)
    assert [(m.unit.code, [(s.unit.code, s.is_partial) for s in m.successors]) for m in matches] == expected


@pytest.mark.django_db
def test_legacy_lookup_of_names_still_in_force_returns_the_unit_itself(tree):
    matches = unit_legacy_lookup(province="Quảng Trị", ward="Xã Cam Lộ", on=date(2026, 1, 1))
    assert [(m.unit.code, [(s.unit.code, s.is_partial) for s in m.successors]) for m in matches] == [
        ("19500", [("19500", False)])
    ]


@pytest.mark.parametrize(
    ("province", "district", "ward"),
    [("Hà Giang", None, None), ("Quảng Bình", "Quận 1", None), ("Quảng Bình", "Đồng Hới", "Phường Trúc Bạch")],
)
@pytest.mark.django_db
def test_legacy_lookup_unknown_names_are_404(tree, province, district, ward):
    with pytest.raises(NotFoundError):
        unit_legacy_lookup(province=province, district=district, ward=ward)


@pytest.mark.django_db
def test_legacy_lookup_needs_a_province(tree):
    with pytest.raises(ApplicationError) as exc:
        unit_legacy_lookup(province=" - ", ward="Hải Thành")
    assert (exc.value.code, exc.value.status) == ("admin_unit_province_required", 400)
