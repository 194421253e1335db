"""``procedure_search`` over a small catalogue of real procedures: accents, partial words, typos,
codes, ranking, filters, pagination, what the public may see. Any meaningful word matches (ADR
0007): what matches all of the query comes first, then what matches part of it."""

import pytest

from egov.core.errors import ApplicationError
from egov.organisation.models import AdministrativeUnit, Agency, AgencyKind, UnitLevel
from egov.procedures.models import Procedure
from egov.procedures.selectors import current_version_of, procedure_search
from egov.procedures.tests.search_data import Row, make_procedure, make_sample

BIRTH = ["1.001193", "1.003583", "2.000528", "1.000689", "1.004884"]  # names with "đăng ký khai sinh"


@pytest.fixture
def sample(db: None) -> dict[str, Procedure]:
    return make_sample()


def codes(q: str = "", **filters: object) -> list[str]:
    return [procedure.code for procedure in procedure_search(q=q, limit=100, **filters).items]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "q", ["dang ky khai sinh", "Đăng ký khai sinh", "ĐĂNG KÝ KHAI SINH", "  đăng   ký khai sinh, "]
)
def test_with_or_without_accents_and_case(sample, q):
    # then: the phrase in the name, the most general name first (the order of the rare variants is
    # the engines' relevance and, once counted, their popularity)
    found = codes(q)
    assert found[0] == BIRTH[0]
    assert set(found[:5]) == set(BIRTH)
    assert "1.000656" not in found  # "đăng ký khai tử": "đăng ký" but not the compound "khai sinh"


def test_fewer_words_find_more_with_the_phrase_first(sample):
    # then: every name with "khai sinh" before "khai tử" (half of the query)
    found = codes("khai sinh")
    assert found[0] == "1.001193"
    assert set(found[:6]) == {*BIRTH, "2.000635"}
    assert "1.000656" not in found


def test_a_word_still_being_typed_matches_word_starts(sample):
    assert set(codes("khai si")[:6]) == set(codes("khai sinh")[:6])
    assert codes("khai si")[0] == "1.001193"
    assert set(codes("dang ky khai s")[:5]) == set(BIRTH)


def test_words_match_only_at_word_starts(sample):
    # then: "hon" finds "kết hôn", not the inside of "thông"/"không"
    assert codes("hon") == ["1.000894"]


def test_words_in_any_order(sample):
    # then: all words in every name in two phrases; the closer together the better, then shorter names
    assert set(codes("khai sinh dang ky")[:5]) == set(BIRTH)
    assert codes("khai sinh dang ky")[0] == "1.001193"


@pytest.mark.parametrize("q", ["dang ky khia sinh", "dang ky kahi sinh", "dang ky khai sihn", "dang ki khai sinh"])
def test_typos_and_i_y_spellings_still_find_birth_registration(sample, q):
    assert set(codes(q)[:5]) == set(BIRTH)


def test_a_typo_in_a_long_word(sample):
    # "dung" → "dugn" (a swap) and a word the catalogue does not know at all
    assert codes("giay phep xay dugn")[0] == "1.000105"
    assert codes("dang ky ket hon zzqx")[0] == "1.000894"
    assert procedure_search(q="giay phep xay dugn").corrected == "giay phep xay dung"


def test_nothing_close_enough_finds_nothing(sample):
    assert procedure_search(q="qwrtz").count == 0


def test_exact_code_first_and_alone(sample):
    assert codes("1.001193") == ["1.001193"]
    assert codes(" 1.001193 ") == ["1.001193"]


def test_code_prefix_lists_codes_in_order(sample):
    assert codes("1.00") == [
        "1.000105",
        "1.000656",
        "1.000689",
        "1.000894",
        "1.001193",
        "1.001612",
        "1.003583",
        "1.004884",
        "1.009994",
    ]


def test_field_and_agency_text_match_after_names(sample):
    # then: the one name containing "hộ tịch" first, then the field's procedures
    found = codes("ho tich")
    assert found[0] == "2.000635"
    assert set(found[1:8]) == {"1.000656", "1.000894", "1.001193", "1.004884", "1.003583", "2.000528", "1.000689"}
    # the implementing agency is "Sở Xây dựng"
    assert codes("so xay dung")[0] == "1.000105"


def test_filters_narrow_the_search(sample):
    assert codes(field_code="ho-tich") == [
        "1.000656",
        "1.000689",
        "1.000894",
        "1.001193",
        "1.003583",
        "1.004884",
        "2.000528",
        "2.000635",
    ]
    assert codes(level="province") == ["1.000105", "2.000635"]
    assert codes(online="any") == ["1.000656", "1.000894", "1.001193", "1.001612", "2.000635"]
    assert codes(online="full") == ["1.000656", "1.001193", "1.001612"]
    assert codes("khai sinh", online="full")[0] == "1.001193"
    assert "1.003583" not in codes("khai sinh", online="full")
    assert codes("khai sinh", level="province")[0] == "2.000635"
    assert codes("khai sinh", field_code="hoat-dong-xay-dung") == []
    assert codes(field_code="no-such-field") == []


def test_agency_filter_is_the_province_agency_that_handles_it(sample):
    # given the department of justice handles the copy of a birth certificate
    province = AdministrativeUnit.objects.create(
        code="44", name="Quảng Trị", unit_type="Tỉnh", level=UnitLevel.PROVINCE
    )
    justice = Agency.objects.create(
        code="000.00.06.H44", name="Sở Tư pháp", kind=AgencyKind.PROVINCIAL_DEPARTMENT, administrative_unit=province
    )
    version = sample["2.000635"].current_version
    assert version is not None
    version.local_agencies.add(justice)
    # then
    assert codes(agency="000.00.06.H44") == ["2.000635"]
    assert codes("khai sinh", agency="000.00.06.H44") == ["2.000635"]
    assert codes(agency="000.00.99.H44") == []


def test_pages_follow_the_ranking(sample):
    # when
    first = procedure_search(q="khai sinh", limit=4, offset=0)
    second = procedure_search(q="khai sinh", limit=4, offset=4)
    past = procedure_search(q="khai sinh", limit=4, offset=8)
    # then
    everything = codes("khai sinh")
    assert (first.count, second.count, past.count) == (len(everything),) * 3
    assert [p.code for p in first.items] + [p.code for p in second.items] == everything[:8]
    assert [p.code for p in past.items] == everything[8:12]


def test_without_words_everything_in_code_order(sample):
    result = procedure_search(q="", limit=3, offset=1)
    assert result.count == 11
    assert [p.code for p in result.items] == ["1.000656", "1.000689", "1.000894"]
    assert procedure_search(q=" ,. ").count == 11


def test_inactive_and_unpublished_procedures_are_not_public(sample):
    # given
    make_procedure(Row("1.999001", "Thủ tục đăng ký khai sinh đã bãi bỏ", "Hộ tịch"), active=False)
    Procedure.objects.create(code="1.999002", name="Đăng ký khai sinh (nháp)", name_folded="dang ky khai sinh (nhap)")
    # then
    assert not {"1.999001", "1.999002"} & set(codes("khai sinh"))
    assert codes("1.999001") == []
    assert procedure_search(q="").count == 11


def test_a_new_word_is_known_to_typo_correction_at_once(sample):
    # given the vocabulary was built without it
    assert codes("nguon gne")[0] == "1.009994"
    assert "giam" not in (procedure_search(q="giam dinhh").corrected or "")
    # when a procedure with new words is published
    make_procedure(Row("1.008888", "Cấp thẻ giám định viên tư pháp", "Giám định tư pháp", ("province",)))
    # then a typo in them is corrected too
    assert codes("giam dinhh tu phap")[0] == "1.008888"
    assert procedure_search(q="giam dinhh").corrected == "giam dinh"


def test_results_carry_what_a_list_shows(sample, django_assert_max_num_queries):
    # then: the search layer's (match, entries, thesaurus and vocabulary stamps, thesaurus), one to
    # keep what is public, one to load the page, two for levels and channels
    with django_assert_max_num_queries(10):
        items = procedure_search(q="khai sinh").items
        versions = [current_version_of(p) for p in items]
        summary = [
            (p.code, p.field.name if p.field else "", [level.code for level in version.levels.all()])
            for p, version in zip(items, versions, strict=True)
        ]
        assert [len(version.channels.all()) for version in versions[:1]] == [3]
    assert summary[0] == ("1.001193", "Hộ tịch", ["commune"])


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"limit": 0}, "invalid_page"),
        ({"limit": 101}, "invalid_page"),
        ({"offset": -1}, "invalid_page"),
        ({"online": "sometimes"}, "invalid_filter"),
    ],
)
def test_bad_arguments_are_refused(db, arguments, code):
    with pytest.raises(ApplicationError) as error:
        procedure_search(q="khai sinh", **arguments)
    assert (error.value.code, error.value.status) == (code, 400)
