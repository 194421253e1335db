"""Account lockout after repeated failed logins.

Limits consecutive failed logins, as TCVN 11930:2017 (basic security requirements for information
systems by level, ND 85/2016) asks of login functions: after ``IDENTITY_LOCKOUT_THRESHOLD``
failures within ``IDENTITY_LOCKOUT_WINDOW_MINUTES`` the login key is locked for
``IDENTITY_LOCKOUT_MINUTES``. Attempts during the lock are refused without checking the password
and do not extend it, so a locked-out owner gets back in when the time is up.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from egov.core import clock
from egov.identity.models import LoginLockout


@dataclass(frozen=True)
class LockoutState:
    is_locked: bool
    locked_until: datetime | None = None
    just_locked: bool = False

    @property
    def minutes_left(self) -> int:
        if self.locked_until is None:
            return 0
        seconds = (self.locked_until - clock.now()).total_seconds()
        return max(1, -(-int(seconds) // 60))


def login_key(kind: str, identifier: str) -> str:
    return f"{kind}:{identifier.strip().casefold()}"[:200]


def lockout_get_state(*, key: str) -> LockoutState:
    row = LoginLockout.objects.filter(login_key=key).first()
    if row is not None and row.locked_until is not None and row.locked_until > clock.now():
        return LockoutState(is_locked=True, locked_until=row.locked_until)
    return LockoutState(is_locked=False)


@transaction.atomic
def lockout_register_failure(*, key: str) -> LockoutState:
    """Count one failed attempt; lock the key when the threshold is reached within the window."""
    now = clock.now()
    window = timedelta(minutes=settings.IDENTITY_LOCKOUT_WINDOW_MINUTES)
    LoginLockout.objects.get_or_create(login_key=key, defaults={"window_started_at": now, "last_failure_at": now})
    row = LoginLockout.objects.select_for_update().get(login_key=key)
    if row.locked_until is not None and row.locked_until > now:
        return LockoutState(is_locked=True, locked_until=row.locked_until)
    if row.locked_until is not None or row.window_started_at + window <= now:
        row.failure_count = 0
        row.window_started_at = now
        row.locked_until = None
    row.failure_count += 1
    row.last_failure_at = now
    just_locked = row.failure_count >= settings.IDENTITY_LOCKOUT_THRESHOLD
    if just_locked:
        row.locked_until = now + timedelta(minutes=settings.IDENTITY_LOCKOUT_MINUTES)
    row.save()
    return LockoutState(is_locked=just_locked, locked_until=row.locked_until, just_locked=just_locked)


def lockout_clear(*, key: str) -> int:
    """Forget failures for the key (after a successful login, or an administrator's unlock)."""
    deleted, _ = LoginLockout.objects.filter(login_key=key).delete()
    return deleted
