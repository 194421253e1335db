"""Authentication: backends, lockout, rate limits, TOTP, OIDC single sign-on, field encryption.

Environment variables (all optional unless said otherwise):

Lockout and throttling
  IDENTITY_LOCKOUT_THRESHOLD        failed logins for one account before it is locked (default 5)
  IDENTITY_LOCKOUT_WINDOW_MINUTES   the failures must fall within this window (default 15)
  IDENTITY_LOCKOUT_MINUTES          how long the lock lasts (default 15)
  IDENTITY_LOGIN_IP_LIMIT           login attempts per client IP per window (default 30)
  IDENTITY_LOGIN_IP_WINDOW_SECONDS  (default 300)
  IDENTITY_REGISTER_IP_LIMIT        citizen registrations per client IP per window (default 5)
  IDENTITY_REGISTER_IP_WINDOW_SECONDS (default 3600)
  IDENTITY_PASSWORD_RESET_IP_LIMIT  password-recovery requests per client IP per hour (default 10)
  IDENTITY_PASSWORD_RESET_ACCOUNT_LIMIT  requests per citizen ID number typed per hour (default 3)
  IDENTITY_PASSWORD_RESET_CODE_MINUTES   how long a recovery code is valid (default 15)
  IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS   wrong codes before the request is spent (default 5)
  IDENTITY_API_TOKEN_RATE_LIMIT     calls per minute per user to the token endpoints (default 60)
  RATELIMIT_PROXY_COUNT             reverse proxies in front of the app that append to
                                    X-Forwarded-For (default 0: trust REMOTE_ADDR only). Set it to 1
                                    behind one nginx, otherwise every client shares the proxy's IP.
  The limiters count in Django's cache: production needs a cache shared by all processes
  (Redis or the database cache), see egov/core/ratelimit.py.

Second factor
  IDENTITY_TOTP_ISSUER              name shown in authenticator apps (default EGOV_SITE_NAME)
  FIELD_ENCRYPTION_KEY              Fernet key(s) for secrets stored in the database (TOTP seeds),
                                    comma-separated; the first encrypts, all decrypt (rotation).
                                    Generate one with
                                    `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.
                                    REQUIRED in production. Elsewhere, when empty, a key is derived
                                    from SECRET_KEY so development works out of the box (changing
                                    SECRET_KEY then makes enrolled TOTP seeds unreadable).

OIDC single sign-on (mozilla-django-oidc); enabled only when OIDC_RP_CLIENT_ID is set
  OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET            client registered at the provider (required)
  OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT   (required)
  OIDC_OP_JWKS_ENDPOINT             needed for RS256/ES256 (the default algorithm is RS256)
  OIDC_RP_SIGN_ALGO                 (default RS256)
  OIDC_RP_SCOPES                    (default "openid profile email phone")
  OIDC_PROVIDER_NAME                label on the login button and key of linked identities (default "SSO")
  OIDC_ACCOUNT_KIND                 "citizen" (a VNeID-like provider) or "staff" (the province's
                                    staff directory); default "citizen", the safe choice
  OIDC_CREATE_USER                  create an account on first sign-in (default true)
  OIDC_CLAIM_USERNAME, OIDC_CLAIM_EMAIL, OIDC_CLAIM_FULL_NAME, OIDC_CLAIM_CITIZEN_ID,
  OIDC_CLAIM_PHONE                  claim names (defaults preferred_username, email, name,
                                    citizen_id, phone_number)
  OIDC_USE_PKCE                     (default true)
"""

import os

from config.env import env_bool, env_int, env_str

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "egov.identity.backends.CitizenBackend",
]

# --- Lockout and throttling ------------------------------------------------------------------------
IDENTITY_LOCKOUT_THRESHOLD = env_int("IDENTITY_LOCKOUT_THRESHOLD", 5)
IDENTITY_LOCKOUT_WINDOW_MINUTES = env_int("IDENTITY_LOCKOUT_WINDOW_MINUTES", 15)
IDENTITY_LOCKOUT_MINUTES = env_int("IDENTITY_LOCKOUT_MINUTES", 15)
IDENTITY_LOGIN_IP_LIMIT = env_int("IDENTITY_LOGIN_IP_LIMIT", 30)
IDENTITY_LOGIN_IP_WINDOW_SECONDS = env_int("IDENTITY_LOGIN_IP_WINDOW_SECONDS", 300)
IDENTITY_REGISTER_IP_LIMIT = env_int("IDENTITY_REGISTER_IP_LIMIT", 5)
IDENTITY_REGISTER_IP_WINDOW_SECONDS = env_int("IDENTITY_REGISTER_IP_WINDOW_SECONDS", 3600)
IDENTITY_PASSWORD_RESET_IP_LIMIT = env_int("IDENTITY_PASSWORD_RESET_IP_LIMIT", 10)
IDENTITY_PASSWORD_RESET_ACCOUNT_LIMIT = env_int("IDENTITY_PASSWORD_RESET_ACCOUNT_LIMIT", 3)
IDENTITY_PASSWORD_RESET_CODE_MINUTES = env_int("IDENTITY_PASSWORD_RESET_CODE_MINUTES", 15)
IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS = env_int("IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS", 5)
IDENTITY_API_TOKEN_RATE_LIMIT = env_int("IDENTITY_API_TOKEN_RATE_LIMIT", 60)
RATELIMIT_PROXY_COUNT = env_int("RATELIMIT_PROXY_COUNT", 0)
# Path prefixes only staff accounts may open (IdentityStaffAreaMiddleware).
IDENTITY_STAFF_PATH_PREFIXES = ["/staff/"]

# --- Second factor -----------------------------------------------------------------------------------
IDENTITY_TOTP_ISSUER = env_str("IDENTITY_TOTP_ISSUER", os.environ.get("EGOV_SITE_NAME", "Chính quyền điện tử"))
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "")

# --- OIDC single sign-on -----------------------------------------------------------------------------
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile email phone")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "SSO")
OIDC_ACCOUNT_KIND = env_str("OIDC_ACCOUNT_KIND", "citizen")
OIDC_CLAIM_USERNAME = env_str("OIDC_CLAIM_USERNAME", "preferred_username")
OIDC_CLAIM_EMAIL = env_str("OIDC_CLAIM_EMAIL", "email")
OIDC_CLAIM_FULL_NAME = env_str("OIDC_CLAIM_FULL_NAME", "name")
OIDC_CLAIM_CITIZEN_ID = env_str("OIDC_CLAIM_CITIZEN_ID", "citizen_id")
OIDC_CLAIM_PHONE = env_str("OIDC_CLAIM_PHONE", "phone_number")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
# Our URLs live in the "identity" namespace; mozilla-django-oidc reverses this name.
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:oidc_authentication_callback"

if OIDC_ENABLED:
    if OIDC_ACCOUNT_KIND not in {"citizen", "staff"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured('OIDC_ACCOUNT_KIND must be "citizen" or "staff".')
    for _required in ("OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT"):
        if not os.environ.get(_required):
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"{_required} is required when OIDC_RP_CLIENT_ID is set.")
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "egov.identity.oidc.EgovOIDCBackend"]
