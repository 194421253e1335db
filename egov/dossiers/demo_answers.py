"""E-form answers of the demo dossiers (DEMO DATA: fictitious people, see ``demo_people``).

The demo birth registrations (1.001193) carry the birth registration form (Tờ khai đăng ký khai sinh,
TT 04/2020/TT-BTP) as a citizen or the desk fills it in: the child named in the request, a birth date a
few weeks before the dossier, the parents, the way the result is delivered. The answers are checked
and cleaned by the form's own validation, as the portal and the desk store them.
"""

import random
from datetime import date, timedelta
from typing import Any

from egov.dossiers.contracts import ApplicantData
from egov.dossiers.demo_people import person
from egov.procedures.eforms import eform_validate

_FACILITIES = (
    "Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới",
    "Bệnh viện Đa khoa tỉnh Quảng Trị",
    "Trung tâm Y tế khu vực Vĩnh Linh",
)
_PREFIX = "Đăng ký khai sinh cho con: "


def _child_name(subject: str, applicant: ApplicantData, rng: random.Random) -> str:
    if subject.startswith(_PREFIX) and subject[len(_PREFIX) :].strip():
        return subject[len(_PREFIX) :].strip()
    return (
        f"{applicant.full_name.split()[0]} {rng.choice(('Minh', 'Gia', 'Bảo'))} {rng.choice(('An', 'Khang', 'Ngọc'))}"
    )


def _parent(prefix: str, name: str, born: int, residence: str, citizen_id: str = "") -> dict[str, Any]:
    answers: dict[str, Any] = {
        f"{prefix}.declared": "true",
        f"{prefix}.full_name": name,
        f"{prefix}.birth_year": str(born),
        f"{prefix}.ethnicity": "Kinh",
        f"{prefix}.nationality": "Việt Nam",
        f"{prefix}.residence": residence,
    }
    if citizen_id:
        answers[f"{prefix}.citizen_id"] = citizen_id
    return answers


def birth_answers(*, applicant: ApplicantData, subject: str, office: str, today: date) -> dict[str, dict[str, Any]]:
    """Raw answers (as the form posts them) of a birth registration filed by one of the parents."""
    rng = random.Random(f"{applicant.id_number}:{applicant.full_name}:{subject}")  # noqa: S311 - demo data
    is_mother = " Thị " in f" {applicant.full_name} " or applicant.id_number[3:4] in ("1", "3")
    residence = applicant.address or "Phường Đồng Hới, tỉnh Quảng Trị"
    applicant_born = 1900 + int(applicant.id_number[4:6]) + (100 if applicant.id_number[3:4] in ("2", "3") else 0)
    if is_mother:
        partner = person(rng, "", sex="m", born=(applicant_born - 6, applicant_born + 2))
        mother = _parent("mother", applicant.full_name, applicant_born, residence, applicant.id_number)
        father = _parent("father", partner.full_name, int(partner.id_number[4:6]) + 1900, residence)
    else:
        partner = person(rng, "", sex="f", born=(applicant_born - 2, applicant_born + 6))
        father = _parent("father", applicant.full_name, applicant_born, residence, applicant.id_number)
        mother = _parent("mother", partner.full_name, int(partner.id_number[4:6]) + 1900, residence)
    facility = rng.choice(_FACILITIES)
    flat: dict[str, Any] = {
        "authority.registry_office": office,
        "requester.full_name": applicant.full_name,
        "requester.id_document_type": "citizen_id_card",
        "requester.citizen_id": applicant.id_number,
        "requester.residence": residence,
        "requester.relationship": "mother" if is_mother else "father",
        "requester.phone": applicant.phone,
        "child.full_name": _child_name(subject, applicant, rng),
        "child.birth_date": (today - timedelta(days=rng.randint(7, 55))).isoformat(),
        "child.gender": rng.choice(("male", "female")),
        "child.ethnicity": "Kinh",
        "child.nationality": "Việt Nam",
        "child.birth_place_kind": "health_facility",
        "child.birth_facility": facility,
        "child.birth_certificate_number": f"{rng.randint(100, 999)}/GCS",
        "child.birth_place": f"{facility}, tỉnh Quảng Trị",
        "child.hometown": residence.split(", ", 1)[-1],
        **mother,
        **father,
        "copies.requested": "true",
        "copies.count": str(rng.randint(1, 2)),
        "delivery.method": "desk",
        "declaration.confirmed": "true",
        "declaration.signed_at": residence.split(", ", 1)[-1],
    }
    if applicant.email:
        flat["requester.email"] = applicant.email
    nested: dict[str, dict[str, Any]] = {}
    for path, value in flat.items():
        section, _dot, name = path.partition(".")
        nested.setdefault(section, {})[name] = value
    return nested


def demo_answers(
    *, code: str, schema: dict[str, Any] | None, applicant: ApplicantData, subject: str, office: str, today: date
) -> dict[str, Any]:
    """The cleaned answers of a demo dossier, or ``{}`` for a procedure whose demo form is not written."""
    if code != "1.001193" or not schema:
        return {}
    return eform_validate(schema, birth_answers(applicant=applicant, subject=subject, office=office, today=today))
