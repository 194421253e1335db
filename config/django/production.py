"""Production: refuses to start with the development secret or without hosts."""

from django.core.exceptions import ImproperlyConfigured

from config.django.base import *  # noqa: F403
from config.django.base import FIELD_ENCRYPTION_KEY, SECRET_KEY, SIGNING_KEY_ENCRYPTION_KEY
from config.env import env_bool, env_int

DEBUG = False
if SECRET_KEY.startswith("dev-insecure") or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 40 characters.")
if not FIELD_ENCRYPTION_KEY:
    raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEY: secrets at rest are never encrypted with a derived key.")
if not SIGNING_KEY_ENCRYPTION_KEY:
    raise ImproperlyConfigured("Set SIGNING_KEY_ENCRYPTION_KEY: private keys are never encrypted with a derived key.")
# The internal test CA issues demo certificates only; a production verifier never trusts it.
EGOV_SIGNING_TEST_CA = env_bool("EGOV_SIGNING_TEST_CA", False)
# The sandbox payment gateway marks fees paid without money: never in production. With it off,
# PaymentsConfig.ready() refuses to start without an https EGOV_PAYMENT_GATEWAY_URL, merchant code and hash secret.
EGOV_PAYMENT_SANDBOX = False

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
# Preloading is a province's own decision (hstspreload.org is hard to undo), so W021 is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
