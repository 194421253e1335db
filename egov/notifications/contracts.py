"""Frozen data that crosses the app's boundary."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class DeliveryInfo:
    """One applicant message as officers see it (``delivery_list``)."""

    id: int
    channel: str  # "email" | "sms"
    kind: str
    address: str
    status: str  # "queued" | "deferred" | "sent" | "failed"
    attempts: int
    last_error: str
    created_at: datetime
    scheduled_at: datetime
    sent_at: datetime | None
