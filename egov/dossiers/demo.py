"""Demo dossiers: about a hundred dossiers of the demo province in every state, with real histories.

Everything goes through the engine's services (``dossier_receive``, ``dossier_submit_online``,
``dossier_act``, ``dossier_rate``) with the clock (``egov.core.clock``) set to each moment of the
story: dossiers are received on past working days, their steps done hours later, some late, and
the dossiers still in progress are placed relative to the real present, so that the "due soon" and
"overdue" worklists are not empty on the day the demo is loaded. All dossiers run on one timeline
(the earliest operation first), so codes, events and the audit chain are in time order. The demo
citizen (``demo_citizen.py``) is the applicant of a few of them from their submission, so the notices
the engine sends an applicant at each step are in her inbox, sent when they happened.
Idempotent: nothing happens if the demo dossiers were loaded (an audit entry marks it).
"""

import heapq
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.models import AuditEntry
from egov.core.services.audit import audit_record
from egov.dossiers.choices import Outcome, TaskStatus, Timeliness
from egov.dossiers.contracts import ActionData, ApplicantData, IntakeData, ReceivedPaper, UploadedFile
from egov.dossiers.demo_answers import demo_answers
from egov.dossiers.demo_citizen import HER_STORIES, as_applicant, demo_citizen_account
from egov.dossiers.demo_people import LOCALITIES, RATING_COMMENTS, SUBJECTS, company, person
from egov.dossiers.demo_plans import MAIN_DESKS, SCENARIOS, Builder, Op, Plan, build
from egov.dossiers.demo_results import attach_demo_results
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.services.actions import dossier_act, dossier_rate
from egov.dossiers.services.intake import dossier_receive, dossier_submit_online
from egov.dossiers.services.process import snapshot_of
from egov.identity.models import User
from egov.identity.roles import Role
from egov.organisation.demo.data import AGENCIES, CITIZENS
from egov.organisation.models import Agency, StaffRoleAssignment
from egov.procedures.models import Channel, Procedure, RequiredPaper
from egov.procedures.process_selectors import process_template_get_applicable
from egov.workflow.facade import VIETNAM_TZ, add_working_days, add_working_hours, next_working_moment
from egov.workflow.facade import working_time_between as office_time

MARK = "dossiers.demo_load"
COMPANY_PROCEDURES = frozenset({"1.013236"})  # filed by a company (its representative acting)
_PDF = b"%PDF-1.4\n% demo scan\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@dataclass(frozen=True)
class DemoDossiersSummary:
    created: int
    by_status: dict[str, int]
    adjusted: int = 0  # operations a plan placed in the future, done now instead (none expected)


def demo_dossiers_exist() -> bool:
    return AuditEntry.objects.filter(action=MARK).exists()


def back(moment: datetime, hours: float) -> datetime:
    """The moment ``hours`` of office time before ``moment`` (at an opening when that falls in a break)."""
    if hours <= 0:
        return moment
    target, span = timedelta(hours=hours), timedelta(hours=hours * 3 + 72)
    while office_time(moment - span, moment) < target:
        span *= 2
    low, high = moment - span, moment  # office time from low is enough, from high it is not
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        low, high = (middle, high) if office_time(middle, moment) >= target else (low, middle)
    opening = next_working_moment(low)
    return opening if opening <= moment else low


class _Cast:
    """The people of the demo and the choices they make (deterministic for a seed)."""

    def __init__(self, now: datetime) -> None:
        self.adjusted = 0
        self.rng, self.now = random.Random(), now  # noqa: S311 - demo data; each story lends its own generator (``_Story.run``)
        codes = {spec.key: spec.code for spec in AGENCIES}
        by_code = dict(Agency.objects.filter(code__in=codes.values()).values_list("code", "pk"))
        if len(by_code) != len(codes):
            raise ApplicationError(
                _("Load the demo province and its catalogue before the demo dossiers."), code="demo_dossiers_missing"
            )
        self.agency = {key: by_code[code] for key, code in codes.items()}
        self.holders: dict[tuple[int, str], list[User]] = {}
        rows = StaffRoleAssignment.objects.filter(staff_member__is_active=True, staff_member__user__is_active=True)
        for row in rows.select_related("staff_member__user").order_by("staff_member__user__username"):
            key = (row.staff_member.agency_id, row.role)
            self.holders.setdefault(key, []).append(row.staff_member.user)
        self.citizens = list(User.objects.filter(citizen_id__in=[c.citizen_id for c in CITIZENS]).order_by("pk"))
        self.demo_citizen = demo_citizen_account()

    def holder(self, agency_id: int, role: str) -> User:
        return self.rng.choice(self.holders[(agency_id, role)])

    def receiver(self, key: str) -> User:
        """The desk officer who receives: the centre's main desk most of the time."""
        main = next((u for u in self.holders[(self.agency[key], Role.DESK_OFFICER)] if u.username in MAIN_DESKS), None)
        return (
            main if main is not None and self.rng.random() < 0.7 else self.holder(self.agency[key], Role.DESK_OFFICER)
        )

    def desk(self, dossier: Dossier) -> User:
        if dossier.received_by is not None:
            return dossier.received_by
        return self.holder(dossier.receiving_agency_id, Role.DESK_OFFICER)

    def applicant_or_desk(self, dossier: Dossier) -> User:
        return dossier.applicant_user if dossier.applicant_user is not None else self.desk(dossier)

    def leader(self, dossier: Dossier) -> User:
        agencies = [t.agency_id for t in dossier.tasks.filter(status=TaskStatus.ACTIVE)]
        agencies += [dossier.handling_agency_id, dossier.receiving_agency_id]
        return self.holder(next(a for a in agencies if (a, Role.LEADER) in self.holders), Role.LEADER)


def _intake(cast: _Cast, key: str, code: str, channel: str, *, hers: bool) -> tuple[IntakeData, User | None]:
    rng, citizen = cast.rng, None
    representative: dict[str, str] = {}
    if code in COMPANY_PROCEDURES:
        applicant, representative = company(rng)
    elif channel.startswith("online") or rng.random() < 0.2:
        citizen = rng.choice(cast.citizens)
        applicant = ApplicantData(
            full_name=citizen.full_name,
            id_number=citizen.citizen_id or "",
            address=person(rng, key).address,
            phone=citizen.phone,
            email=citizen.email,
            user_id=citizen.pk,
        )
    else:
        applicant = person(rng, key)
    if channel.startswith("online") and citizen is None:  # an organisation files through its agent's account
        citizen = rng.choice(cast.citizens)
        applicant = replace(applicant, user_id=citizen.pk)
    if hers:  # drawn as for anyone (each story has its own generator), then her details
        citizen, applicant = cast.demo_citizen, as_applicant(cast.demo_citizen)
    version = Procedure.objects.get(code=code).current_version
    papers = RequiredPaper.objects.filter(version=version, is_mandatory=True).order_by("order")[:3]
    subject = SUBJECTS[code](rng, applicant.full_name) if code in SUBJECTS else ""
    method = {"post": "post", "online_full": rng.choice(("online", "desk"))}.get(channel, "desk")
    data = IntakeData(
        procedure_code=code,
        applicant=applicant,
        channel=channel,
        subject=subject,
        papers=tuple(
            ReceivedPaper(p.name[:300], p.originals or (0 if p.copies else 1), p.copies, p.pk) for p in papers
        ),
        return_method=method,
        representative=representative,
        form_data=demo_answers(
            code=code,
            schema=version.form_schema if version is not None else None,
            applicant=applicant,
            subject=subject,
            office=f"Ủy ban nhân dân {LOCALITIES.get(key, 'phường Đồng Hới')}",
            today=clock.today(),
        ),
    )
    return data, citizen


def _appointment_hours(code: str, channel: str) -> float:
    """An upper bound of the office hours from receipt to the legal appointment."""
    version = Procedure.objects.get(code=code).current_version
    rows = {c.kind: (c.processing_time, c.time_unit) for c in Channel.objects.filter(version=version)}
    amount, unit = rows.get(channel) or rows["counter"]
    hours = float(amount or 0) * 8
    return {"working_hour": hours / 8, "month": hours * 31}.get(unit, hours + 8)


class _Story:
    """Runs one dossier's plan; ``run`` yields the moment of each operation before doing it."""

    def __init__(
        self, cast: _Cast, key: str, code: str, channel: str, kind: str, plan: Plan, rng: random.Random
    ) -> None:
        self.cast, self.key, self.code, self.channel, self.plan, self.rng = cast, key, code, channel, plan, rng
        self.kind = kind
        self.hers = False  # the demo citizen's dossier (``_give_her``)
        self.dossier: Dossier | None = None

    def run(self) -> Iterator[datetime]:
        anchor = back(self.cast.now, self.plan.age)
        base = anchor
        for op in self.plan.ops:
            if op.kind == "submit":
                moment = anchor - timedelta(hours=self.plan.lead)
            elif op.kind in ("receive", "accept"):
                moment = base = anchor
            elif op.due_offset is not None:
                due = self.current.legal_due_at or base
                shifted = back(due, -op.due_offset) if op.due_offset < 0 else add_working_hours(due, op.due_offset)
                moment = base = max(base, shifted)
            else:
                moment = base = add_working_hours(base, Decimal(str(op.hours))) if op.hours else base
            if moment > self.cast.now:  # a plan never reaches the future; this only guards it
                moment, self.cast.adjusted = self.cast.now, self.cast.adjusted + 1
            yield moment
            self.cast.rng = self.rng  # the same choices whatever the day the demo is loaded
            try:
                self.apply(op)
            except ApplicationError as exc:  # a plan that does not fit its process: a bug of the demo
                raise RuntimeError(f"Demo dossier {self.code} at {self.key}, {op}: {exc.message}") from exc

    @property
    def current(self) -> Dossier:
        if self.dossier is None:
            raise RuntimeError("The demo dossier is not created yet")
        return self.dossier

    def task(self, op: Op) -> DossierTask:
        return self.current.tasks.get(status=TaskStatus.ACTIVE, step_index=op.step or 0)

    def act(self, actor: User, action: str, **data: Any) -> None:
        self.dossier = dossier_act(actor=actor, code=self.current.code, action=action, data=ActionData(**data))

    def apply(self, op: Op) -> None:
        cast, kind, params = self.cast, op.kind, op.params
        agency_id = cast.agency[self.key]
        if kind in ("submit", "receive"):
            data, citizen = _intake(cast, self.key, self.code, self.channel, hers=self.hers)
            if kind == "submit":
                scan = UploadedFile("To-khai.pdf", _PDF, "application/pdf", 0)
                self.dossier = dossier_submit_online(
                    applicant_user=citizen, agency_id=agency_id, data=data, files=(scan,)
                )
            else:
                desk = cast.receiver(self.key)
                self.dossier = dossier_receive(actor=desk, agency_id=agency_id, data=data)
        elif kind in ("accept", "reject") or (kind == "request_supplement" and op.step is None):
            self.act(cast.desk(self.current), kind, reasons=params.get("reasons", ()))
        elif kind in ("complete", "claim", "send_back", "refuse", "request_supplement", "request_obligation"):
            task = self.task(op)
            actor = task.assignee or cast.holder(task.agency_id, task.role)
            actions = self.current.process_snapshot[task.step_index]["actions"]
            action = kind
            if kind == "complete":
                action = next((a for a in ("sign", "approve") if a in actions), "forward")
            self.act(actor, action, task_id=task.pk, note=params.get("note", ""), reasons=params.get("reasons", ()))
        elif kind == "assign":
            task = self.task(op)
            leader = cast.holder(task.agency_id, Role.LEADER)
            self.act(leader, kind, task_id=task.pk, assignee_id=cast.holder(task.agency_id, task.role).pk)
        elif kind in ("supplement", "fulfil_obligation", "withdraw"):
            self.act(cast.applicant_or_desk(self.current), kind, note=params["note"])
        elif kind == "extend":
            due = (self.current.due_at or cast.now).astimezone(VIETNAM_TZ).date()
            start = max(due, cast.now.astimezone(VIETNAM_TZ).date()) if op.params.get("from_today") else due
            new_day = add_working_days(start, cast.rng.randint(1, 2))
            self.act(cast.leader(self.current), kind, reasons=params["reasons"], new_due_date=new_day)
        elif kind == "return":
            task = self.task(op)
            self.act(
                cast.desk(self.current) if task.agency_id == agency_id else cast.holder(task.agency_id, task.role),
                "return_result",
            )
        elif kind == "rate":
            self.rate()

    def rate(self) -> None:
        dossier, rng = self.current, self.cast.rng
        if dossier.timeliness == Timeliness.LATE:
            score = rng.choice((2, 3, 3, 4))
        elif dossier.outcome == Outcome.REFUSED:
            score = rng.choice((3, 4))
        else:
            score = rng.choice((4, 5, 5, 5))
        comment = rng.choice(RATING_COMMENTS.get(score, ("",)))
        dossier_rate(actor=self.cast.applicant_or_desk(dossier), code=dossier.code, score=score, comment=comment)


class _FrozenClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment.astimezone(UTC)  # as timezone.now(): the audit hash covers the ISO form

    def today(self) -> Any:
        return self.moment.astimezone(VIETNAM_TZ).date()


def _stories(cast: _Cast, seed: int) -> list[_Story]:
    stories: list[_Story] = []
    for key, code, channel, kind, count, stage in SCENARIOS:
        procedure = Procedure.objects.get(code=code)
        template = process_template_get_applicable(
            procedure_id=procedure.pk,
            agency_id=cast.agency[key],
            channel=channel,
            on=cast.now.astimezone(VIETNAM_TZ).date(),
        )
        if template is None:
            raise ApplicationError(
                _("The demo catalogue has no internal process for a demo dossier."), code="demo_process"
            )
        snapshot = snapshot_of(template)
        for _n in range(count):
            rng = random.Random(seed * 1000 + len(stories))  # noqa: S311 - demo data
            builder = Builder(snapshot, _appointment_hours(code, channel), rng, online=channel.startswith("online"))
            number = builder.stage_with(stage) if isinstance(stage, str) else stage
            stories.append(_Story(cast, key, code, channel, kind, build(kind, builder, number), rng))
    _give_her(stories)
    return stories


def _give_her(stories: list[_Story]) -> None:
    """The demo citizen's stories: the first of each group of ``HER_STORIES``, one submitted online
    preferred; a person's dossier (not a company's), and a returned one only if it stays unrated."""
    for kinds in HER_STORIES:
        fitting = [
            story
            for story in stories
            if story.kind in kinds
            and not story.hers
            and story.code not in COMPANY_PROCEDURES
            and not (story.kind.startswith("returned") and any(op.kind == "rate" for op in story.plan.ops))
        ]
        online = [story for story in fitting if story.channel.startswith("online")]
        if fitting:
            (online or fitting)[0].hers = True


@transaction.atomic
def dossiers_load_demo(*, seed: int = 2026) -> DemoDossiersSummary:
    """Create the demo dossiers once (the demo province and its catalogue must be loaded)."""
    if demo_dossiers_exist():
        return DemoDossiersSummary(created=0, by_status={})
    now = clock.now()
    cast = _Cast(now)
    stories = _stories(cast, seed)
    frozen = _FrozenClock(now)
    queue: list[tuple[datetime, int, Iterator[datetime]]] = []
    with mock.patch.object(clock, "now", frozen.now), mock.patch.object(clock, "today", frozen.today):
        for number, story in enumerate(stories):
            steps = story.run()
            queue.append((next(steps), number, steps))
        heapq.heapify(queue)
        while queue:  # the earliest operation of any dossier first
            moment, number, steps = heapq.heappop(queue)
            frozen.moment = moment
            following = next(steps, None)
            if following is not None:
                heapq.heappush(queue, (following, number, steps))
    codes = [story.current.code for story in stories]
    attach_demo_results(codes)
    by_status = dict(Counter(Dossier.objects.filter(code__in=codes).values_list("status", flat=True)))
    audit_record(
        actor=None,
        action=MARK,
        object_type="dossiers.demo",
        object_id=cast.agency["ttpdonghoi"],
        changes={"dossiers": len(codes), "by_status": by_status},
    )
    return DemoDossiersSummary(created=len(codes), by_status=by_status, adjusted=cast.adjusted)
