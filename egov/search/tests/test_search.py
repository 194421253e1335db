"""The search layer through its facade, on the database the suite runs on (SQLite or PostgreSQL)."""

from datetime import date

import pytest

from egov.search import facade
from egov.search.analysis import function_mask, parse, syllables, terms
from egov.search.models import Direction, SearchEntry, ThesaurusEntry

pytestmark = pytest.mark.django_db

CATALOGUE = {
    "1.001193": ("Thủ tục đăng ký khai sinh", "Hộ tịch Ủy ban nhân dân cấp xã"),
    "1.000656": ("Thủ tục đăng ký khai tử", "Hộ tịch Ủy ban nhân dân cấp xã"),
    "1.004873": ("Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch Ủy ban nhân dân cấp xã"),
    "1.000894": ("Thủ tục đăng ký kết hôn", "Hộ tịch Ủy ban nhân dân cấp xã"),
    "1.004227": ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai"),
    "1.012345": ("Cấp đổi Giấy chứng nhận quyền sử dụng đất", "Đất đai Văn phòng đăng ký đất đai"),
    "1.009999": ("Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Xây dựng"),
    "2.000001": ("Đăng ký lại khai sinh", "Hộ tịch"),
    "2.000002": ("Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch Ủy ban nhân dân cấp huyện"),
}


@pytest.fixture
def catalogue() -> None:
    for code, (name, context) in CATALOGUE.items():
        facade.index("procedures", code, title=name, context=context)


def _keys(text: str, **kwargs: object) -> list[str]:
    return [hit.key for hit in facade.search("procedures", text, **kwargs).hits]  # type: ignore[arg-type]


def test_folding_syllables_and_bigrams() -> None:
    assert syllables("Đăng ký KHAI SINH, 1.001193") == ["dang", "ky", "khai", "sinh", "1", "001193"]
    assert terms("khai sinh") == ["khai", "sinh", "khai_sinh"]
    assert function_mask(["lam", "giay", "khai", "sinh", "cho", "con", "o", "dau"]) == [
        True, True, False, False, True, True, True, True,
    ]  # fmt: skip
    query = parse("thủ tục làm giấy khai sinh cho con ở đâu")
    assert query.key_words == ("khai", "sinh")  # "cho con": for my child
    assert "giay_khai" in query.key_bigrams
    assert "thu_tuc" not in query.key_bigrams
    assert parse("thủ tục").key_words == ("thu", "tuc")  # nothing but function words: they are the query


def test_a_whole_sentence_without_diacritics_finds_the_procedure(catalogue: None) -> None:
    assert _keys("lam giay khai sinh cho con o dau")[0] == "1.001193"
    assert _keys("Đăng ký KẾT HÔN")[0] == "1.000894"


def test_an_extra_word_never_empties_the_result(catalogue: None) -> None:
    assert _keys("đăng ký khai sinh xyzzyq")[0] == "1.001193"


def test_the_phrase_outranks_the_words_apart(catalogue: None) -> None:
    # "khai sinh" side by side in 1.001193; "đăng ký" + "khai tử" share words but not the phrase
    ranked = _keys("dang ky khai sinh")
    assert "1.000656" not in ranked  # "khai tử" is not the compound "khai sinh"
    assert "1.004227" not in ranked  # "đăng ký" alone: half of the query, when all of it is found


def test_a_word_being_typed_matches_the_start_of_a_word(catalogue: None) -> None:
    assert _keys("khai s")[0] == "1.001193"
    assert _keys("khai s", partial=False)[0] == "1.000656"  # "s" is no word: "khai" alone, ties by code


def test_a_typo_is_corrected_and_said(catalogue: None) -> None:
    outcome = facade.search("procedures", "dang ky khia sinh", partial=False)
    assert outcome.hits[0].key == "1.001193"
    assert outcome.corrected == "dang ky khai sinh"
    assert facade.search("procedures", "dang ky khai sinh").corrected is None


def test_thesaurus_words_work_both_ways_and_an_edit_works_at_the_next_query(catalogue: None) -> None:
    ThesaurusEntry.objects.all().delete()  # the catalogue's own, brought in by migrate: this test's only
    assert "1.012345" not in _keys("sổ đỏ")
    entry = ThesaurusEntry.objects.create(
        slug="so-do",
        everyday=["sổ đỏ", "sổ hồng"],
        official=["giấy chứng nhận quyền sử dụng đất"],
        direction=Direction.BOTH,
        valid_from=date(2020, 1, 1),
    )
    assert _keys("sổ đỏ")[0] == "1.012345"
    assert _keys("cấp đổi so hong")[0] == "1.012345"
    facade.index("procedures", "9.000001", title="Cấp lại sổ đỏ bị mất")  # the other way round
    assert "9.000001" in _keys("giấy chứng nhận quyền sử dụng đất")[:3]
    entry.direction = Direction.TO_OFFICIAL
    entry.save()
    assert "9.000001" not in _keys("giấy chứng nhận quyền sử dụng đất")[:3]
    entry.valid_to = date(2021, 1, 1)
    entry.save()
    assert "1.012345" not in _keys("sổ đỏ")


def test_popularity_lifts_the_procedure_people_mean(catalogue: None) -> None:
    assert _keys("khai sinh")[0] == "1.001193"  # the shorter, general name first
    facade.set_popularity("procedures", {"2.000002": 1.0, "1.001193": 0.0})
    assert _keys("khai sinh")[0] == "2.000002"


def test_an_edit_is_found_by_the_next_search_and_a_removal_is_gone(catalogue: None) -> None:
    facade.index("procedures", "1.001193", title="Thủ tục đăng ký khai sinh lưu động", context="Hộ tịch")
    assert _keys("luu dong")[0] == "1.001193"
    facade.remove("procedures", ["1.001193"])
    assert "1.001193" not in _keys("khai sinh")
    assert SearchEntry.objects.filter(key="1.001193").count() == 0


def test_the_engine_hands_the_rerank_at_most_limit_candidates(catalogue: None) -> None:
    assert len(facade.search("procedures", "ho tich").hits) == 6
    assert len(facade.search("procedures", "ho tich", limit=2).hits) == 2
