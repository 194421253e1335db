"""``dossier_act``: the one entry point for every action on a dossier, through one transition table.

Each row says from which statuses the action is legal and which handler does it; the handler checks
who may act (guards), changes the dossier and returns what to record. ``dossier_act`` wraps it in
one transaction with the optimistic lock, the event (timeline) and the audit entry.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError, PermissionDeniedError
from egov.dossiers.choices import Action, DossierStatus
from egov.dossiers.contracts import ActionData
from egov.dossiers.models import Dossier, Rating
from egov.dossiers.services import drafting, pauses, results, steps
from egov.dossiers.services.guards import is_applicant, require_desk, require_no_open_draft
from egov.dossiers.services.history import busy_as_conflict, lock_dossier, record

S = DossierStatus
Handler = Callable[[Dossier, Any, str, ActionData, Any], dict[str, Any]]
Guard = Callable[[Dossier], None]
_WORKING = frozenset({S.PROCESSING, S.WAITING_SUPPLEMENT, S.WAITING_OBLIGATION})
_OPEN = frozenset({S.SUBMITTED, *_WORKING})


@dataclass(frozen=True)
class Transition:
    sources: frozenset[DossierStatus]
    handler: Handler
    guard: Guard | None = None  # a condition on the dossier beyond its status (checked before the handler)


def _no_open_draft(dossier: Dossier) -> None:
    require_no_open_draft(dossier)


TRANSITIONS: dict[str, Transition] = {
    Action.ACCEPT: Transition(frozenset({S.SUBMITTED}), results.act_accept),
    Action.REJECT: Transition(frozenset({S.SUBMITTED}), results.act_reject),
    Action.CLAIM: Transition(_WORKING, steps.act_claim),
    Action.ASSIGN: Transition(_WORKING, steps.act_assign),
    # A step is not completed around a draft result: it is submitted, approved and signed first.
    Action.FORWARD: Transition(frozenset({S.PROCESSING}), steps.act_complete, _no_open_draft),
    Action.APPROVE: Transition(frozenset({S.PROCESSING}), steps.act_complete, _no_open_draft),
    Action.SIGN: Transition(frozenset({S.PROCESSING}), steps.act_complete, _no_open_draft),
    Action.SEND_BACK: Transition(frozenset({S.PROCESSING}), steps.act_send_back),
    Action.REFUSE: Transition(frozenset({S.PROCESSING}), steps.act_refuse),
    Action.REQUEST_SUPPLEMENT: Transition(frozenset({S.SUBMITTED, S.PROCESSING}), pauses.act_request_supplement),
    Action.SUPPLEMENT: Transition(frozenset({S.WAITING_SUPPLEMENT}), pauses.act_supplement),
    Action.REQUEST_OBLIGATION: Transition(frozenset({S.PROCESSING}), pauses.act_request_obligation),
    Action.FULFIL_OBLIGATION: Transition(frozenset({S.WAITING_OBLIGATION}), pauses.act_fulfil_obligation),
    Action.EXTEND: Transition(_WORKING, pauses.act_extend),
    Action.WITHDRAW: Transition(_OPEN, pauses.act_withdraw),
    Action.DRAFT_RESULT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_draft_result),
    Action.ATTACH_RESULT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_attach_result),
    Action.SUBMIT_RESULT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_submit_result),
    Action.APPROVE_RESULT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_approve_result),
    Action.RETURN_DRAFT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_return_draft),
    Action.SIGN_RESULT: Transition(frozenset({S.PROCESSING, S.RESOLVED}), drafting.act_sign_result),
    Action.RETURN_RESULT: Transition(frozenset({S.RESOLVED}), results.act_return_result),
    Action.TRANSFER_OUT: Transition(frozenset({S.PROCESSING}), results.act_transfer_out),
    Action.NOTE: Transition(frozenset({*_OPEN, S.RESOLVED}), results.act_note),
}


def allowed_actions(status: str) -> list[str]:
    """Actions legal from ``status`` (what the UI offers; the guards still decide who)."""
    return [action for action, row in TRANSITIONS.items() if status in row.sources]


@busy_as_conflict
def dossier_act(*, actor: Any, code: str, action: str, data: ActionData) -> Dossier:
    row = TRANSITIONS.get(action)
    if row is None:
        raise ApplicationError(
            _("Unknown action."), code="dossier.unknown_action", status=404, fields={"action": [action]}
        )
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDeniedError(_("Log in to act on a dossier."))
    with transaction.atomic():
        dossier = lock_dossier(code, data.version)
        if dossier.status not in row.sources:
            raise ApplicationError(
                format_lazy(
                    _("“{action}” is not possible while the dossier is “{status}”."),
                    action=Action(action).label,
                    status=DossierStatus(dossier.status).label,
                ),
                code="dossier.illegal_transition",
                status=409,
            )
        if row.guard is not None:
            row.guard(dossier)
        from_status = dossier.status
        now = clock.now()
        outcome = row.handler(dossier, actor, action, data, now)
        dossier.save()
        record(
            dossier,
            actor=actor,
            action=action,
            from_status=from_status,
            note=data.note,
            task=outcome.get("task"),
            data=outcome.get("data"),
            now=now,
        )
        if dossier.status == S.RESOLVED and from_status != S.RESOLVED:
            record(
                dossier,
                actor=actor,
                action="resolve",
                from_status=from_status,
                now=now,
                data={"outcome": dossier.outcome},
            )
    return dossier


@busy_as_conflict
@transaction.atomic
def dossier_rate(*, actor: Any, code: str, score: int, comment: str = "") -> Rating:
    """The applicant (or the desk on their behalf, at a kiosk) rates the service once the result is ready."""
    dossier = lock_dossier(code, None)
    if not is_applicant(dossier, actor):
        require_desk(dossier, actor)
    if dossier.status not in (S.RESOLVED, S.RETURNED):
        raise ApplicationError(
            _("The service can be rated once the result is ready."), code="dossier.rate_too_early", status=409
        )
    if score not in Rating.Score.values:
        raise ApplicationError(
            _("Choose a rating from 1 to 5."), code="dossier.rate_score", fields={"score": [_("Choose 1 to 5.")]}
        )
    if Rating.objects.filter(dossier=dossier).exists():
        raise ApplicationError(_("This dossier has already been rated."), code="dossier.rated", status=409)
    now = clock.now()
    rating = Rating.objects.create(
        dossier=dossier, score=score, comment=comment.strip()[:2000], rated_at=now, rated_by=actor
    )
    dossier.save()
    record(dossier, actor=actor, action="rate", from_status=dossier.status, now=now, data={"score": score})
    return rating
