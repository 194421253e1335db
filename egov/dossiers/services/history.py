"""Locking and recording: every change of a dossier is one transaction, one event, one audit entry."""

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.db import OperationalError
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from egov.core.errors import ApplicationError, NotFoundError
from egov.core.services.audit import audit_record
from egov.dossiers.models import Dossier, DossierEvent, DossierTask
from egov.organisation.facade import staff_agency_ids

# Events the applicant sees in their timeline (the rest is the agency's internal work).
PUBLIC_ACTIONS = frozenset(
    {
        "submit",
        "receive",
        "accept",
        "reject",
        "forward",
        "approve",
        "sign",
        "request_supplement",
        "supplement",
        "request_obligation",
        "fulfil_obligation",
        "refuse",
        "extend",
        "withdraw",
        "resolve",
        "return_result",
        "rate",
        "pay",
        "transfer_out",
        "correct_answers",
    }
)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def busy_as_conflict(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """The embedded SQLite database admits one writer at a time: when another officer's change
    holds it longer than the busy timeout, say so (409) instead of failing (PostgreSQL waits on
    the row lock and then reports a version conflict)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return func(*args, **kwargs)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            raise ApplicationError(
                _("Someone else is changing this dossier right now. Try again in a moment."),
                code="dossier.busy",
                status=409,
            ) from error

    return wrapper


def lock_dossier(code: str, version: int | None) -> Dossier:
    """Load the dossier for change. With ``version``, another officer's change since then is a
    conflict: the conditional version bump is the first write, so of two concurrent actions on the
    same version exactly one succeeds (on PostgreSQL and SQLite alike)."""
    dossier = Dossier.objects.select_for_update(of=("self",)).filter(code=code).first()
    if dossier is None:
        raise NotFoundError(_("No dossier has this code."), code="dossier.not_found")
    expected = dossier.version if version is None else version
    bumped = Dossier.objects.filter(pk=dossier.pk, version=expected).update(version=F("version") + 1)
    if not bumped:
        raise ApplicationError(
            _("Someone else changed this dossier a moment ago. Reload it and try again."),
            code="dossier.conflict",
            status=409,
        )
    dossier.version = expected + 1
    return dossier


def _actor_agency_id(dossier: Dossier, actor: Any) -> int:
    """The agency an event without a step is filed under: the officer's own — the handling agency
    or the receiving one (a centre's desk accepting a ward's dossier: the centre) if they hold a
    post there, else their first post (an overseeing agency); the handling agency for the
    applicant and the system."""
    if not getattr(actor, "pk", None) or getattr(actor, "is_citizen", False):
        return dossier.handling_agency_id
    own = staff_agency_ids(actor.pk)
    for candidate in (dossier.handling_agency_id, dossier.receiving_agency_id):
        if candidate in own:
            return candidate
    return own[0] if own else dossier.handling_agency_id


def record(
    dossier: Dossier,
    *,
    actor: Any,
    action: str,
    from_status: str,
    note: str = "",
    task: DossierTask | None = None,
    data: dict[str, Any] | None = None,
    agency_id: int | None = None,
    now: Any,
) -> DossierEvent:
    event = DossierEvent.objects.create(
        dossier=dossier,
        occurred_at=now,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=(getattr(actor, "full_name", "") or getattr(actor, "username", ""))[:200] if actor else "",
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        task=task,
        agency_id=agency_id or (task.agency_id if task else _actor_agency_id(dossier, actor)),
        note=note,
        data=data or {},
        public=action in PUBLIC_ACTIONS,
    )
    audit_record(
        actor=actor if getattr(actor, "pk", None) else None,
        action=f"dossiers.{action}",
        obj=dossier,
        agency_id=event.agency_id,
        changes={"status": [from_status, dossier.status], "version": dossier.version, **(data or {})},
    )
    return event
