"""Production settings refuse unsafe configuration; configuration comes from the environment."""

import os
import subprocess
import sys

import pytest

from config.env import BASE_DIR

ROOT = BASE_DIR


def _load_settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    clean.update({"DJANGO_SETTINGS_MODULE": module, "EGOV_SKIP_DOTENV": "1", **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_refuses_default_secret_key():
    result = _load_settings("config.django.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_short_secret_key():
    result = _load_settings("config.django.production", SECRET_KEY="short")
    assert result.returncode != 0


def test_production_starts_with_real_secret_and_reads_database_url():
    result = _load_settings(
        "config.django.production",
        SECRET_KEY="x" * 50,
        FIELD_ENCRYPTION_KEY="Xq0kz1yU6yV8o2gUq3cFq4s5nQ0pYz3gkYg0mJ1z2c4=",
        SIGNING_KEY_ENCRYPTION_KEY="Xq0kz1yU6yV8o2gUq3cFq4s5nQ0pYz3gkYg0mJ1z2c4=",
        DATABASE_URL="postgres://egov:pw@db.internal:5432/egov",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_embedded_default_is_sqlite():
    result = _load_settings("config.django.local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_malformed_boolean_is_rejected(value):
    result = _load_settings("config.django.local", DEBUG=value)
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_refuses_missing_field_encryption_key():
    result = _load_settings("config.django.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY" in result.stderr


def test_production_refuses_missing_signing_key_encryption_key():
    result = _load_settings(
        "config.django.production",
        SECRET_KEY="x" * 50,
        FIELD_ENCRYPTION_KEY="Xq0kz1yU6yV8o2gUq3cFq4s5nQ0pYz3gkYg0mJ1z2c4=",
    )
    assert result.returncode != 0
    assert "SIGNING_KEY_ENCRYPTION_KEY" in result.stderr
