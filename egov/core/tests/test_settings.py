"""Production settings refuse unsafe configuration; configuration comes from the environment."""

import os
import subprocess
import sys

import pytest

from config.env import BASE_DIR

ROOT = BASE_DIR


def _load_settings(module: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL"} and not k.startswith("EGOV_PAYMENT")
    }
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
        **_PAYMENT_GATEWAY,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


_PAYMENT_GATEWAY = {
    "EGOV_PAYMENT_GATEWAY_URL": "https://pay.example.vn/paymentv2/vpcpay.html",
    "EGOV_PAYMENT_MERCHANT_CODE": "QTTEST01",
    "EGOV_PAYMENT_HASH_SECRET": "a-secret-the-gateway-issued",
}
_KEYS = {
    "SECRET_KEY": "x" * 50,
    "FIELD_ENCRYPTION_KEY": "Xq0kz1yU6yV8o2gUq3cFq4s5nQ0pYz3gkYg0mJ1z2c4=",
    "SIGNING_KEY_ENCRYPTION_KEY": "Xq0kz1yU6yV8o2gUq3cFq4s5nQ0pYz3gkYg0mJ1z2c4=",
}


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("EGOV_PAYMENT_GATEWAY_URL", "EGOV_PAYMENT_GATEWAY_URL"),
        ("EGOV_PAYMENT_HASH_SECRET", "EGOV_PAYMENT_HASH_SECRET"),
        ("EGOV_PAYMENT_MERCHANT_CODE", "EGOV_PAYMENT_MERCHANT_CODE"),
    ],
)
def test_production_refuses_to_start_without_the_real_payment_gateway(missing, message):
    gateway = {k: v for k, v in _PAYMENT_GATEWAY.items() if k != missing}
    if missing == "EGOV_PAYMENT_MERCHANT_CODE":
        gateway[missing] = ""
    result = _load_settings("config.django.production", **_KEYS, **gateway)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_plain_http_payment_gateway():
    gateway = {**_PAYMENT_GATEWAY, "EGOV_PAYMENT_GATEWAY_URL": "http://pay.example.vn/vpcpay.html"}
    result = _load_settings("config.django.production", **_KEYS, **gateway)
    assert result.returncode != 0
    assert "https" in result.stderr


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
