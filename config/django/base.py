"""Settings common to every environment. Deploy-time values come from the environment."""

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR as PROJECT_ROOT
from config.env import env_bool, env_int, env_list, env_port, env_str

BASE_DIR = PROJECT_ROOT
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-secret-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Our apps come first so that their Vietnamese catalogues win over Django's for shared phrases.
INSTALLED_APPS = [
    "egov.core",
    "egov.identity",
    "egov.organisation",
    "egov.search",
    "egov.workflow",
    "egov.procedures",
    "egov.signing",
    "egov.notifications",
    "egov.payments",
    "egov.dossiers",
    "egov.console",
    "egov.portal",
    # django-ninja's own static files (Swagger UI): with "ninja" installed the API docs page loads them
    # from our /static/, never from a CDN a province's network may not reach.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

# GZip compresses what the page cache did not keep compressed already. A page cache hit skips every
# middleware after it (egov.core.pagecache).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "egov.core.middleware.AuditClientAddressMiddleware",  # audit entries record the client address
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "egov.core.pagecache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "egov.core.middleware.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "egov.identity.access.StaffAreaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "egov.core.middleware.ActionAddressGetMiddleware",  # a POST-only address opened with GET: its page
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: DATABASE_URL, SQLite embedded default -------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'egov.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions let web, worker and beat share one file without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "identity.User"
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "portal:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Locale: Vietnamese first -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]

TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))

# --- Security -----------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

# --- Province: the deployment's own identity -----------------------------------------------------
EGOV_PROVINCE_CODE = env_str("EGOV_PROVINCE_CODE", "44")  # NSO code of the demo province (Quảng Trị)
EGOV_SITE_NAME = env_str("EGOV_SITE_NAME", "Chính quyền điện tử")
# The address citizens reach the portal at: printed in QR codes on slips, in e-mailed links and in the
# payment gateway's return and IPN addresses. Unset, it follows PORT (`PORT=18000 make run`).
EGOV_PUBLIC_BASE_URL = env_str("EGOV_PUBLIC_BASE_URL", f"http://127.0.0.1:{env_port('PORT', 8000)}")
# Uploads to a dossier: PDF and images only, at most this size each and this many per request.
EGOV_DOSSIER_UPLOAD_MAX_BYTES = env_int("EGOV_DOSSIER_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
EGOV_DOSSIER_UPLOAD_MAX_FILES = env_int("EGOV_DOSSIER_UPLOAD_MAX_FILES", 20)
# Warn the officer this many working hours before a step is due (hạn xử lý).
EGOV_DOSSIER_WARN_HOURS = env_int("EGOV_DOSSIER_WARN_HOURS", 4)
# Public dossier tracking (API and page): lookups per minute per client address.
DOSSIER_TRACKING_RATE_LIMIT = env_int("DOSSIER_TRACKING_RATE_LIMIT", 60)
# How often a process re-reads the calendar tables edited by another process (seconds).
EGOV_CALENDAR_REVALIDATE_SECONDS = env_int("EGOV_CALENDAR_REVALIDATE_SECONDS", 30)
# Public catalogue: requests per client per minute (API and HTML search).
PROCEDURES_API_RATE_LIMIT = env_int("PROCEDURES_API_RATE_LIMIT", 120)
PORTAL_CATALOGUE_RATE_LIMIT = env_int("PORTAL_CATALOGUE_RATE_LIMIT", 120)

from config.settings.cache import *  # noqa: E402,F403
from config.settings.celery import *  # noqa: E402,F403
from config.settings.email import *  # noqa: E402,F403
from config.settings.identity import *  # noqa: E402,F403
from config.settings.logging import *  # noqa: E402,F403
from config.settings.notifications import *  # noqa: E402,F403
from config.settings.payments import *  # noqa: E402,F403
from config.settings.portal import *  # noqa: E402,F403
from config.settings.signing import *  # noqa: E402,F403
from config.settings.storage import *  # noqa: E402,F403
