"""Private keys at rest: AES-256-GCM under ``settings.SIGNING_KEY_ENCRYPTION_KEY``.

The blob is ``EGK1 | key id (8 bytes) | nonce (12) | ciphertext+tag``; the associated data binds it
to the certificate fingerprint, so a key blob copied onto another certificate row does not decrypt.
Several comma-separated keys may be configured: the first encrypts, the key id picks the one that
decrypts (rotation = put the new key first and re-save). Production refuses a derived key.
"""

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_MAGIC = b"EGK1"
_DERIVATION_LABEL = b"egov.signing.key-encryption.v1"


class KeyDecryptionError(Exception):
    """The blob was not made with a configured key, was altered, or belongs to another certificate."""


def _keys() -> list[bytes]:
    configured: str = getattr(settings, "SIGNING_KEY_ENCRYPTION_KEY", "") or ""
    keys: list[bytes] = []
    for part in (p.strip() for p in configured.split(",")):
        if not part:
            continue
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError as exc:
            raise ImproperlyConfigured("SIGNING_KEY_ENCRYPTION_KEY must be urlsafe base64.") from exc
        if len(raw) != 32:
            raise ImproperlyConfigured("SIGNING_KEY_ENCRYPTION_KEY keys must be 32 bytes (AES-256).")
        keys.append(raw)
    if keys:
        return keys
    if str(getattr(settings, "SETTINGS_MODULE", "") or "").endswith(".production"):
        raise ImproperlyConfigured("Set SIGNING_KEY_ENCRYPTION_KEY: production never derives it from SECRET_KEY.")
    return [hashlib.sha256(_DERIVATION_LABEL + settings.SECRET_KEY.encode()).digest()]


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"key-id" + key).digest()[:8]


def encrypt_private_key(der: bytes, *, bound_to: str) -> bytes:
    """Encrypt a PKCS#8 DER private key; ``bound_to`` (the certificate fingerprint) is authenticated."""
    key = _keys()[0]
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, der, _MAGIC + bound_to.encode())
    return _MAGIC + _key_id(key) + nonce + sealed


def decrypt_private_key(blob: bytes | memoryview, *, bound_to: str) -> bytes:
    blob = bytes(blob)
    if not blob.startswith(_MAGIC) or len(blob) < 4 + 8 + 12 + 16:
        raise KeyDecryptionError("not an egov key blob")
    key_id, nonce, sealed = blob[4:12], blob[12:24], blob[24:]
    for key in _keys():
        if _key_id(key) == key_id:
            try:
                return AESGCM(key).decrypt(nonce, sealed, _MAGIC + bound_to.encode())
            except InvalidTag as exc:
                raise KeyDecryptionError("the key blob was altered or belongs to another certificate") from exc
    raise KeyDecryptionError("no configured SIGNING_KEY_ENCRYPTION_KEY made this blob")
