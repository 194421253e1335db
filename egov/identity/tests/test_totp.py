import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyotp
import pytest
import time_machine
from django.db import connection

from egov.core.models import AuditEntry
from egov.identity.crypto import DecryptionError, decrypt_text, encrypt_text
from egov.identity.models import RecoveryCode, TotpDevice, User
from egov.identity.services.totp import totp_enrolment_confirm, totp_enrolment_start, totp_secret
from egov.identity.tests.factories import PASSWORD

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 3, 2, 8, 0, 0, tzinfo=VN)


def _secret_from_page(html: str) -> str:
    match = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', html)
    assert match, "the enrolment page shows the secret"
    return match.group(1).replace(" ", "")


def _enrol(user: User) -> tuple[str, list[str]]:
    device = totp_enrolment_start(user=user)
    secret = totp_secret(device)
    codes = totp_enrolment_confirm(user=user, code=pyotp.TOTP(secret).at(T0))
    return secret, codes


@pytest.mark.django_db
def test_enrolment_page_shows_inline_qr_and_secret(client, staff_user):
    client.force_login(staff_user)
    response = client.get("/accounts/security/two-step/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="qr-code"' in html
    assert "<img" not in html
    secret = _secret_from_page(html)
    assert secret == totp_secret(TotpDevice.objects.get(user=staff_user))
    # reloading keeps the same secret (the user may already have scanned it)
    assert _secret_from_page(client.get("/accounts/security/two-step/").content.decode()) == secret


@pytest.mark.django_db
def test_full_flow_enrol_then_login_with_second_step(client, staff_user):
    with time_machine.travel(T0, tick=False):
        client.force_login(staff_user)
        secret = _secret_from_page(client.get("/accounts/security/two-step/").content.decode())
        # a wrong code does not turn it on
        wrong = client.post("/accounts/security/two-step/", {"code": "000000"})
        assert wrong.status_code == 400
        assert TotpDevice.objects.get(user=staff_user).confirmed_at is None
        # the right code does, and shows ten recovery codes once
        confirmed = client.post("/accounts/security/two-step/", {"code": pyotp.TOTP(secret).now()})
        assert confirmed.status_code == 200
        codes = re.findall(
            r"<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</code>", confirmed.content.decode()
        )
        assert len(codes) == 10
        assert AuditEntry.objects.get(action="identity.totp_enable").actor_id == staff_user.pk
        client.post("/accounts/logout/")

    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        # password step: not logged in yet, sent to the second step
        first = client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
        assert first.status_code == 302
        assert first["Location"] == "/accounts/login/verify/"
        assert "_auth_user_id" not in client.session
        bad = client.post("/accounts/login/verify/", {"code": "123456"})
        assert bad.status_code == 400
        assert "_auth_user_id" not in client.session
        good = client.post("/accounts/login/verify/", {"code": pyotp.TOTP(secret).now()})
        assert good.status_code == 302
        assert good["Location"] == "/staff/"
        assert client.session["_auth_user_id"] == str(staff_user.pk)
        assert AuditEntry.objects.get(action="identity.login").changes["method"] == "password+totp"


@pytest.mark.django_db
def test_a_code_cannot_be_replayed(client, staff_user):
    with time_machine.travel(T0, tick=False):
        secret, _ = _enrol(staff_user)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        code = pyotp.TOTP(secret).now()
        client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
        assert client.post("/accounts/login/verify/", {"code": code}).status_code == 302
        client.post("/accounts/logout/")
        client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
        assert client.post("/accounts/login/verify/", {"code": code}).status_code == 400


@pytest.mark.django_db
def test_recovery_code_works_once(client, staff_user):
    with time_machine.travel(T0, tick=False):
        _, codes = _enrol(staff_user)
    client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
    assert client.post("/accounts/login/verify/", {"code": codes[0].upper()}).status_code == 302
    assert RecoveryCode.objects.filter(user=staff_user, used_at__isnull=True).count() == 9
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
    assert client.post("/accounts/login/verify/", {"code": codes[0]}).status_code == 400


@pytest.mark.django_db
def test_second_step_failures_count_towards_lockout(client, staff_user, settings):
    settings.IDENTITY_LOCKOUT_THRESHOLD = 3
    with time_machine.travel(T0, tick=False):
        secret, _ = _enrol(staff_user)
        client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
        client.post("/accounts/login/verify/", {"code": "111111"})
        client.post("/accounts/login/verify/", {"code": "222222"})
        locked = client.post("/accounts/login/verify/", {"code": "333333"})
        assert locked.status_code == 302
        assert locked["Location"] == "/accounts/login/"
        # the pending login is gone and the account is locked even with a right code
        again = client.post("/accounts/login/verify/", {"code": pyotp.TOTP(secret).now()})
        assert again["Location"] == "/accounts/login/"
        assert "_auth_user_id" not in client.session
        assert AuditEntry.objects.filter(action="identity.locked").count() == 1


@pytest.mark.django_db
def test_pending_second_step_expires_after_five_minutes(client, staff_user):
    with time_machine.travel(T0, tick=False):
        secret, _ = _enrol(staff_user)
        client.post("/accounts/login/", {"username": "nguyenvana", "password": PASSWORD})
    with time_machine.travel(T0 + timedelta(minutes=6), tick=False):
        response = client.post("/accounts/login/verify/", {"code": pyotp.TOTP(secret).now()})
        assert response["Location"] == "/accounts/login/"
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_secret_is_encrypted_in_the_database(staff_user):
    with time_machine.travel(T0, tick=False):
        secret, _ = _enrol(staff_user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM identity_totpdevice WHERE user_id = %s", [staff_user.pk])
        (stored,) = cursor.fetchone()
    assert secret not in stored
    assert secret.lower() not in stored.lower()
    assert decrypt_text(stored) == secret
    with connection.cursor() as cursor:
        cursor.execute("SELECT code_hash FROM identity_recoverycode WHERE user_id = %s", [staff_user.pk])
        hashes = [row[0] for row in cursor.fetchall()]
    assert len(hashes) == 10
    assert all(re.fullmatch(r"[0-9a-f]{64}", value) for value in hashes)


def test_encryption_uses_the_configured_key_and_supports_rotation(settings):
    from cryptography.fernet import Fernet

    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = old_key
    ciphertext = encrypt_text("JBSWY3DPEHPK3PXP")
    settings.FIELD_ENCRYPTION_KEY = f"{new_key},{old_key}"
    assert decrypt_text(ciphertext) == "JBSWY3DPEHPK3PXP"
    settings.FIELD_ENCRYPTION_KEY = new_key
    with pytest.raises(DecryptionError):
        decrypt_text(ciphertext)


@pytest.mark.django_db
def test_disable_needs_password_and_code(client, staff_user):
    with time_machine.travel(T0, tick=False):
        secret, _ = _enrol(staff_user)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        client.force_login(staff_user)
        wrong_password = client.post(
            "/accounts/security/two-step/turn-off/", {"password": "x", "code": pyotp.TOTP(secret).now()}
        )
        assert wrong_password.status_code == 400
        wrong_code = client.post("/accounts/security/two-step/turn-off/", {"password": PASSWORD, "code": "000000"})
        assert wrong_code.status_code == 400
        assert TotpDevice.objects.filter(user=staff_user).exists()
    with time_machine.travel(T0 + timedelta(minutes=2), tick=False):
        ok = client.post(
            "/accounts/security/two-step/turn-off/", {"password": PASSWORD, "code": pyotp.TOTP(secret).now()}
        )
        assert ok.status_code == 302
        assert not TotpDevice.objects.filter(user=staff_user).exists()
        assert not RecoveryCode.objects.filter(user=staff_user).exists()
        assert AuditEntry.objects.get(action="identity.totp_disable").actor_id == staff_user.pk


@pytest.mark.django_db
def test_recovery_codes_can_be_regenerated_with_a_code(client, staff_user):
    with time_machine.travel(T0, tick=False):
        secret, old_codes = _enrol(staff_user)
    with time_machine.travel(T0 + timedelta(minutes=1), tick=False):
        client.force_login(staff_user)
        response = client.post("/accounts/security/recovery-codes/", {"code": pyotp.TOTP(secret).now()})
        assert response.status_code == 200
        new_codes = re.findall(r"<code>([a-z2-9-]{19})</code>", response.content.decode())
        assert len(new_codes) == 10
        assert set(new_codes).isdisjoint(old_codes)


@pytest.mark.django_db
def test_security_page_requires_login(client):
    response = client.get("/accounts/security/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_production_never_derives_the_encryption_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.FIELD_ENCRYPTION_KEY = ""
    settings.SETTINGS_MODULE = "config.django.production"
    with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEY"):
        encrypt_text("JBSWY3DPEHPK3PXP")


def test_deploy_check_reports_a_missing_encryption_key(settings):
    from egov.identity.checks import field_encryption_key_check

    settings.FIELD_ENCRYPTION_KEY = ""
    assert [message.id for message in field_encryption_key_check(None)] == ["identity.E001"]
    settings.FIELD_ENCRYPTION_KEY = "k"
    assert field_encryption_key_check(None) == []
