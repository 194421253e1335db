"""Test settings: fast hashing, eager Celery unless a test starts a real worker."""

from config.django.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EGOV_CALENDAR_REVALIDATE_SECONDS = 0  # tests write calendar rows directly; never serve a stale calendar
# Static files come from the app finders in tests (live_server serves them); no collectstatic.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
