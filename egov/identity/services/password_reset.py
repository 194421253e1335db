"""Password recovery for citizens with a one-time code sent by e-mail or SMS.

1. ``password_reset_request``: the citizen types their citizen ID number and the e-mail address or
   phone number of their account. Whatever they type, one ``PasswordReset`` row, one outbox message
   and one audit entry are written and the same answer is given; only the row says whether an
   account matched (then ``user`` is set). The answer, its wording and the work behind it reveal
   nothing about which accounts exist (OWASP ASVS 4.0 V2.5.2/V3.x "no account enumeration").
2. ``password_reset_issue_code`` (the worker, ``identity.password_reset_code`` outbox topic, handled
   by egov.notifications which sends it): a 6-digit code is drawn for a matched, live request, its
   keyed hash stored, and the code returned to be sent. Unmatched requests get no code.
3. ``password_reset_complete``: the code and the new password. A wrong code counts against the
   request (``IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS``, then the request is spent); the code lives
   ``IDENTITY_PASSWORD_RESET_CODE_MINUTES`` from the request; the new password passes the project's
   validators (AUTH_PASSWORD_VALIDATORS). Setting it changes the password hash, so every session
   opened with the old password ends (Django checks the session's auth hash on each request); the
   login lockout of the account is lifted; all of it audited on the account.

Rate limits (per client address and per citizen ID number typed, whether or not it has an account)
are applied by the view, in ``egov.core.ratelimit``.
"""

import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.core.services.outbox import outbox_enqueue
from egov.identity.models import PasswordReset, PasswordResetChannel, User, UserKind
from egov.identity.services.lockout import lockout_clear, login_key
from egov.identity.validators import normalize_citizen_id, normalize_phone

CODE_TOPIC = "identity.password_reset_code"
CODE_DIGITS = 6
_HASH_SALT = "egov.identity.password_reset"


@dataclass(frozen=True)
class Contact:
    channel: str  # PasswordResetChannel
    address: str  # the e-mail address as typed (trimmed) or the phone number normalised (0912345678)


@dataclass(frozen=True)
class IssuedCode:
    """A code to send now: to ``address`` through ``channel``, valid for ``minutes`` more minutes."""

    reset_id: int
    user_id: int
    full_name: str
    channel: str
    address: str
    code: str
    minutes: int


def parse_contact(raw: str) -> Contact | None:
    """An e-mail address (it has an @) or a Vietnamese phone number; None when it is neither."""
    value = (raw or "").strip()
    if "@" in value:
        local, _at, domain = value.rpartition("@")
        return Contact(PasswordResetChannel.EMAIL, f"{local}@{domain.lower()}") if local and "." in domain else None
    phone = normalize_phone(value)
    if phone.isdigit() and len(phone) in (10, 11) and phone.startswith("0"):
        return Contact(PasswordResetChannel.SMS, phone)
    return None


def _matches(user: User, contact: Contact) -> bool:
    if contact.channel == PasswordResetChannel.EMAIL:
        return bool(user.email) and user.email.strip().casefold() == contact.address.casefold()
    return bool(user.phone) and normalize_phone(user.phone) == contact.address


def _code_hash(reset: PasswordReset, code: str) -> str:
    """Keyed with SECRET_KEY and the request: a table dump alone does not give the codes away."""
    return salted_hmac(_HASH_SALT, f"{reset.public_id}:{code}", algorithm="sha256").hexdigest()


def _lifetime() -> timedelta:
    return timedelta(minutes=int(settings.IDENTITY_PASSWORD_RESET_CODE_MINUTES))


@transaction.atomic
def password_reset_request(*, citizen_id: str, contact: Contact, client_ip: str) -> PasswordReset:
    """Record a request and queue its code; the same writes whether or not an account matches."""
    number = normalize_citizen_id(citizen_id)
    user = User.objects.filter(kind=UserKind.CITIZEN, citizen_id=number, is_active=True).first()
    matched = user if user is not None and _matches(user, contact) else None
    now = clock.now()
    reset = PasswordReset.objects.create(
        public_id=uuid.uuid4(),
        user=matched,
        channel=contact.channel,
        created_at=now,
        expires_at=now + _lifetime(),
        client_ip=client_ip if client_ip and client_ip != "unknown" else None,
    )
    outbox_enqueue(
        topic=CODE_TOPIC,
        key=f"{CODE_TOPIC}:{reset.public_id}",
        payload={"reset_id": reset.pk, "channel": contact.channel},
    )
    audit_record(
        actor=None,
        action="identity.password_reset_request",
        obj=matched,
        object_type="identity.user",
        object_id="" if matched is not None else f"reset:{reset.public_id}"[:64],
        changes={"channel": contact.channel, "account_matched": matched is not None, "ip": client_ip},
    )
    return reset


@transaction.atomic
def password_reset_issue_code(*, reset_id: int) -> IssuedCode | None:
    """Draw the code of a matched, live request (once); None when there is nothing to send."""
    reset = PasswordReset.objects.select_for_update(of=("self",)).select_related("user").filter(pk=reset_id).first()
    now = clock.now()
    if reset is None or reset.user is None or reset.sent_at is not None or reset.used_at is not None:
        return None
    if reset.expires_at <= now or not reset.user.is_active:
        return None
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    reset.code_hash = _code_hash(reset, code)
    reset.sent_at = now
    reset.save(update_fields=["code_hash", "sent_at"])
    # Only the newest code of an account works: an older one still unused ends now.
    PasswordReset.objects.filter(user=reset.user, used_at__isnull=True, expires_at__gt=now).exclude(pk=reset.pk).update(
        expires_at=now
    )
    audit_record(actor=None, action="identity.password_reset_code", obj=reset.user, changes={"channel": reset.channel})
    user = reset.user
    address = user.email if reset.channel == PasswordResetChannel.EMAIL else user.phone
    minutes = max(1, int((reset.expires_at - now).total_seconds() // 60))
    return IssuedCode(
        reset_id=reset.pk,
        user_id=user.pk,
        full_name=user.get_full_name(),
        channel=reset.channel,
        address=address,
        code=code,
        minutes=minutes,
    )


def password_reset_get_live(*, public_id: str) -> PasswordReset | None:
    """The request the citizen's browser holds, while a code may still be typed for it."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    reset = PasswordReset.objects.filter(public_id=key).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= clock.now():
        return None
    if reset.failed_attempts >= int(settings.IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS):
        return None
    return reset


def _spent() -> ApplicationError:
    return ApplicationError(
        _("This code can no longer be used: it has expired or was typed wrong too many times. Ask for a new code."),
        code="password_reset_expired",
        status=410,
    )


def password_reset_complete(*, public_id: str, code: str, password: str, client_ip: str) -> User:
    """Set the new password when ``code`` is the request's; raises ApplicationError otherwise
    (``fields`` name ``code`` or ``password``). A wrong code is counted even though it raises."""
    attempt = "".join(ch for ch in (code or "") if ch.isdigit())
    with transaction.atomic():
        reset = password_reset_get_live(public_id=public_id)
        if reset is None:
            raise _spent()
        reset = PasswordReset.objects.select_for_update(of=("self",)).select_related("user").get(pk=reset.pk)
        right = bool(reset.code_hash) and hmac.compare_digest(reset.code_hash, _code_hash(reset, attempt))
        if not right:
            reset.failed_attempts += 1
            reset.save(update_fields=["failed_attempts"])
            left = int(settings.IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS) - reset.failed_attempts
            audit_record(
                actor=None,
                action="identity.password_reset_failed",
                obj=reset.user,
                object_type="identity.user",
                object_id="" if reset.user is not None else f"reset:{reset.public_id}"[:64],
                changes={"reason": "wrong_code", "attempts_left": max(0, left), "ip": client_ip},
            )
    if not right:
        if left <= 0:
            raise _spent()
        message = _("The code is not correct.")
        raise ApplicationError(message, code="password_reset_wrong_code", fields={"code": [message]})
    user = reset.user
    if user is None:  # a request with a code hash always has its account; never reached otherwise
        raise _spent()
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ApplicationError(
            _("Choose another password."),
            code="password_reset_weak_password",
            fields={"password": [str(message) for message in error.messages]},
        ) from error
    return _set_password(reset_id=reset.pk, password=password, client_ip=client_ip)


@transaction.atomic
def _set_password(*, reset_id: int, password: str, client_ip: str) -> User:
    reset = PasswordReset.objects.select_for_update(of=("self",)).select_related("user").get(pk=reset_id)
    if reset.used_at is not None or reset.user is None:  # used by a parallel request a moment ago
        raise _spent()
    user = reset.user
    user.set_password(password)  # a new hash: every session opened with the old password ends
    user.save(update_fields=["password"])
    now = clock.now()
    reset.used_at = now
    reset.save(update_fields=["used_at"])
    PasswordReset.objects.filter(user=user, used_at__isnull=True).update(expires_at=now)
    lockout_clear(key=login_key("citizen", f"#{user.pk}"))
    audit_record(
        actor=user, action="identity.password_reset", obj=user, changes={"channel": reset.channel, "ip": client_ip}
    )
    return user
