"""Authentication: backends, lockout, TOTP, OIDC single sign-on, field encryption."""

AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
