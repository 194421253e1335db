"""The database-free parts of search: query parsing, word-start matching, ranking keys, typo
correction (edit distance, symmetric-delete lookup, i/y spellings)."""

import pytest

from egov.procedures.search import (
    TIER_CODE,
    TIER_CODE_PREFIX,
    TIER_NAME_WORDS,
    TIER_OTHER_TEXT,
    TIER_PHRASE,
    Candidate,
    ParsedQuery,
    normalised,
    parse_query,
    phrase_count,
    rank_plain,
)
from egov.search.spelling import Vocabulary, osa_distance


def candidate(id_: int, code: str, name: str, other: str = "") -> Candidate:
    return Candidate(id=id_, code=code, name_folded=name, search_text=other)


@pytest.mark.parametrize(
    ("q", "words", "code"),
    [
        ("Đăng ký KHAI SINH", ("dang", "ky", "khai", "sinh"), None),
        ("  khai   sinh, ", ("khai", "sinh"), None),
        ("1.001193", ("1", "001193"), "1.001193"),
        (" 1.0011 ", ("1", "0011"), "1.0011"),
        ("1.", ("1",), "1."),
        ("30/2020/NĐ-CP", ("30", "2020", "nd", "cp"), None),
        ("", (), None),
        ("?!", (), None),
    ],
)
def test_parse_query(q, words, code):
    assert parse_query(q) == ParsedQuery(words=words, code=code)


def test_normalised_pads_words_and_drops_punctuation():
    assert normalised("cap ban sao (trich luc), giay khai sinh.") == " cap ban sao trich luc giay khai sinh "


def test_words_match_at_word_starts_only():
    # given
    names = [
        candidate(1, "1.000001", "thong bao ket qua"),
        candidate(2, "1.000002", "dang ky ket hon"),
        candidate(3, "1.000003", "xac nhan (hon nhan)"),
    ]
    # then: "hon" starts words of 2 and 3 (after a bracket too, earlier in 3), only sits inside "thong" in 1
    assert rank_plain(parse_query("hon"), names) == [3, 2]


def test_tiers_in_order():
    # given one candidate per tier, listed worst first
    names = [
        candidate(1, "1.000009", "cap giay phep", "dang ky khai sinh ho tich"),  # field/agency text only
        candidate(2, "1.000008", "dang ky lai khai sinh"),  # all words, in two phrases
        candidate(3, "1.000007", "thu tuc dang ky khai sinh"),  # the phrase
        candidate(4, "2.000001", "xac nhan", "thay the 1.000001"),  # mentions the code
        candidate(5, "1.0000011", "ban sao"),  # code prefix
        candidate(6, "1.000001", "ghi chu"),  # exact code
    ]
    # then
    assert rank_plain(parse_query("dang ky khai sinh"), names) == [3, 2, 1]
    assert rank_plain(parse_query("1.000001"), names) == [6, 5, 4]


def test_words_must_form_few_phrases():
    # given syllables of the query scattered over a name ("hộ gia đình … diện tích")
    names = [
        candidate(1, "1.000001", "xac dinh lai dien tich dat o cua ho gia dinh"),
        candidate(2, "1.000002", "cap ban sao trich luc ho tich"),
        candidate(3, "1.000003", "dang ky khai sinh", "uy ban nhan dan cap xa"),
    ]
    # then two words must be one phrase; four words may be two
    assert rank_plain(parse_query("ho tich"), names) == [2]
    assert rank_plain(parse_query("khai sinh cap xa"), names) == [3]
    assert rank_plain(parse_query("dang ky cap xa khai sinh"), names) == [3]  # three phrases for five words
    assert phrase_count(normalised("dang ky lai khai sinh"), ("dang", "ky", "khai", "sinh")) == 2
    assert phrase_count(normalised("dang ky khai sinh"), ("dang", "ky", "khai", "si")) == 1
    assert phrase_count(normalised("dang ky"), ("dang", "ky", "khai")) == 4  # a word is missing


def test_within_the_phrase_tier_whole_words_then_position_then_length():
    names = [
        candidate(1, "1.000001", "thu tuc dang ky khai sinh co yeu to nuoc ngoai"),
        candidate(2, "1.000002", "thu tuc dang ky khai sinh"),
        candidate(3, "1.000003", "dang ky khai sinh luu dong"),
        candidate(4, "1.000004", "dang ky khai sinhx"),  # the phrase only as a word start
    ]
    assert rank_plain(parse_query("dang ky khai sinh"), names) == [3, 2, 1, 4]


def test_ties_break_on_the_code():
    names = [candidate(2, "2.000001", "dang ky khai tu"), candidate(1, "1.000001", "dang ky khai tu")]
    assert rank_plain(parse_query("khai tu"), names) == [1, 2]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("khai", "khai", 0),
        ("khia", "khai", 1),  # adjacent swap counts once
        ("kai", "khai", 1),
        ("khaii", "khai", 1),
        ("khoi", "khai", 1),
        ("ihka", "khai", 3),
        ("", "abc", 3),
        ("giay phep", "giay pehp", 1),
    ],
)
def test_optimal_string_alignment_distance(a, b, distance):
    assert osa_distance(a, b) == distance
    assert osa_distance(b, a) == distance


VOCABULARY = Vocabulary.build(
    ["dang", "ky", "khai", "sinh", "chia", "khoa", "khi", "thuong", "truong", "nghieng", "1.001193"]
)


@pytest.mark.parametrize(
    ("word", "alternatives"),
    [
        ("khai", (("khai", 0),)),  # a catalogue word stays
        ("kha", (("kha", 0),)),  # the start of one (still typing) stays
        ("ki", (("ki", 0), ("ky", 1))),  # i/y spelling
        ("khia", (("chia", 1), ("khai", 1), ("khi", 1), ("khoa", 1))),  # every closest word
        ("sihn", (("sinh", 1),)),
        ("thuongg", (("thuong", 1),)),
        ("nghienng", (("nghieng", 1),)),
        ("ngheing", (("nghieng", 1),)),  # a swap in a long word
        ("truogn", (("truong", 1),)),
        ("tuong", (("thuong", 1), ("truong", 1))),
        ("qwrtz", ()),  # nothing close: ignored
        ("xy", (("xy", 0),)),  # too short to correct
        ("2025", (("2025", 0),)),  # numbers are never corrected
    ],
)
def test_corrections(word, alternatives):
    assert VOCABULARY.correct(word).alternatives == alternatives


def test_two_edits_allowed_in_long_words_only():
    vocabulary = Vocabulary.build(["nghieng", "khai"])
    assert vocabulary.correct("ngiengg").alternatives == (("nghieng", 2),)
    assert vocabulary.correct("khbb").alternatives == ()


def test_rank_keys_name_the_tiers():
    assert (TIER_CODE, TIER_CODE_PREFIX, TIER_PHRASE, TIER_NAME_WORDS, TIER_OTHER_TEXT) == (0, 1, 2, 3, 4)
