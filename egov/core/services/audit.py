"""Append to and verify the hash-chained audit log."""

import hashlib
import ipaddress
import json
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import models, transaction
from django.db.models import Model

from egov.core import clock
from egov.core.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


# The client address of the request being served (set by AuditClientAddressMiddleware).
_client_address: ContextVar[str | None] = ContextVar("audit_client_address", default=None)


def audit_client_address_set(address: str | None) -> Any:
    """Record ``address`` on the entries written until ``audit_client_address_reset(token)``; an
    address that does not parse (a forged or empty header) is not recorded."""
    try:
        parsed = str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        parsed = None
    return _client_address.set(parsed)


def audit_client_address_reset(token: Any) -> None:
    _client_address.reset(token)


def _entry_payload(entry: AuditEntry) -> dict[str, Any]:
    payload = _base_payload(entry)
    if entry.client_address:  # entries written before addresses were recorded keep their hash
        payload["client_address"] = entry.client_address
    return payload


def _base_payload(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "occurred_at": entry.occurred_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "agency_id": entry.agency_id,
        "change_digest": entry.change_digest,
    }


def compute_hash(prev_hash: str, entry: AuditEntry) -> str:
    return hashlib.sha256((prev_hash + _canonical(_entry_payload(entry))).encode()).hexdigest()


def change_digest(changes: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical(changes).encode()).hexdigest()


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    agency_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it records.

    ``action`` is ``"<app>.<verb>"`` (``"organisation.agency_create"``). ``actor`` is a user or None
    for the system.
    """
    changes = changes or {}
    if obj is not None:
        object_type = object_type or f"{obj._meta.app_label}.{obj._meta.model_name}"
        object_id = object_id or str(obj.pk)
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(id=1)
        head = AuditChainHead.objects.select_for_update().get(id=1)
        actor_id = getattr(actor, "pk", None) if actor is not None else None
        entry = AuditEntry(
            seq=head.last_seq + 1,
            # UTC, to the microsecond the database keeps: the hash must match the row read back.
            occurred_at=clock.now().astimezone(UTC),
            actor_id=actor_id,
            actor_label=_actor_label(actor),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=str(obj)[:300] if obj is not None else "",
            agency_id=agency_id,
            changes=json.loads(_canonical(changes)),
            client_address=_client_address.get(),
            change_digest=change_digest(changes),
            prev_hash=head.last_hash,
        )
        entry.hash = compute_hash(head.last_hash, entry)
        entry.save()
        head.last_seq = entry.seq
        head.last_hash = entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    full_name = getattr(actor, "get_full_name", lambda: "")()
    username = getattr(actor, "get_username", lambda: "")()
    return f"{full_name} ({username})" if full_name else str(username)


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    problem: str


def audit_verify(*, batch_size: int = 5000) -> list[AuditProblem]:
    """Walk the chain; report edited, deleted, inserted or reordered entries."""
    problems: list[AuditProblem] = []
    expected_seq = 1
    prev_hash = GENESIS_HASH
    for entry in _iter_entries(batch_size):
        if entry.seq != expected_seq:
            problems.append(AuditProblem(expected_seq, f"missing entries {expected_seq}..{entry.seq - 1}"))
        if entry.prev_hash != prev_hash:
            problems.append(AuditProblem(entry.seq, "previous-hash link broken"))
        if change_digest(entry.changes) != entry.change_digest:
            problems.append(AuditProblem(entry.seq, "change content edited"))
        if compute_hash(entry.prev_hash, entry) != entry.hash:
            problems.append(AuditProblem(entry.seq, "entry edited (hash mismatch)"))
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    head = AuditChainHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is not None and (head.last_seq != last_seq or head.last_hash != prev_hash):
        problems.append(AuditProblem(last_seq + 1, f"chain head says {head.last_seq}; newest entries deleted"))
    return problems


def _iter_entries(batch_size: int) -> Iterator[AuditEntry]:
    last = 0
    qs: models.QuerySet[AuditEntry] = AuditEntry.objects.order_by("seq")
    while True:
        batch = list(qs.filter(seq__gt=last)[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
