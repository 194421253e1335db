"""Conditions of fee rates on the applicant's e-form answers.

The amount of a fee often depends on the case the applicant declares: a first registration or a
re-registration, the number of copies asked for, a person exempted as a beneficiary of social
policy. Luật Phí và lệ phí 97/2015/QH13 Điều 10 (exemptions and reductions) and Điều 21 k2 leave
these cases to the People's Council's resolution, so they are data of the province's table
(``ProvincialFee.condition_*``), with the rate's effective dates: an e-form field
(``section.field``), an operator and a value, and the words a receipt prints for the case.

Answers are compared as text: a yes/no answer is ``true`` or ``false``, a number in its plain
decimal form, a choice by its stored value, text case-insensitively; ``one_of`` takes values
separated by ``;``; ``at_least``/``at_most`` compare numbers (an answer that is not a number does
not satisfy them). A multiple choice answer satisfies ``equals``/``one_of`` when one of its values
does, and ``not_equals`` when none does.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from egov.procedures.choices import FeeConditionOperator

Op = FeeConditionOperator


@dataclass(frozen=True)
class FeeCondition:
    field: str  # "registration.kind"
    operator: str  # FeeConditionOperator
    value: str
    label: str  # how the receipt names the case: "Đăng ký lại"


def answer_of(form_data: dict[str, Any], name: str) -> Any:
    """The answer to ``section.field`` (None when the section or the field is missing)."""
    section, _dot, field = str(name).partition(".")
    values = form_data.get(section)
    return values.get(field) if isinstance(values, dict) else None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    number = _number(value)
    if number is not None and not isinstance(value, str):
        return format(number.normalize(), "f")
    return " ".join(str(value).split()).casefold()


def _expected(value: str) -> str:
    number = _number(value)
    return format(number.normalize(), "f") if number is not None else _text(value)


def condition_holds(condition: FeeCondition, form_data: dict[str, Any]) -> bool:
    answer = answer_of(form_data, condition.field)
    answers = answer if isinstance(answer, list) else [answer]
    texts = {_text(item) for item in answers}
    if condition.operator in (Op.EQUALS, Op.NOT_EQUALS):
        found = _expected(condition.value) in texts
        return found if condition.operator == Op.EQUALS else not found
    if condition.operator == Op.ONE_OF:
        return bool(texts & {_expected(part) for part in condition.value.split(";") if part.strip()})
    bound, number = _number(condition.value), _number(answer)
    if bound is None or number is None:
        return False
    return number >= bound if condition.operator == Op.AT_LEAST else number <= bound
