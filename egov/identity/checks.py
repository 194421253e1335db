"""System checks run by ``manage.py check --deploy``."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def field_encryption_key_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    if not getattr(settings, "FIELD_ENCRYPTION_KEY", ""):
        return [
            Error(
                "FIELD_ENCRYPTION_KEY is not set: TOTP secrets would be encrypted with a key derived from SECRET_KEY.",
                hint="Set FIELD_ENCRYPTION_KEY to a Fernet key (see config/settings/identity.py).",
                id="identity.E001",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("LocMemCache") or backend.endswith("DummyCache"):
        return [
            Warning(
                "The default cache is per process: login throttling and rate limits are counted per worker.",
                hint="Use a shared cache (Redis or django.core.cache.backends.db.DatabaseCache) in production.",
                id="identity.W001",
            )
        ]
    return []
