"""The shapes of the demo's internal processes (``processes.py``) and their common steps."""

from dataclasses import dataclass


@dataclass(frozen=True)
class StepSpec:
    name: str
    role: str
    time: str  # "4h" working hours or "2d" working days
    actions: tuple[str, ...]
    agency: str = ""  # organisation demo key; empty: the agency handling the dossier
    department: str = ""  # department code in that agency
    group: str = ""  # parallel group
    hand_off_to: str = ""  # organisation demo key of the agency the dossier goes to after this step
    description: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    name: str
    total: str
    steps: tuple[StepSpec, ...]
    level: str = ""
    agency: str = ""
    channel: str = ""


DESK, SPECIALIST, LEADER, CLERK = "desk_officer", "specialist", "leader", "clerk"
RECEIVE = ("receive", "request_supplement", "refuse", "forward")
REVIEW = ("verify", "forward", "send_back", "request_supplement", "refuse")
SIGN = ("sign", "send_back", "refuse")
RETURN = ("return_result",)


def receive_step(time: str, *, agency: str = "", department: str = "") -> StepSpec:
    return StepSpec("Tiếp nhận, kiểm tra hồ sơ, hẹn trả kết quả", DESK, time, RECEIVE, agency, department)


def return_step(time: str, *, agency: str = "", department: str = "") -> StepSpec:
    return StepSpec("Trả kết quả cho người yêu cầu", DESK, time, RETURN, agency, department)
