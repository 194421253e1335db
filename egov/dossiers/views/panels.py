"""The action panel of the dossier page: the actions this officer may plausibly take now.

``allowed_actions(status)`` says what the transition table permits; the step's actions in the
process snapshot and the officer's roles narrow it to what makes sense here. For the result (drafting,
reviewing, signing) and the completion of a step, the panel asks the engine's guards themselves
(``services/guards.py``, the transition rows' guards): an action is shown only when it would pass.
An unassigned step offers "Take the work" alone. The engine still decides (a stale form gets a clear
403/409, never a 500).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.dossiers.choices import Action, DossierStatus, ResultDraftStatus
from egov.dossiers.documents.formatting import local
from egov.dossiers.facade import TRANSITIONS, allowed_actions
from egov.dossiers.models import Dossier, DossierTask
from egov.dossiers.selectors import step_officers_for
from egov.dossiers.selectors_answers import dossier_answers
from egov.dossiers.services.drafting import templates_for
from egov.dossiers.services.guards import (
    EDITABLE_DRAFT_STATUSES,
    drafting_task,
    open_draft,
    passes,
    reviewing_task,
)
from egov.dossiers.views.action_forms import ACTION_FORMS
from egov.identity.roles import Role
from egov.organisation.facade import has_permission, user_roles

S = DossierStatus
PRIMARY = frozenset({Action.ACCEPT, Action.CLAIM, Action.FORWARD, Action.APPROVE, Action.SIGN, Action.SUPPLEMENT})
PRIMARY |= {Action.FULFIL_OBLIGATION, Action.RETURN_RESULT}
DANGER = frozenset({Action.REJECT, Action.REFUSE, Action.WITHDRAW})


@dataclass
class Panel:
    action: str
    label: str | Promise
    form: forms.Form
    key: str  # unique in the page: ids of the form's fields
    url: str
    primary: bool = False
    danger: bool = False
    failed: bool = False
    href: str = ""  # a page of its own (drafting, reviewing, signing the result) instead of a form


@dataclass
class PanelGroup:
    title: str | Promise
    task: DossierTask | None
    panels: list[Panel] = field(default_factory=list)


@dataclass(frozen=True)
class Failed:
    """A posted form the engine refused: drawn again with its input and errors."""

    action: str
    task_id: int | None
    form: forms.Form


class PanelBuilder:
    def __init__(
        self, dossier: Dossier, user: Any, *, failed: Failed | None, participants: list[int], active: list[DossierTask]
    ) -> None:
        self.dossier, self.user, self.failed = dossier, user, failed
        # The officers the leader may give each step to: one query for every step they may assign.
        assignable = [t for t in active if has_permission(user, "dossiers.assign", t.agency_id)]
        # and whom each step they may complete can be forwarded to by name
        completing = [
            t
            for t in active
            if t.assignee_id == user.pk or (t.assignee_id is None and t.role in user_roles(user, t.agency_id))
        ]
        self.officers, self.handlers = step_officers_for(
            dossier=dossier, active=active, assignable=assignable, completing=completing
        )
        self.legal = set(allowed_actions(dossier.status))
        self.participants = participants
        self.failed_placed = False
        self._answers: list[tuple[str, str, str]] | None = None
        self.draft = open_draft(dossier)
        self._templates: bool | None = None

    def can(self, guard: Callable[[], object]) -> bool:
        """Ask the engine's guard (it only reads): the action is offered only if it would pass."""
        return passes(guard)

    def guard_allows(self, action: str) -> bool:
        row = TRANSITIONS[action]
        return row.guard is None or passes(lambda: row.guard(self.dossier))  # type: ignore[misc]

    def has_templates(self) -> bool:
        if self._templates is None:
            self._templates = bool(templates_for(self.dossier, local(clock.now()).date()))
        return self._templates

    def link(self, action: str, view: str, label: str | Promise | None = None) -> Panel:
        href = reverse(view, kwargs={"code": self.dossier.code})
        key = f"{action}-link"
        return Panel(action, label or Action(action).label, forms.Form(), key, href, primary=True, href=href)

    def result_links(self, task: DossierTask | None) -> list[Panel]:
        """Drafting, reviewing and signing the result, each when its guard lets this officer do it now."""
        dossier, draft, task_id = self.dossier, self.draft, task.pk if task else None
        links = []
        if self.can(lambda: drafting_task(dossier, self.user, task_id)):
            editable = draft is not None and draft.status in EDITABLE_DRAFT_STATUSES and draft.template_id
            if editable or (draft is None and self.has_templates()):
                label = _("Continue the draft result") if draft is not None else None
                links.append(self.link(Action.DRAFT_RESULT, "dossiers:result_draft", label))
        if draft is not None and self.can(lambda: reviewing_task(dossier, self.user, task_id)):
            if draft.status == ResultDraftStatus.SUBMITTED:
                links.append(self.link(Action.APPROVE_RESULT, "dossiers:result_review", _("Review the draft result")))
            elif draft.status == ResultDraftStatus.APPROVED:
                links.append(self.link(Action.SIGN_RESULT, "dossiers:result_sign"))
        return links

    def attach_allowed(self, task: DossierTask | None) -> bool:
        """A result drafted elsewhere may be uploaded while no draft is waiting for approval or signature."""
        task_id = task.pk if task else None
        free = self.draft is None or self.draft.status in EDITABLE_DRAFT_STATUSES
        return free and self.can(lambda: drafting_task(self.dossier, self.user, task_id))

    def _matches_failed(self, action: str, task_id: int | None) -> bool:
        """The refused form goes back where it came from (a post without a step: the first such form)."""
        if self.failed is None or self.failed_placed or self.failed.action != action:
            return False
        return self.failed.task_id is None or self.failed.task_id == task_id

    def panel(self, action: str, task: DossierTask | None, **extra: Any) -> Panel | None:
        if action not in self.legal:
            return None
        task_id = task.pk if task else None
        key = f"{action}-{task_id or 'd'}"
        failed = self._matches_failed(action, task_id)
        if failed and self.failed is not None:
            self.failed_placed = True
            form = self.failed.form
        else:
            initial = {"version": self.dossier.version, "task_id": task_id}
            if action == Action.REQUEST_SUPPLEMENT:
                extra = {**extra, "answers": self.questionable_answers()}
            form = ACTION_FORMS[action](initial=initial, auto_id=f"id_{key}_%s", **extra)
        url = reverse("dossiers:act", kwargs={"code": self.dossier.code, "action": action})
        label = Action(action).label
        return Panel(action, label, form, key, url, action in PRIMARY, action in DANGER, failed)

    def questionable_answers(self) -> list[tuple[str, str, str]]:
        """The e-form answers an officer may question in a supplementation request: (field, label, answer)."""
        if self._answers is None:
            answers = dossier_answers(dossier=self.dossier)
            self._answers = [
                (row.path, f"{section.title} \N{EN DASH} {row.label}", row.value)
                for section in (answers.sections if answers else ())
                for row in section.rows
                if not row.is_statement
            ]
        return self._answers

    def roles(self, agency_id: int) -> frozenset[str]:
        return frozenset(user_roles(self.user, agency_id))

    def is_desk(self, agency_id: int | None = None) -> bool:
        return has_permission(self.user, "dossiers.receive", agency_id or self.dossier.receiving_agency_id)

    def is_leader(self, active: list[DossierTask]) -> bool:
        agencies = {self.dossier.handling_agency_id, self.dossier.receiving_agency_id} | {t.agency_id for t in active}
        return any(has_permission(self.user, "dossiers.assign", a) for a in agencies)

    def is_participant(self) -> bool:
        return any(has_permission(self.user, "dossiers.process", a) for a in self.participants)

    def task_group(self, task: DossierTask) -> PanelGroup:
        dossier, status = self.dossier, self.dossier.status
        snapshot = dossier.process_snapshot
        step_actions = set(snapshot[task.step_index].get("actions", [])) if task.step_index < len(snapshot) else set()
        holds = task.role in self.roles(task.agency_id)
        # An unassigned step shows "Take the work" alone; its actions appear once the officer has it.
        mine = task.assignee_id == self.user.pk
        wanted: list[tuple[str, dict[str, Any]]] = []
        if task.assignee_id is None and holds:
            wanted.append((Action.CLAIM, {}))
        if status == S.PROCESSING and mine and "return_result" not in step_actions:
            complete = Action.SIGN if "sign" in step_actions else Action.APPROVE if "approve" in step_actions else None
            if self.guard_allows(complete or Action.FORWARD):  # not around an open draft result
                wanted.append((complete or Action.FORWARD, {"handlers": self.handlers.get(task.pk, [])}))
            if self.attach_allowed(task):
                wanted.append((Action.ATTACH_RESULT, {}))
            if "send_back" in step_actions and task.step_index > 0:
                wanted.append((Action.SEND_BACK, {}))
            if "request_supplement" in step_actions and dossier.supplement_requests == 0:
                wanted.append((Action.REQUEST_SUPPLEMENT, {}))
            if "refuse" in step_actions:
                wanted.append((Action.REFUSE, {}))
            if "transfer_to_agency" in step_actions:
                wanted.append((Action.TRANSFER_OUT, {}))
        if status == S.RESOLVED and task.role == Role.DESK_OFFICER and Role.DESK_OFFICER in self.roles(task.agency_id):
            wanted.append((Action.RETURN_RESULT, {"initial_method": dossier.return_method}))
        if task.pk in self.officers:
            wanted.append((Action.ASSIGN, {"officers": self.officers[task.pk]}))
        group = PanelGroup(task.name, task)
        if status == S.PROCESSING and mine:
            group.panels.extend(self.result_links(task))
        for action, extra in wanted:
            method = extra.pop("initial_method", None)
            made = self.panel(action, task, **extra)
            if made is not None:
                if method and not made.failed:
                    made.form.initial["return_method"] = method
                group.panels.append(made)
        return group

    def dossier_group(self, active: list[DossierTask], now: datetime) -> PanelGroup:
        dossier, status = self.dossier, self.dossier.status
        wanted: list[str] = []
        desk = self.is_desk()
        if status == S.SUBMITTED and desk:
            wanted += [Action.ACCEPT, Action.REJECT]
            if dossier.supplement_requests == 0:
                wanted.append(Action.REQUEST_SUPPLEMENT)
        if status == S.WAITING_SUPPLEMENT and desk:
            wanted.append(Action.SUPPLEMENT)
        if status == S.WAITING_OBLIGATION and desk:
            wanted.append(Action.FULFIL_OBLIGATION)
        if status == S.RESOLVED and not active and desk:
            wanted.append(Action.RETURN_RESULT)
        if status == S.RESOLVED and self.attach_allowed(None):
            wanted.append(Action.ATTACH_RESULT)
        late = dossier.due_at is None or now >= dossier.due_at
        if dossier.extended_at is None and not late and dossier.received_at and self.is_leader(active):
            wanted.append(Action.EXTEND)
        if self.is_participant():
            wanted.append(Action.NOTE)
        if desk:
            wanted.append(Action.WITHDRAW)
        group = PanelGroup("", None)
        if status == S.RESOLVED:  # corrections once the result is ready
            group.panels.extend(self.result_links(None))
        for action in wanted:
            made = self.panel(action, None)
            if made is not None:
                group.panels.append(made)
        return group


def build_panels(
    *,
    dossier: Dossier,
    user: Any,
    active: list[DossierTask],
    participants: list[int],
    now: datetime,
    failed: Failed | None,
) -> list[PanelGroup]:
    builder = PanelBuilder(dossier, user, failed=failed, participants=participants, active=active)
    groups = [builder.task_group(task) for task in active]
    groups.append(builder.dossier_group(active, now))
    if failed is not None and not builder.failed_placed and failed.action in ACTION_FORMS:
        # No longer offered (e.g. the state changed): shown anyway, so the input is not lost.
        url = reverse("dossiers:act", kwargs={"code": dossier.code, "action": failed.action})
        key = f"{failed.action}-{failed.task_id or 'd'}"
        refused = Panel(failed.action, Action(failed.action).label, failed.form, key, url, failed=True)
        groups.insert(0, PanelGroup(_("Refused action"), None, [refused]))
    return [group for group in groups if group.panels]
