"""The thesaurus data (egov/procedures/search_data/thesaurus.jsonl): well-formed, and every official
term taken from the national catalogue sample, so the words citizens use point at words the
catalogue really has and cannot drift from it unnoticed."""

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from config.env import BASE_DIR
from egov.core.text import fold

THESAURUS = Path(__file__).resolve().parents[1] / "search_data" / "thesaurus.jsonl"
SAMPLE = BASE_DIR.parent / "shared" / "data" / "procedures" / "national_catalogue_sample.jsonl"
KEYS = {"id", "everyday", "official", "direction", "kind", "note", "since"}
DIRECTIONS = {"both", "to_official"}
KINDS = {"term", "action"}
MINIMUM_ENTRIES = 150
# Fields of a national record that are not text a citizen could read (identifiers, addresses).
NOT_TEXT = {"ma_thu_tuc", "detail_url", "formality_id", "so_quyet_dinh", "source_ministry_folder"}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SYLLABLE = re.compile(r"[a-z0-9]+")  # as egov.search.analysis.syllables: folded, punctuation splits
WORD = re.compile(r"[^\W_]+")
RECORD_OR_SYLLABLE = re.compile(r"[a-z0-9]+|\|")
RECORD_OR_WORD = re.compile(r"[^\W_]+|\|")
CODE = re.compile(r"\b\d\.\d{6}\b")


def syllables(text: str) -> str:
    """The folded syllables of ``text``, space-separated: what the search engine compares."""
    return " ".join(SYLLABLE.findall(fold(text)))


def accented(text: str) -> str:
    """The words of ``text`` with their diacritics, lower case, NFC: tells "công chứng" (notary) from
    "công chúng" (the public), which folding merges."""
    return " ".join(WORD.findall(unicodedata.normalize("NFC", text).lower()))


def read_entries(path: Path = THESAURUS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


class Catalogue:
    """The sample's names and whole text, folded and accented, records separated by " | "."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        names = [record.get("ten_thu_tuc") or "" for record in records]
        texts = [
            " ".join(v for k, v in record.items() if k not in NOT_TEXT and isinstance(v, str)) for record in records
        ]
        self.names, self.names_accented = self._index(names)
        self.text, self.text_accented = self._index(texts)
        self.codes = {record["ma_thu_tuc"] for record in records}

    @staticmethod
    def _index(texts: list[str]) -> tuple[str, str]:
        whole = " | ".join(texts)
        if not unicodedata.is_normalized("NFC", whole):
            whole = unicodedata.normalize("NFC", whole)
        whole = whole.lower()
        # fold() works character by character on NFC text: folding each distinct character once
        # gives what folding the whole text gives, ten times faster (whitespace becomes a space)
        table = {ord(char): fold(char) or " " for char in set(whole)}
        folded = " ".join(RECORD_OR_SYLLABLE.findall(whole.translate(table)))
        plain = " ".join(RECORD_OR_WORD.findall(whole))
        return f" | {folded} | ", f" | {plain} | "

    def has(self, term: str) -> bool:
        needle = f" {syllables(term)} "
        return needle in self.names or needle in self.text

    def has_accented(self, term: str) -> bool:
        needle = f" {accented(term)} "
        return needle in self.names_accented or needle in self.text_accented


@cache
def catalogue() -> Catalogue:
    with SAMPLE.open(encoding="utf-8") as lines:
        return Catalogue([json.loads(line) for line in lines])


def form_problems(entries: list[dict[str, Any]]) -> list[str]:
    """What is wrong with the entries as data, one line each (empty when nothing is)."""
    problems: list[str] = []
    ids = Counter(entry.get("id") for entry in entries)
    problems += [f"{slug}: id used {count} times" for slug, count in ids.items() if count > 1]
    owner: dict[str, str] = {}
    for entry in entries:
        slug = entry.get("id")
        if set(entry) != KEYS:
            problems.append(f"{slug}: keys {sorted(entry)} instead of {sorted(KEYS)}")
            continue
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            problems.append(f"{slug!r}: id is not a lower-case slug")
        if entry["direction"] not in DIRECTIONS:
            problems.append(f"{slug}: direction {entry['direction']!r}")
        if entry["kind"] not in KINDS:
            problems.append(f"{slug}: kind {entry['kind']!r}")
        if not isinstance(entry["note"], str) or not entry["note"].strip():
            problems.append(f"{slug}: no note")
        try:
            date.fromisoformat(entry["since"])
        except (TypeError, ValueError):
            problems.append(f"{slug}: since {entry['since']!r} is not a date")
        for side in ("everyday", "official"):
            words = entry[side]
            if not isinstance(words, list) or not words:
                problems.append(f"{slug}: {side} is not a non-empty list")
                continue
            for word in words:
                if not isinstance(word, str) or not syllables(word):
                    problems.append(f"{slug}: {side} {word!r} has no word")
                elif word != " ".join(unicodedata.normalize("NFC", word).lower().split()):
                    problems.append(f"{slug}: {side} {word!r} is not lower case, NFC, single-spaced")
            folded = Counter(syllables(word) for word in words if isinstance(word, str))
            problems += [f"{slug}: {side} repeats {term!r} once folded" for term, n in folded.items() if n > 1]
        if not all(isinstance(word, str) for word in [*entry["everyday"], *entry["official"]]):
            continue
        official = {syllables(term) for term in entry["official"]}
        for word in entry["everyday"]:
            folded_word = syllables(word)
            if folded_word in official:
                problems.append(f"{slug}: everyday {word!r} is also one of its official terms")
            # one place per everyday phrase: an admin edits it in one entry
            if owner.setdefault(folded_word, str(slug)) != slug:
                problems.append(f"{slug}: everyday {word!r} is also in {owner[folded_word]}")
    return problems


def catalogue_problems(entries: list[dict[str, Any]], sample: Catalogue) -> list[str]:
    """Official terms the sample does not have, and procedure codes in notes that it does not list."""
    problems: list[str] = []
    for entry in entries:
        for term in entry["official"]:
            if not sample.has(term):
                problems.append(f"{entry['id']}: official {term!r} is not in the national sample")
            elif not sample.has_accented(term):
                problems.append(f"{entry['id']}: official {term!r} is in the sample only with other diacritics")
        problems += [
            f"{entry['id']}: note cites {code}, not in the sample"
            for code in CODE.findall(entry["note"])
            if code not in sample.codes
        ]
    return problems


def entry(**changes: Any) -> dict[str, Any]:
    base = {
        "id": "bao-tu",
        "everyday": ["báo tử"],
        "official": ["khai tử"],
        "direction": "both",
        "kind": "term",
        "note": "1.000656",
        "since": "2026-12-08",
    }
    return base | changes


def test_the_thesaurus_is_well_formed_with_enough_entries() -> None:
    entries = read_entries()
    assert len(entries) >= MINIMUM_ENTRIES
    assert form_problems(entries) == []


def test_every_official_term_occurs_in_the_national_sample() -> None:
    assert catalogue_problems(read_entries(), catalogue()) == []


def test_both_directions_and_generic_actions_are_present() -> None:
    entries = {item["id"]: item for item in read_entries()}
    # given the mappings named by issue 14, each holds its everyday word and official term
    for slug, everyday, official in [
        ("so-do", "sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
        ("bao-tu", "báo tử", "khai tử"),
        ("doc-than", "độc thân", "xác nhận tình trạng hôn nhân"),
        ("cccd", "cccd", "thẻ căn cước"),
        ("gplx", "bằng lái", "giấy phép lái xe"),
        ("xay-nha", "xây nhà", "giấy phép xây dựng"),
        ("yeu-to-nuoc-ngoai", "người nước ngoài", "yếu tố nước ngoài"),
    ]:
        assert everyday in entries[slug]["everyday"]
        assert official in entries[slug]["official"]
    directions = Counter(item["direction"] for item in entries.values())
    assert directions["both"] >= 20
    assert directions["to_official"] >= 20
    assert sum(item["kind"] == "action" for item in entries.values()) >= 10


@pytest.mark.parametrize(
    ("bad", "complaint"),
    [
        (entry(direction="one_way"), "direction"),
        (entry(kind="noun"), "kind"),
        (entry(id="Bao Tu"), "slug"),
        (entry(everyday=[]), "non-empty list"),
        (entry(official=["Khai Tử"]), "not lower case"),
        (entry(everyday=["báo tử", "bao tu"]), "repeats"),
        (entry(everyday=["khai tu"]), "also one of its official terms"),
        (entry(since="08/12/2026"), "not a date"),
        (entry(note=" "), "no note"),
        (entry(source="x"), "keys"),
    ],
)
def test_a_malformed_entry_is_reported(bad: dict[str, Any], complaint: str) -> None:
    problems = form_problems([bad])
    assert len(problems) == 1
    assert complaint in problems[0]


def test_a_duplicate_id_or_everyday_word_is_reported() -> None:
    problems = form_problems([entry(), entry(), entry(id="khai-tu", everyday=["Báo tử".lower()])])
    assert "bao-tu: id used 2 times" in problems
    assert any("khai-tu: everyday 'báo tử' is also in bao-tu" in problem for problem in problems)


def test_a_term_the_catalogue_lacks_or_spells_otherwise_is_reported() -> None:
    sample = Catalogue(
        [{"ma_thu_tuc": "1.000656", "ten_thu_tuc": "Thủ tục đăng ký khai tử", "linh_vuc": "Chứng khoán công chúng"}]
    )
    # given a term the record has, one it has not, one only folding finds, and a code it does not list
    entries = [
        entry(official=["Đăng ký khai tử".lower(), "dang ky khai tu"]),
        entry(id="ly-hon", official=["ly hôn"]),
        entry(id="cong-chung", official=["công chứng"], note="1.000656, 9.999999"),
    ]
    assert catalogue_problems(entries, sample) == [
        "bao-tu: official 'dang ky khai tu' is in the sample only with other diacritics",
        "ly-hon: official 'ly hôn' is not in the national sample",
        "cong-chung: official 'công chứng' is in the sample only with other diacritics",
        "cong-chung: note cites 9.999999, not in the sample",
    ]
