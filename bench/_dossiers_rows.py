"""The rows of one generated dossier: the dossier, its steps, events, participants, pause and rating,
as the engine writes them (same statuses, actions, public flags and timeliness rules)."""

import json
from datetime import date, datetime, timedelta
from typing import Any

from _dossiers_data import Copier, ProvinceYear, Route

from egov.dossiers.services.history import PUBLIC_ACTIONS
from egov.dossiers.timing import classify, step_due
from egov.identity.roles import Role
from egov.organisation.models import Agency

_STREETS = ("Trần Hưng Đạo", "Quang Trung", "Lý Thường Kiệt", "Hữu Nghị", "Lê Lợi", "Hùng Vương", "Nguyễn Du")


def _stages(steps: list[dict[str, Any]]) -> list[list[int]]:
    stages: list[list[int]] = []
    for index, step in enumerate(steps):
        if stages and step["group"] and steps[stages[-1][-1]]["group"] == step["group"]:
            stages[-1].append(index)
        else:
            stages.append([index])
    return stages


def _closing(step: dict[str, Any]) -> str:
    return next((a for a in ("sign", "approve") if a in step["actions"]), "forward")


class DossierRows:
    """Writes one dossier through the table copiers (``out``: model name → Copier)."""

    def __init__(self, year: ProvinceYear, out: dict[str, Copier]) -> None:
        self.y, self.out, self.rng = year, out, year.rng
        self.stage_cache: dict[int, list[list[int]]] = {}

    def event(self, dossier_id: int, at: datetime, action: str, frm: str, to: str, **extra: Any) -> None:
        row = {"id": self.y.next_id("event"), "dossier_id": dossier_id, "occurred_at": at, "action": action}
        row.update(from_status=frm, to_status=to, public=action in PUBLIC_ACTIONS, **extra)
        self.out["event"].write(row)

    def write(self, centre: Agency, route: Route, day: date, seq: int, received: datetime) -> None:
        y, rng, now = self.y, self.rng, self.y.now
        did = y.next_id("dossier")
        online = route.channel.startswith("online")
        submitted = received - timedelta(hours=rng.uniform(0.3, 30)) if online else received
        legal_due = y.appointment(route, received)
        span = legal_due - received
        recent = (now - received).days < 90
        roll = rng.random()
        if recent and rng.random() < 0.5:  # a slow dossier: around or long past its appointment (backlog)
            finish = legal_due + timedelta(hours=rng.uniform(-6, 24 * 60))
        elif roll < 0.88:
            finish = received + span * rng.uniform(0.1, 0.85)
        elif roll < 0.97:
            finish = legal_due - timedelta(hours=rng.uniform(0, 3))
        else:
            finish = legal_due + timedelta(hours=rng.uniform(1, 72))
        finish = max(finish, received + timedelta(minutes=20))
        fate = rng.random()
        desk = rng.choice(route.holders[0]) if route.holders[0] else None
        row: dict[str, Any] = {
            "id": did,
            "code": f"{centre.code}-{day:%y%m%d}-{seq:04d}",
            "procedure_id": route.procedure_id,
            "procedure_version_id": route.version_id,
            "field_id": route.field_id,
            "channel": route.channel,
            "receiving_agency_id": centre.pk,
            "handling_agency_id": route.handling_id,
            "applicant_kind": "citizen",
            "subject": route.name,
            "submitted_at": submitted,
            "processing_time": route.amount,
            "processing_time_unit": route.unit,
            "process_template_id": route.template_id,
            "process_snapshot": route.snapshot_json,
            "return_method": "online" if online and rng.random() < 0.5 else "desk",
            "created_at": submitted,
        }
        name = rng.choice(y.names)
        row.update(
            applicant_name=name,
            applicant_name_folded=y.folded[name],
            applicant_id_number=f"0{rng.randint(44, 45)}{rng.randint(0, 3)}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}",
            applicant_phone=f"09{rng.randint(10000000, 99999999)}",
            applicant_address=f"Số {rng.randint(1, 300)} đường {rng.choice(_STREETS)}, {centre.short_name}",
        )
        if online and fate < 0.006:  # not accepted (Mẫu 03): never received
            at = submitted + timedelta(hours=rng.uniform(1, 20))
            row.update(status="rejected", finished_at=at, reasons=json.dumps(["Hồ sơ không thuộc thẩm quyền."]))
            self._finish_row(row, at, [centre.pk])
            self.event(did, submitted, "submit", "", "submitted", agency_id=centre.pk)
            self.event(did, at, "reject", "submitted", "rejected", actor_id=desk, agency_id=centre.pk)
            return
        if online and (now - submitted) < timedelta(days=3) and rng.random() < 0.4:  # still to be received
            row.update(status="submitted", due_at=legal_due)
            self._finish_row(row, submitted, [centre.pk])
            self.event(did, submitted, "submit", "", "submitted", agency_id=centre.pk)
            return
        row.update(received_at=received, received_by_id=desk, legal_due_at=legal_due, due_at=legal_due)
        stop = min(finish, now)
        withdrawn = fate > 0.995
        if withdrawn:
            stop = received + (stop - received) * rng.uniform(0.2, 0.8)
        if online:
            self.event(did, submitted, "submit", "", "submitted", agency_id=centre.pk)
            self.event(did, received, "accept", "submitted", "processing", actor_id=desk, agency_id=centre.pk)
        else:
            self.event(did, received, "receive", "", "processing", actor_id=desk, agency_id=centre.pk)
        agencies = self._steps(did, route, received, finish, stop, desk, row, withdrawn)
        if withdrawn:
            row.update(status="withdrawn", finished_at=stop, timeliness=classify(stop, legal_due))
            self.event(did, stop, "withdraw", "processing", "withdrawn", actor_id=desk, agency_id=centre.pk)
        self._finish_row(row, stop, agencies)

    def _finish_row(self, row: dict[str, Any], last: datetime, agencies: list[int]) -> None:
        row["updated_at"] = last
        self.out["dossier"].write(row)
        for agency_id in sorted(set(agencies)):
            self.out["participant"].write(
                {"id": self.y.next_id("participant"), "dossier_id": row["id"], "agency_id": agency_id}
            )
        self.y.count(row["status"])

    def _steps(
        self,
        did: int,
        route: Route,
        received: datetime,
        finish: datetime,
        stop: datetime,
        desk: Any,
        row: dict[str, Any],
        withdrawn: bool,
    ) -> list[int]:
        y, rng, now = self.y, self.rng, self.y.now
        stages = self.stage_cache.setdefault(id(route), _stages(route.steps))
        ret = next(
            (i for i, st in enumerate(stages) if all("return_result" in route.steps[s]["actions"] for s in st)),
            len(stages),
        )
        weights = [max(route.steps[i]["seconds"] for i in stages[n]) or 1 for n in range(ret)]
        total, clock, agencies = sum(weights), received, [row["receiving_agency_id"]]
        bounds = []
        for number, weight in enumerate(weights):  # the last stage ends exactly at the result (no rounding)
            end = finish if number == len(weights) - 1 else clock + (finish - received) * (weight / total)
            bounds.append((clock, end))
            clock = end
        returned = finish + timedelta(hours=rng.uniform(0.3, 96))
        if ret < len(stages):
            bounds.append((finish, returned))
        status = "processing"
        for number, (start, end) in enumerate(bounds):
            if start >= stop and not (number == ret and finish <= stop):
                break
            limit = now if number == ret else stop  # the result goes back after it is ready
            for index in stages[number]:
                step, agency_id = route.steps[index], route.step_agencies[index]
                agencies.append(agency_id)
                seconds = int(step["seconds"])
                tid = y.next_id("task")
                actor = rng.choice(route.holders[index]) if route.holders[index] else None
                if number == 0:
                    actor = desk
                task = {
                    "id": tid, "dossier_id": did, "step_index": index, "name": step["name"][:300],
                    "agency_id": agency_id, "department_id": step["department_id"], "role": step["role"],
                    "parallel_group": step["group"], "started_at": start, "allotted_seconds": seconds,
                }  # fmt: skip
                done_at = end if index == stages[number][-1] else start + (end - start) * rng.uniform(0.5, 1.0)
                if done_at <= limit:
                    due = start + timedelta(seconds=seconds * 3)  # about: 8 office hours a day
                    action = "return_result" if number == ret else _closing(step)
                    task.update(
                        status="done", due_at=due, finished_at=done_at, finished_by_id=actor, assignee_id=actor,
                        spent_seconds=min(seconds, int((done_at - start).total_seconds() / 3)),
                        timeliness=classify(done_at, due), closing_action=action,
                    )  # fmt: skip
                    self.out["task"].write(task)
                    if step["role"] == Role.SPECIALIST and number:
                        self.event(did, start + timedelta(minutes=rng.randint(1, 30)), "claim", status, status,
                                   actor_id=actor, task_id=tid, agency_id=agency_id)  # fmt: skip
                    if number < ret:
                        to = "resolved" if number == ret - 1 and index == stages[number][-1] else "processing"
                        self.event(
                            did, done_at, action, "processing", to, actor_id=actor, task_id=tid, agency_id=agency_id
                        )
                    continue
                if withdrawn:
                    task.update(status="cancelled", due_at=step_due(start, seconds), finished_at=stop,
                                closing_action="withdraw", spent_seconds=0)  # fmt: skip
                    self.out["task"].write(task)
                    continue
                assignee = (
                    desk if number == 0 else (actor if step["role"] == Role.SPECIALIST and rng.random() < 0.6 else None)
                )
                task.update(status="active", due_at=step_due(start, seconds), assignee_id=assignee)
                self.out["task"].write(task)
                if assignee is not None and number:
                    self.event(did, start + timedelta(minutes=rng.randint(1, 30)), "claim", status, status,
                               actor_id=assignee, task_id=tid, agency_id=agency_id)  # fmt: skip
            if number == ret - 1 and finish <= stop:
                outcome = "refused" if rng.random() < 0.015 else "granted"
                row.update(
                    status="resolved",
                    outcome=outcome,
                    finished_at=finish,
                    timeliness=classify(finish, row["legal_due_at"]),
                )
                self.event(did, finish, "resolve", "processing", "resolved", agency_id=row["handling_agency_id"])
                status = "resolved"
            if number == ret and returned <= now:
                row.update(status="returned", returned_at=returned)
                self.event(
                    did,
                    returned,
                    "return_result",
                    "resolved",
                    "returned",
                    actor_id=desk,
                    agency_id=row["receiving_agency_id"],
                )
                if rng.random() < 0.3:
                    score = rng.choice((5, 5, 5, 4, 4, 3, 2))
                    self.out["rating"].write({"id": y.next_id("rating"), "dossier_id": did, "score": score,
                                              "rated_at": returned + timedelta(minutes=2), "rated_by_id": desk})  # fmt: skip
                    self.event(
                        did,
                        returned + timedelta(minutes=2),
                        "rate",
                        "returned",
                        "returned",
                        data=json.dumps({"score": score}),
                    )
        if row.get("status") is None and not withdrawn:
            row["status"] = "processing"
            if rng.random() < 0.15:  # waiting for the applicant since some time in the current step
                kind = rng.choice(("supplement", "obligation"))
                since = max(received, now - timedelta(hours=rng.uniform(2, 240)))
                row.update(status=f"waiting_{kind}", supplement_requests=int(kind == "supplement"))
                self.out["pause"].write({"id": y.next_id("pause"), "dossier_id": did, "kind": kind, "started_at": since,
                                         "reasons": json.dumps(["Bổ sung giấy tờ."])})  # fmt: skip
                self.event(
                    did, since, f"request_{kind}", "processing", row["status"], agency_id=row["handling_agency_id"]
                )
        return agencies
