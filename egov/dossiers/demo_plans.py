"""What happens to each demo dossier: a list of operations spaced in office hours, built from the
dossier's internal process so that it ends in the wanted state.

A plan's ``age`` is the office time between the receipt and the real present: the loader receives
the dossier ``age`` office hours ago and runs the operations at their moments, so that a dossier
meant to be "due soon" or "overdue" is so on the day the demo is loaded. Operations with a
``due_offset`` happen relative to the legal appointment instead (finished on the due day, late).
"""

import random
from dataclasses import dataclass, field
from typing import Any

from egov.dossiers.demo_people import (
    EXTEND_REASONS,
    OBLIGATION_NOTE,
    OBLIGATION_REASONS,
    REFUSE_REASONS,
    REJECT_REASONS,
    SEND_BACK_NOTES,
    SUPPLEMENT_NOTE,
    SUPPLEMENT_REASONS,
    WITHDRAW_NOTE,
)
from egov.identity.roles import Role

Step = dict[str, Any]
_HORIZON = 240.0  # office hours (six weeks): how far back finished dossiers are spread


_D, _V, _L, _H = "ttpdonghoi", "ttpvhcc", "ttxvinhlinh", "ttpdongha"
_C, _P, _OF, _OP = "counter", "post", "online_full", "online_partial"
MAIN_DESKS = frozenset({"ttpdonghoi_ngothithanhtam", "ttpvhcc_tranthibichngoc"})

# The demo dossiers: (receiving agency, procedure, channel, kind (``build``), how many, stage where it waits).
SCENARIOS: tuple[tuple[str, str, str, str, int, int | str], ...] = (
    (_D, "1.001193", _C, "returned", 4, 1), (_D, "1.001193", _OF, "returned", 2, 1),
    (_D, "1.001193", _C, "returned_on_time", 1, 1), (_D, "1.001193", _C, "returned_late", 1, 1),
    (_D, "1.001193", _C, "resolved", 1, 1), (_D, "1.001193", _C, "desk", 1, 0),
    (_D, "1.001193", _C, "unassigned", 1, 1), (_D, "1.001193", _C, "overdue", 1, "sign"),
    (_D, "1.001193", _OF, "submitted", 2, 1), (_D, "1.001193", _OF, "supplement_online", 1, 1),
    (_D, "1.000894", _C, "returned", 2, 1), (_D, "1.000894", _C, "returned_refused", 1, 1),
    (_D, "1.000894", _OF, "rejected", 1, 1), (_D, "1.000894", _C, "assigned", 1, 1),
    (_D, "1.000894", _C, "sent_back", 1, 1), (_D, "1.000656", _C, "returned", 2, 1),
    (_D, "1.000656", _C, "unassigned", 1, "sign"), (_D, "1.004873", _C, "returned_supplemented", 1, 1),
    (_D, "1.004873", _OF, "due_soon", 1, 1), (_D, "1.004873", _C, "overdue", 1, 1),
    (_D, "1.004873", _C, "waiting_supplement", 1, 1), (_D, "2.000815", _C, "returned", 3, 1),
    (_D, "2.000815", _C, "returned_on_time", 1, 1), (_D, "2.000815", _C, "due_soon", 1, 1),
    (_D, "2.000815", _C, "desk", 1, 0), (_D, "2.000884", _C, "returned", 2, 1),
    (_D, "2.000884", _C, "resolved", 1, 1), (_D, "2.001035", _C, "returned_late", 1, 1),
    (_D, "2.001035", _C, "assign", 1, 1), (_D, "1.010041", _OF, "returned", 2, 1),
    (_D, "1.010041", _OF, "submitted", 1, 1), (_D, "1.004194", _C, "returned", 1, 1),
    (_D, "1.004194", _OF, "returned_refused", 1, 1), (_D, "1.004194", _OF, "withdrawn", 1, 1),
    (_D, "1.004222", _C, "returned_extended", 1, "sign"), (_D, "1.004222", _C, "extended", 1, "sign"),
    (_D, "1.004222", _C, "due_soon", 1, 1), (_D, "1.004859", _C, "resolved_refused", 1, 1),
    (_D, "1.001612", _C, "returned", 1, 1), (_D, "1.001612", _OF, "resolved_late", 1, 1),
    (_D, "1.001612", _C, "withdrawn", 1, 1), (_D, "1.012796", _C, "returned", 1, 1),
    (_D, "1.012796", _C, "assigned", 1, 2), (_D, "1.013992", _C, "returned_obligation", 1, 1),
    (_D, "1.013992", _C, "unassigned", 1, 1), (_D, "1.013992", _C, "waiting_obligation", 1, 1),
    (_D, "1.013225", _C, "parallel", 1, 1), (_D, "1.013225", _C, "returned", 1, 1),
    (_V, "1.013992", _C, "returned", 2, 1), (_V, "1.013992", _OP, "returned_late", 1, 1),
    (_V, "1.013992", _C, "assigned", 1, 1), (_V, "1.013992", _C, "unassigned", 1, "sign"),
    (_V, "1.013992", _C, "waiting_obligation", 1, 1), (_V, "1.013992", _C, "resolved", 1, 1),
    (_V, "1.013992", _C, "overdue", 1, 1), (_V, "1.013833", _C, "returned", 2, 1),
    (_V, "1.013833", _P, "returned", 1, 1), (_V, "1.013833", _C, "returned_refused", 1, 1),
    (_V, "1.013833", _C, "unassigned", 1, 1), (_V, "1.013833", _C, "waiting_supplement", 1, 1),
    (_V, "1.013833", _C, "withdrawn", 1, 1), (_V, "1.013833", _C, "due_soon", 1, 1),
    (_V, "1.013236", _C, "returned", 1, 1), (_V, "1.013236", _C, "parallel", 1, 2),
    (_V, "1.013236", _C, "unassigned", 1, 1), (_V, "1.013236", _C, "unassigned", 1, "approve"),
    (_V, "1.013236", _C, "extended", 1, "approve"), (_V, "1.013236", _C, "waiting_supplement", 1, 2),
    (_V, "1.013236", _OP, "rejected", 1, 1), (_V, "1.013236", _OP, "submitted", 1, 1),
    (_L, "1.001193", _C, "returned", 2, 1), (_L, "1.001193", _C, "returned_late", 1, 1),
    (_L, "1.000894", _C, "returned", 1, 1), (_L, "2.000815", _C, "returned", 1, 1),
    (_L, "1.000656", _C, "unassigned", 1, 1), (_L, "1.004194", _OF, "submitted", 1, 1),
    (_L, "1.004194", _C, "overdue", 1, 1), (_H, "1.001193", _OF, "submitted", 1, 1),
    (_H, "2.000815", _C, "desk", 1, 0),
)  # fmt: skip


@dataclass(frozen=True)
class Op:
    kind: str  # submit receive complete claim assign send_back refuse request_supplement supplement
    #            request_obligation fulfil_obligation extend withdraw accept reject return rate
    hours: float = 0.0  # office hours after the previous operation
    step: int | None = None  # index in the process snapshot of the step acted on
    due_offset: float | None = None  # instead of ``hours``: office hours from the legal appointment
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    ops: tuple[Op, ...]
    age: float  # office hours from the receipt (or the desk's decision on an online dossier) to now
    lead: float = 0.0  # online: calendar hours from the submission to that moment


def stages_of(snapshot: list[Step]) -> list[list[int]]:
    """Consecutive steps of one parallel group form a stage (as the engine reads them)."""
    stages: list[list[int]] = []
    for index, step in enumerate(snapshot):
        if stages and step["group"] and snapshot[stages[-1][-1]]["group"] == step["group"]:
            stages[-1].append(index)
        else:
            stages.append([index])
    return stages


class Builder:
    """Accumulates operations and the office time they take (``elapsed``, and ``bound``: an upper
    bound that also covers the operations placed relative to the appointment)."""

    def __init__(self, snapshot: list[Step], appointment_hours: float, rng: random.Random, *, online: bool) -> None:
        self.snapshot, self.appointment, self.rng = snapshot, appointment_hours, rng
        self.stages = stages_of(snapshot)
        self.ret = next(
            (i for i, st in enumerate(self.stages) if all("return_result" in snapshot[s]["actions"] for s in st)),
            len(self.stages),
        )
        self.ops: list[Op] = [Op("submit")] if online else []
        self.ops.append(Op("accept") if online else Op("receive"))
        self.elapsed = self.bound = 0.0
        self.cursor = 0  # the next stage to complete
        self.claimed: set[int] = set()

    def hours(self, index: int) -> float:
        return float(self.snapshot[index]["seconds"]) / 3600

    def add(self, kind: str, hours: float = 0.0, step: int | None = None, **params: Any) -> None:
        self.ops.append(Op(kind, round(hours, 2), step, params.pop("due_offset", None), params))
        if self.ops[-1].due_offset is not None:
            self.bound += self.appointment + max(0.0, self.ops[-1].due_offset or 0.0)
        self.elapsed += hours
        self.bound += hours

    def claim(self, index: int) -> float:
        if index in self.claimed or not self.is_specialist(index) or index in self.stages[0]:
            return 0.0
        self.claimed.add(index)
        spent = self.rng.uniform(0.1, 0.4)
        self.add("claim", spent, index)
        return spent

    def work(self, until: int, pace: tuple[float, float] = (0.3, 0.8), claim: bool = True) -> None:
        """Complete the stages from the cursor up to (not including) ``until``; the steps of a
        parallel stage run side by side (the stage lasts as long as its longest step)."""
        for stage in self.stages[self.cursor : until]:
            done = sum(self.claim(index) for index in stage) if claim else 0.0
            for duration, index in sorted((self.hours(i) * self.rng.uniform(*pace), i) for i in stage):
                self.add("complete", max(0.1, duration - done), index)
                done = max(done + 0.1, duration)
            self.cursor += 1

    def is_specialist(self, index: int) -> bool:
        return bool(self.snapshot[index]["role"] == Role.SPECIALIST)

    def stage_with(self, *actions: str, start: int = 1) -> int:
        for number in range(start, self.ret):
            if any(a in self.snapshot[i]["actions"] for i in self.stages[number] for a in actions):
                return number
        return min(start, self.ret - 1)

    def finish(self, *, due_offset: float | None = None, pace: tuple[float, float] = (0.2, 0.8)) -> None:
        """Complete every stage up to the result; the last step at ``due_offset`` if given."""
        self.work(self.ret - 1, pace=(0.2, 0.5) if due_offset is not None else pace)
        for index in self.stages[self.ret - 1]:
            spent = self.claim(index)
            if due_offset is not None and index == self.stages[self.ret - 1][-1]:
                self.add("complete", 0.0, index, due_offset=due_offset)
            else:
                self.add("complete", max(0.1, self.hours(index) * self.rng.uniform(*pace) - spent), index)
        self.cursor = self.ret

    def give_back(self, rate: bool = True) -> None:
        self.add(
            "return", self.rng.uniform(0.3, 14.0), self.stages[self.ret][0] if self.ret < len(self.stages) else None
        )
        if rate:
            self.add("rate", 0.0)

    def plan_finished(self, lead: float = 0.0) -> Plan:
        room = max(8.0, _HORIZON - self.bound)
        return Plan(tuple(self.ops), self.bound + self.rng.uniform(1.0, room), lead)

    def plan_now(self, tail: float, lead: float = 0.0) -> Plan:
        return Plan(tuple(self.ops), self.bound + max(0.1, tail), lead)


def _pick(rng: random.Random, texts: tuple[str, ...]) -> tuple[str, ...]:
    return (rng.choice(texts),)


def build(kind: str, b: Builder, stage: int = 1) -> Plan:
    """The plan of ``kind`` (see ``demo.SCENARIOS``); ``stage``: where an in-progress dossier waits."""
    r = b.rng
    lead = r.uniform(0.5, 40.0) if b.ops[0].kind == "submit" else 0.0
    if kind == "submitted":
        return Plan((b.ops[0],), 0.0, r.uniform(0.3, 30.0))
    if kind == "rejected":
        b.ops.pop()  # never accepted
        b.add("reject", r.uniform(0.2, 3.0), reasons=_pick(r, REJECT_REASONS))
        return b.plan_finished(lead)
    if kind == "supplement_online":
        b.ops.pop()
        b.add("request_supplement", r.uniform(0.2, 2.0), reasons=_pick(r, SUPPLEMENT_REASONS))
        return b.plan_now(r.uniform(1.0, 30.0), lead)
    if kind in ("returned", "resolved", "returned_on_time", "returned_late", "resolved_late"):
        offset = {"returned_on_time": -r.uniform(0.5, 2.5), "returned_late": r.uniform(1.0, 12.0)}.get(kind)
        b.finish(due_offset=r.uniform(1.0, 12.0) if kind == "resolved_late" else offset)
        if kind.startswith("returned"):
            b.give_back(rate=r.random() < 0.75)
        return b.plan_finished(lead) if kind.startswith("returned") else b.plan_now(r.uniform(0.2, 30.0), lead)
    if kind in ("returned_supplemented", "returned_obligation"):
        b.work(stage)
        index = b.stages[stage][0]
        spent = b.claim(index)
        if kind == "returned_supplemented":
            b.add("request_supplement", b.hours(index) * 0.3 - spent, index, reasons=_pick(r, SUPPLEMENT_REASONS))
            b.add("supplement", r.uniform(8.0, 40.0), note=SUPPLEMENT_NOTE)
        else:
            b.add("request_obligation", b.hours(index) * 0.5 - spent, index, reasons=_pick(r, OBLIGATION_REASONS))
            b.add("fulfil_obligation", r.uniform(8.0, 40.0), note=OBLIGATION_NOTE)
        b.add("complete", b.hours(index) * 0.3, index)
        b.cursor = stage + 1
        b.finish()
        b.give_back()
        return b.plan_finished(lead)
    if kind in ("returned_refused", "resolved_refused"):
        stage = b.stage_with("refuse")
        b.work(stage)
        index = next(i for i in b.stages[stage] if "refuse" in b.snapshot[i]["actions"])
        spent = b.claim(index)
        b.add("refuse", b.hours(index) * r.uniform(0.3, 0.9) - spent, index, reasons=_pick(r, REFUSE_REASONS))
        if kind == "returned_refused":
            b.give_back(rate=r.random() < 0.5)
            return b.plan_finished(lead)
        return b.plan_now(r.uniform(0.5, 20.0), lead)
    if kind in ("returned_extended", "extended"):  # a slow dossier: the apology comes before its appointment
        b.work(stage, pace=(0.6, 0.9))
        index = b.stages[stage][0]
        spent = b.claim(index)
        reasons = _pick(r, EXTEND_REASONS)
        b.add("extend", max(0.2, b.hours(index) * 0.3 - spent), reasons=reasons, from_today=kind == "extended")
        if kind == "extended":
            return b.plan_now(b.appointment + r.uniform(1.0, 6.0) - b.elapsed)
        b.finish(due_offset=r.uniform(1.0, 6.0))
        b.give_back()
        return b.plan_finished(lead)
    if kind == "withdrawn":
        b.work(stage)
        b.add("withdraw", r.uniform(1.0, 10.0), note=WITHDRAW_NOTE)
        return b.plan_finished(lead)
    # In progress at ``stage``.
    b.work(stage, pace=(0.3, 0.6))
    current = b.stages[stage]
    allotted = max(b.hours(i) for i in current)
    if kind == "desk":
        return b.plan_now(r.uniform(0.2, 3.0), lead)
    if kind == "unassigned":
        return b.plan_now(r.uniform(0.1, allotted * 0.7), lead)
    if kind == "sent_back":
        b.work(stage + 1, pace=(0.3, 0.6))
        index = b.stages[stage + 1][0]
        b.add("send_back", b.hours(index) * 0.5, index, note=r.choice(SEND_BACK_NOTES))
        return b.plan_now(r.uniform(0.1, allotted * 0.5), lead)
    if kind == "assign":
        b.add("assign", r.uniform(0.1, 0.5), current[0])
        return b.plan_now(r.uniform(0.1, allotted * 0.6), lead)
    if kind == "parallel":
        b.claim(current[0])
        spent = b.claim(current[-1])
        b.add("complete", b.hours(current[-1]) * r.uniform(0.3, 0.6) - spent, current[-1])
        return b.plan_now(r.uniform(0.5, 8.0), lead)
    spent = b.claim(current[0])
    if kind == "assigned":
        return b.plan_now(r.uniform(0.1, allotted * 0.7) - spent, lead)
    if kind == "due_soon":  # the step is due in half an hour to two and a half office hours
        return b.plan_now(allotted - r.uniform(0.5, 2.5) - spent, lead)
    if kind == "overdue":  # past the appointment, not only the step's time
        return b.plan_now(b.appointment + r.uniform(2.0, 24.0) - b.elapsed, lead)
    if kind == "waiting_supplement":
        b.add("request_supplement", max(0.1, allotted * 0.3 - spent), current[0], reasons=_pick(r, SUPPLEMENT_REASONS))
        return b.plan_now(r.uniform(1.0, 40.0), lead)
    if kind == "waiting_obligation":
        b.add("request_obligation", max(0.1, allotted * 0.5 - spent), current[0], reasons=_pick(r, OBLIGATION_REASONS))
        return b.plan_now(r.uniform(1.0, 40.0), lead)
    raise ValueError(f"Unknown demo dossier kind {kind!r}")
