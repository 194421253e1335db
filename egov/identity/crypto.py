"""Encryption of secrets kept in the database (TOTP seeds): Fernet (AES-128-CBC + HMAC-SHA256).

Keys come from ``settings.FIELD_ENCRYPTION_KEY``: one or more urlsafe-base64 Fernet keys separated
by commas. The first encrypts; all of them decrypt, so a key is rotated by putting the new one
first and re-saving (``MultiFernet.rotate``). Outside production an empty setting falls back to a
key derived from SECRET_KEY; under ``config.django.production`` that fallback is refused and
``manage.py check --deploy`` reports ``identity.E001`` (see ``config/settings/identity.py``).
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_DERIVATION_LABEL = b"egov.identity.field-encryption.v1"


class DecryptionError(Exception):
    """The ciphertext was not made with any configured key, or was altered."""


def _keys() -> list[bytes]:
    configured: str = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    keys = [part.strip().encode() for part in configured.split(",") if part.strip()]
    if keys:
        return keys
    if str(getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".production"):
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEY: production never derives it from SECRET_KEY.")
    digest = hashlib.sha256(_DERIVATION_LABEL + settings.SECRET_KEY.encode()).digest()
    return [base64.urlsafe_b64encode(digest)]


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be Fernet keys (32 bytes, urlsafe base64), comma-separated."
        ) from exc


def encrypt_text(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode()).decode("ascii")


def decrypt_text(ciphertext: str) -> str:
    try:
        return _fernet().decrypt(ciphertext.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise DecryptionError("cannot decrypt with the configured FIELD_ENCRYPTION_KEY") from exc


def rotate_text(ciphertext: str) -> str:
    """Re-encrypt with the first (newest) key."""
    return _fernet().rotate(ciphertext.encode("ascii")).decode("ascii")
