"""``EGOV_PUBLIC_BASE_URL`` follows ``PORT`` when unset: with ``PORT=18000 make run`` the payment
return address, the IPN and the QR codes on slips point at the port the server listens on."""

import os
import shutil
import subprocess
import sys

import pytest

from config.env import BASE_DIR


def _base_url(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "EGOV_PUBLIC_BASE_URL"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.django.local", "EGOV_SKIP_DOTENV": "1", **env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.EGOV_PUBLIC_BASE_URL)"
    result = subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_public_address_follows_the_port_the_server_listens_on():
    assert _base_url(PORT="18000") == "http://127.0.0.1:18000"


def test_without_a_port_the_public_address_is_make_runs_default():
    assert _base_url() == "http://127.0.0.1:8000"


def test_a_configured_public_address_wins_over_the_port():
    assert _base_url(PORT="18000", EGOV_PUBLIC_BASE_URL="https://dichvucong.quangtri.gov.vn") == (
        "https://dichvucong.quangtri.gov.vn"
    )


@pytest.mark.parametrize("port", ["eighty", "0", "70000"])
def test_a_malformed_port_is_refused_with_its_name(port):
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "EGOV_PUBLIC_BASE_URL"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "config.django.local", "EGOV_SKIP_DOTENV": "1", "PORT": port})
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "PORT" in result.stderr


def test_make_run_passes_the_port_to_the_web_server_and_the_worker():
    """``make run PORT=…`` and ``PORT=… make run`` both reach scripts/run.sh, which exports it to the
    worker and beat (they build the IPN and e-mailed links from the same settings)."""
    make = shutil.which("make")
    assert make is not None
    result = subprocess.run(  # noqa: S603 - make from PATH, fixed arguments
        [make, "-s", "--no-print-directory", "-f", "Makefile", "-f", "-", "print-port", "PORT=18000"],
        cwd=BASE_DIR,
        input="print-port:\n\t@sh -c 'echo \"$$PORT\"'\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "18000", result.stderr
    script = (BASE_DIR / "scripts" / "run.sh").read_text(encoding="utf-8")
    assert 'export PORT="${PORT:-8000}"' in script
