"""Logging to stderr; level from LOG_LEVEL."""

from config.env import env_str

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every font and stylesheet it loads at INFO: noise for each slip printed.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pyHanko logs every untrusted signer it meets (with a traceback) and sub-point layout rounding;
        # the verifier turns both into ordinary verdicts.
        "pyhanko": {"level": "ERROR"},
    },
}
