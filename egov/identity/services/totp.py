"""Time-based one-time passwords (RFC 6238) as an optional second factor, with recovery codes.

The seed is stored Fernet-encrypted; each accepted code's time step is remembered so a code
cannot be replayed (RFC 6238 §5.2); recovery codes are random (80 bits) and only their SHA-256
is stored, each usable once.
"""

import hashlib
import hmac
import secrets

import pyotp
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.services.audit import audit_record
from egov.identity.crypto import decrypt_text, encrypt_text
from egov.identity.models import RecoveryCode, TotpDevice, User

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
_STEP_SECONDS = 30
_ACCEPTED_DRIFT_STEPS = 1  # one step either side: clocks of phones drift


def _normalize_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _hash_recovery_code(code: str) -> str:
    return hashlib.sha256(_normalize_code(code).encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def totp_secret(device: TotpDevice) -> str:
    return decrypt_text(device.secret_encrypted)


def totp_provisioning_uri(*, user: User, device: TotpDevice) -> str:
    """The ``otpauth://`` URI an authenticator app scans from the QR code."""
    return pyotp.TOTP(totp_secret(device)).provisioning_uri(
        name=user.get_username(), issuer_name=settings.IDENTITY_TOTP_ISSUER
    )


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TotpDevice:
    """An unconfirmed device with a fresh seed; reuses a pending one so reloading the page keeps
    the QR code the user may already have scanned."""
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is not None and device.is_confirmed:
        raise ApplicationError(
            _("Two-step verification is already turned on."), code="totp_already_enabled", status=409
        )
    if device is None:
        device = TotpDevice(user=user, secret_encrypted=encrypt_text(pyotp.random_base32()))
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> list[str]:
    """Turn the pending device on once the user proves it works; returns fresh recovery codes
    (shown once, stored hashed)."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise ApplicationError(
            _("Start the set-up again: no authenticator is waiting for confirmation."),
            code="totp_not_pending",
            status=409,
        )
    step = _matching_step(totp_secret(device), code, after_step=device.last_used_step)
    if step is None:
        raise ApplicationError(
            _("The code is not correct. Check the time on your phone and try again."), code="totp_invalid_code"
        )
    device.confirmed_at = clock.now()
    device.last_used_step = step
    device.save(update_fields=["confirmed_at", "last_used_step"])
    codes = _replace_recovery_codes(user)
    audit_record(actor=user, action="identity.totp_enable", obj=user, changes={"recovery_codes": len(codes)})
    return codes


@transaction.atomic
def totp_disable(*, user: User, password: str, code: str) -> None:
    """Turn two-step verification off; needs the password and a current code (or recovery code)."""
    if not user.check_password(password):
        raise ApplicationError(
            _("The password is not correct."), code="wrong_password", fields={"password": ["wrong_password"]}
        )
    if not totp_verify(user=user, code=code):
        raise ApplicationError(
            _("The code is not correct."), code="totp_invalid_code", fields={"code": ["totp_invalid_code"]}
        )
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    audit_record(actor=user, action="identity.totp_disable", obj=user)


@transaction.atomic
def totp_verify(*, user: User, code: str) -> bool:
    """True for a fresh authenticator code or an unused recovery code (then spent)."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        return False
    normalized = _normalize_code(code)
    if normalized.isdigit() and len(normalized) == 6:
        step = _matching_step(totp_secret(device), normalized, after_step=device.last_used_step)
        if step is None:
            return False
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
        return True
    return _spend_recovery_code(user=user, code=normalized)


@transaction.atomic
def recovery_codes_regenerate(*, user: User, code: str) -> list[str]:
    """New recovery codes (the old ones stop working); needs a current authenticator code."""
    if not totp_verify(user=user, code=code):
        raise ApplicationError(
            _("The code is not correct."), code="totp_invalid_code", fields={"code": ["totp_invalid_code"]}
        )
    codes = _replace_recovery_codes(user)
    audit_record(
        actor=user, action="identity.recovery_codes_regenerate", obj=user, changes={"recovery_codes": len(codes)}
    )
    return codes


def recovery_codes_remaining(*, user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def _matching_step(secret: str, code: str, *, after_step: int) -> int | None:
    code = _normalize_code(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret, interval=_STEP_SECONDS)
    current = int(clock.now().timestamp()) // _STEP_SECONDS
    for step in range(current - _ACCEPTED_DRIFT_STEPS, current + _ACCEPTED_DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_hash_recovery_code(code)) for code in codes)
    return codes


def _spend_recovery_code(*, user: User, code: str) -> bool:
    recovery = (
        RecoveryCode.objects.select_for_update()
        .filter(user=user, code_hash=_hash_recovery_code(code), used_at__isnull=True)
        .first()
    )
    if recovery is None:
        return False
    recovery.used_at = clock.now()
    recovery.save(update_fields=["used_at"])
    audit_record(
        actor=user,
        action="identity.recovery_code_use",
        obj=user,
        changes={"remaining": RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()},
    )
    return True
