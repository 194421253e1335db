"""Filling a person's section of an e-form from what is known of that person (a saved profile).

A section is "about a person" when it has a ``full_name`` text field (the requester, the child, the
mother, the father, a bride, the deceased...). ``person_answers`` gives the answers, as the page
would post them, of the fields it recognises by name and format:

| fact          | field                                                               |
|---------------|---------------------------------------------------------------------|
| full name     | ``full_name`` (string)                                              |
| ID number     | format ``citizen-id``; and ``id_document_type`` = ``citizen_id_card`` when offered |
| date of birth | ``birth_date`` (format ``date``, ``yyyy-mm-dd``); ``birth_year`` (integer) |
| gender        | ``gender``, when the value is one of its choices                    |
| ethnicity     | ``ethnicity``, when the value is one of its choices (or it has none)|
| nationality   | ``nationality``                                                     |
| residence     | ``residence``                                                       |
| phone, e-mail | format ``vn-phone``, ``email``                                      |
| declared      | ``declared`` (boolean, "I give this person's details") = true        |

Facts that are empty are left out, so they never erase what the citizen typed.

The person applying (the portal prefills them from the account, the desk's intake and the engine read
the applicant from them): the sections named ``requester``, ``applicant``, ``owner`` or ``contact``, in
form order; the first field among them named ``full_name`` is their name, the first with format
``citizen-id`` their ID number, ``vn-phone`` their phone, ``email`` their e-mail address, and the
first ``residence`` or ``address`` field their address (``requester_fields``, ``requester_answers``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from egov.procedures.eforms.spec import JSONDict
from egov.procedures.eforms.structure import FieldSpec, fields, sections

# The 54 ethnic groups of Viet Nam as the shipped e-forms spell them (Danh mục các dân tộc Việt Nam,
# QĐ 121-TCTK/PPCĐ 1979, the list the civil-status forms of TT 04/2020/TT-BTP use).
ETHNIC_GROUPS: tuple[str, ...] = (
    "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "HMông", "Dao", "Gia-rai", "Ngái", "Ê-đê",
    "Ba na", "Xơ-Đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra-glai", "Xtiêng",
    "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ-tu", "Gié Triêng", "Mạ", "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro", "Kháng",
    "Xinh-mun", "Hà Nhì", "Chu ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt",
    "Mảng", "Pà Thẻn", "Co Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ măm",
)  # fmt: skip


@dataclass(frozen=True)
class PersonFacts:
    full_name: str = ""
    citizen_id: str = ""
    birth_date: date | None = None
    gender: str = ""  # "male" | "female"
    ethnicity: str = ""
    nationality: str = ""
    residence: str = ""
    phone: str = ""
    email: str = ""


REQUESTER_SECTIONS = ("requester", "applicant", "owner", "contact")
Matcher = Callable[[FieldSpec], bool]
PROFILE_MATCHERS: tuple[tuple[str, Matcher], ...] = (
    ("full_name", lambda spec: spec.name == "full_name" and spec.type == "string"),
    ("citizen_id", lambda spec: spec.format == "citizen-id"),
    ("phone", lambda spec: spec.format == "vn-phone"),
    ("email", lambda spec: spec.format == "email"),
)
REQUESTER_MATCHERS: tuple[tuple[str, Matcher], ...] = (
    *PROFILE_MATCHERS,
    ("address", lambda spec: spec.name in ("residence", "address") and spec.type == "string"),
)


def requester_specs(schema: JSONDict | None) -> list[FieldSpec]:
    """The fields of the sections about the person applying, in form order."""
    if not schema:
        return []
    return [spec for name, section in sections(schema) if name in REQUESTER_SECTIONS for spec in fields(section, name)]


def requester_fields(schema: JSONDict | None) -> dict[str, FieldSpec]:
    """Which field says what of the person applying: ``full_name``, ``citizen_id``, ``phone``,
    ``email``, ``address`` → the first field that matches (facts the form does not ask are absent)."""
    specs = requester_specs(schema)
    found: dict[str, FieldSpec] = {}
    for key, matches in REQUESTER_MATCHERS:
        spec = next((spec for spec in specs if matches(spec)), None)
        if spec is not None:
            found[key] = spec
    return found


def requester_answers(schema: JSONDict | None, data: JSONDict) -> dict[str, str]:
    """What the answers ``data`` say of the person applying (the keys of ``requester_fields``); a
    fact whose first field is empty is read from the next field that matches."""
    found: dict[str, str] = {}
    specs = requester_specs(schema)
    for key, matches in REQUESTER_MATCHERS:
        for spec in specs:
            answers: Any = data.get(spec.section)
            value = answers.get(spec.name) if isinstance(answers, dict) else None
            if matches(spec) and isinstance(value, str) and value.strip():
                found[key] = value.strip()
                break
    return found


def is_person_section(schema: JSONDict, name: str) -> bool:
    section = dict(sections(schema)).get(name)
    return section is not None and any(_is_name(spec) for spec in fields(section, name))


def _is_name(spec: FieldSpec) -> bool:
    return spec.name == "full_name" and spec.type == "string"


def _allowed(spec: FieldSpec, value: str) -> bool:
    choices = spec.schema.get("enum")
    return not isinstance(choices, list) or value in choices


def _answer(spec: FieldSpec, person: PersonFacts) -> str:
    """The answer ``person`` gives to ``spec``, as the page posts it; "" when unknown."""
    if _is_name(spec):
        return person.full_name
    if spec.format == "citizen-id":
        return person.citizen_id
    if spec.name == "id_document_type" and person.citizen_id and _allowed(spec, "citizen_id_card"):
        return "citizen_id_card"
    if spec.name == "birth_date" and person.birth_date is not None:
        return person.birth_date.isoformat()
    if spec.name == "birth_year" and spec.type == "integer" and person.birth_date is not None:
        return str(person.birth_date.year)
    if spec.name == "declared" and spec.type == "boolean":
        return "true"
    if spec.format == "vn-phone":
        return person.phone
    if spec.format == "email":
        return person.email
    texts = {
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "nationality": person.nationality,
        "residence": person.residence,
    }
    value = texts.get(spec.name, "")
    return value if value and spec.type == "string" and _allowed(spec, value) else ""


def person_answers(schema: JSONDict, name: str, person: PersonFacts) -> dict[str, str]:
    """The answers of section ``name`` that ``person`` fills (only the facts that are known)."""
    section = dict(sections(schema)).get(name)
    if section is None:
        return {}
    answers = {spec.name: _answer(spec, person) for spec in fields(section, name)}
    return {key: value.strip() for key, value in answers.items() if value and value.strip()}
