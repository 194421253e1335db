"""Checking credentials at the staff and citizen logins, with lockout and an audit trail.

Every outcome the attacker can see is the same for an unknown login and a wrong password; the
audit log (not the response) records which it was.
"""

import enum
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth import login as django_login
from django.db import transaction
from django.http import HttpRequest

from egov.core.ratelimit import client_ip
from egov.core.services.audit import audit_record
from egov.identity.models import User, UserKind
from egov.identity.selectors import citizen_get_by_identifier, totp_is_enabled
from egov.identity.services.lockout import (
    LockoutState,
    lockout_clear,
    lockout_get_state,
    lockout_register_failure,
    login_key,
)
from egov.identity.services.totp import totp_verify


class LoginStatus(enum.Enum):
    SUCCESS = "success"
    SECOND_FACTOR_REQUIRED = "second_factor_required"
    INVALID = "invalid"
    LOCKED = "locked"
    WRONG_KIND = "wrong_kind"


@dataclass(frozen=True)
class LoginOutcome:
    status: LoginStatus
    user: User | None = None
    lockout_key: str = ""
    lockout: LockoutState | None = None


def login_lockout_key(*, kind: str, identifier: str) -> str:
    """Staff lock by username as typed; citizens by their account when the ID number or phone
    resolves to one (so switching between the two does not double the guesses)."""
    if kind == UserKind.CITIZEN:
        citizen = citizen_get_by_identifier(identifier)
        if citizen is not None:
            return login_key("citizen", f"#{citizen.pk}")
    return login_key(str(kind), identifier)


def login_check_password(*, request: HttpRequest, kind: UserKind, identifier: str, password: str) -> LoginOutcome:
    """First login step for a staff (``username``) or citizen (ID number or phone) login."""
    key = login_lockout_key(kind=kind, identifier=identifier)
    details: dict[str, Any] = {"login": identifier[:150], "kind": str(kind), "ip": client_ip(request)}
    state = lockout_get_state(key=key)
    if state.is_locked:
        _audit_failure(identifier=identifier, kind=kind, details={**details, "reason": "locked"})
        return LoginOutcome(LoginStatus.LOCKED, lockout_key=key, lockout=state)

    if kind == UserKind.CITIZEN:
        user = authenticate(request, citizen_identifier=identifier, password=password)
    else:
        user = authenticate(request, username=identifier, password=password)
    if not isinstance(user, User):
        return _register_failure(
            key=key, identifier=identifier, kind=kind, details={**details, "reason": "bad_credentials"}
        )
    if user.kind != kind:
        # The password was right, so saying which login to use reveals nothing new.
        _audit_failure(identifier=identifier, kind=kind, details={**details, "reason": "wrong_kind"}, user=user)
        return LoginOutcome(LoginStatus.WRONG_KIND, user=user, lockout_key=key)
    if totp_is_enabled(user):
        return LoginOutcome(LoginStatus.SECOND_FACTOR_REQUIRED, user=user, lockout_key=key)
    return LoginOutcome(LoginStatus.SUCCESS, user=user, lockout_key=key)


def login_check_second_factor(*, request: HttpRequest, user: User, code: str, key: str) -> LoginOutcome:
    """Second login step: a code from the authenticator app or an unused recovery code."""
    details: dict[str, Any] = {"login": user.get_username(), "kind": user.kind, "ip": client_ip(request)}
    state = lockout_get_state(key=key)
    if state.is_locked:
        _audit_failure(
            identifier=user.get_username(), kind=user.kind, details={**details, "reason": "locked"}, user=user
        )
        return LoginOutcome(LoginStatus.LOCKED, user=user, lockout_key=key, lockout=state)
    if not user.is_active or not totp_verify(user=user, code=code):
        return _register_failure(
            key=key,
            identifier=user.get_username(),
            kind=user.kind,
            details={**details, "reason": "bad_second_factor"},
            user=user,
        )
    return LoginOutcome(LoginStatus.SUCCESS, user=user, lockout_key=key)


@transaction.atomic
def login_complete(*, request: HttpRequest, user: User, key: str, method: str, backend: str | None = None) -> None:
    """Start the authenticated session (a new session id: no fixation), clear failures, audit."""
    django_login(request, user, backend=backend)
    if key:
        lockout_clear(key=key)
    audit_record(
        actor=user,
        action="identity.login",
        obj=user,
        changes={"method": method, "kind": user.kind, "ip": client_ip(request)},
    )


@transaction.atomic
def logout_record(*, request: HttpRequest, user: User) -> None:
    audit_record(actor=user, action="identity.logout", obj=user, changes={"ip": client_ip(request)})


def _register_failure(
    *, key: str, identifier: str, kind: str, details: dict[str, Any], user: User | None = None
) -> LoginOutcome:
    with transaction.atomic():
        state = lockout_register_failure(key=key)
        target = user or _known_account(kind=kind, identifier=identifier)
        _audit_failure(identifier=identifier, kind=kind, details=details, user=target)
        if state.just_locked:
            audit_record(
                actor=None,
                action="identity.locked",
                obj=target,
                object_type="identity.user",
                object_id=key[:64] if target is None else "",
                changes={**details, "locked_until": state.locked_until},
            )
    return LoginOutcome(LoginStatus.LOCKED if state.is_locked else LoginStatus.INVALID, lockout_key=key, lockout=state)


def _audit_failure(*, identifier: str, kind: str, details: dict[str, Any], user: User | None = None) -> None:
    target = user or _known_account(kind=kind, identifier=identifier)
    audit_record(
        actor=None,
        action="identity.login_failed",
        obj=target,
        object_type="identity.user",
        object_id="" if target is not None else login_key(kind, identifier)[:64],
        changes=details,
    )


def _known_account(*, kind: str, identifier: str) -> User | None:
    if kind == UserKind.CITIZEN:
        return citizen_get_by_identifier(identifier)
    return User.objects.filter(username=identifier).first()
