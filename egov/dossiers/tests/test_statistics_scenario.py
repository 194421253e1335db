"""A November of the Đồng Hới ward centre, built through the real services: one dossier in each
situation the one-stop report distinguishes (imported by the ``test_statistics*`` modules)."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier
from egov.dossiers.services.actions import dossier_act
from egov.dossiers.services.intake import dossier_receive, dossier_submit_online
from egov.dossiers.tests.conftest import agency_of, birth_intake, user
from egov.identity.tests.factories import make_citizen
from egov.workflow.facade import VIETNAM_TZ

DESK = "ttpdonghoi_ngothithanhtam"
SPECIALIST = "pdonghoi_tranvandung"
CHAIRMAN = "pdonghoi_nguyenvanhai"
CENTRE_LEADER = "ttpdonghoi_dovanthanh"
DONGHA_DESK = "ttpdongha_lethiquynh"
DONGHA_LEADER = "pdongha_vominhtuan"
AUDITOR = "ubndt_phamquanghuy"
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))

# The expected row of the Đồng Hới centre for November (see ``november`` for each dossier).
EXPECTED_DONGHOI = {
    "received_online": 1,  # J
    "received_desk": 8,  # A B C D E F H T
    "carried_over": 2,  # G1 G2
    "received_total": 11,
    "resolved_total": 6,  # G1 A B C H J
    "resolved_early": 2,  # A J
    "resolved_on_time": 2,  # B H (withdrawn counts as on time)
    "resolved_late": 2,  # G1 C
    "pending_total": 5,  # G2 E F D T
    "pending_on_time": 2,  # F (waiting for supplementation) D (due 1 December)
    "pending_overdue": 3,  # G2 E T
    "returned": 2,  # A C
    "withdrawn": 1,  # H
    "rejected": 1,  # I
    "on_time_rate": 66.67,  # (2 + 2) / 6
}
EXPECTED_DONGHA = {
    "received_online": 0,
    "received_desk": 1,
    "carried_over": 0,
    "received_total": 1,
    "resolved_total": 0,
    "resolved_early": 0,
    "resolved_on_time": 0,
    "resolved_late": 0,
    "pending_total": 1,
    "pending_on_time": 0,
    "pending_overdue": 1,
    "returned": 0,
    "withdrawn": 0,
    "rejected": 0,
    "on_time_rate": None,
}


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VIETNAM_TZ)


def act(code: str, username: str, action: str, **data: Any) -> Dossier:
    version = Dossier.objects.get(code=code).version
    return dossier_act(actor=user(username), code=code, action=action, data=ActionData(version=version, **data))


def receive(procedure_code: str = "1.001193", *, desk: str = DESK, centre: str = "ttpdonghoi") -> str:
    data = birth_intake(procedure_code=procedure_code)
    return dossier_receive(actor=user(desk), agency_id=agency_of(centre).pk, data=data).code


def resolve(code: str) -> None:
    """Desk → specialist → chairman signs: the result is ready."""
    act(code, DESK, "forward")
    act(code, SPECIALIST, "claim")
    act(code, SPECIALIST, "forward")
    act(code, CHAIRMAN, "sign")


@dataclass(frozen=True)
class November:
    codes: dict[str, str]


@pytest.fixture
def november(demo: None, travel: Any) -> November:
    """Birth registrations (1 working day: received on a Monday, due Tuesday 17:00) unless noted."""
    codes: dict[str, str] = {}
    travel(at(10, 29))  # Thursday: due Friday 30 October
    codes["K"] = receive()  # finished and returned in October: not in November's report
    resolve(codes["K"])
    act(codes["K"], DESK, "return_result")
    codes["G1"] = receive()  # carried over, resolved late in November
    codes["G2"] = receive()  # carried over, still open: overdue
    travel(at(11, 2))  # Monday
    for key in ("A", "B", "C", "E", "F", "H"):
        codes[key] = receive()
    codes["T"] = receive("2.000815")  # chứng thực (4 working hours), left open: overdue
    act(codes["F"], DESK, "request_supplement", reasons=("Thiếu Giấy chứng sinh",))  # never supplemented
    act(codes["H"], DESK, "withdraw")
    citizen = make_citizen()
    online = birth_intake(channel="online_full")
    codes["I"] = dossier_submit_online(applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=online).code
    act(codes["I"], DESK, "reject", reasons=("Không thuộc thẩm quyền",))
    codes["J"] = dossier_submit_online(applicant_user=citizen, agency_id=agency_of("ttpdonghoi").pk, data=online).code
    act(codes["J"], DESK, "accept")
    codes["X"] = receive(desk=DONGHA_DESK, centre="ttpdongha")  # another ward: left open, overdue
    travel(at(11, 2, 10))
    resolve(codes["A"])  # early
    resolve(codes["J"])  # early
    act(codes["A"], DESK, "return_result")
    travel(at(11, 3, 10))
    resolve(codes["B"])  # on the appointment day: on time
    resolve(codes["G1"])  # due 30 October: late
    travel(at(11, 4, 10))
    resolve(codes["C"])  # late
    travel(at(11, 5, 10))
    act(codes["C"], DESK, "return_result")
    travel(at(11, 30))
    codes["D"] = receive()  # due 1 December: in progress, on time, at the end of November
    travel(at(12, 1, 10))
    resolve(codes["D"])  # finished after the period: still in progress in November's report
    travel(at(12, 15))
    return November(codes=codes)


def values_of(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in EXPECTED_DONGHOI}
