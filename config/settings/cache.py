"""Cache used for rate limits and login throttling: it must be shared by all processes.

CACHE_URL: redis://… in production; the embedded default is a file cache under var/ (shared by the
web processes of one machine).
"""

from config.env import BASE_DIR, env_str

CACHE_URL = env_str("CACHE_URL", "")

if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    }
