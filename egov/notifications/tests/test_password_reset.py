"""Password recovery with a one-time code (egov/identity/services/password_reset.py, sent by this app):
the code goes by SMS or e-mail through the outbox, expires, allows few wrong tries, is rate-limited
per client address and per citizen ID number, answers the same whether an account exists or not,
sets a password the validators accept, ends the other sessions, and is audited."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from egov.core import clock
from egov.core.models import AuditEntry, OutboxMessage
from egov.core.services.outbox import outbox_drain
from egov.identity.models import PasswordReset, User
from egov.identity.services.lockout import login_key
from egov.identity.tests.factories import make_citizen
from egov.notifications.models import Delivery, SandboxSms

pytestmark = pytest.mark.django_db
FORGOT = "/accounts/citizen/password/forgot/"
RESET = "/accounts/citizen/password/reset/"
LOGIN = "/accounts/citizen/login/"
OLD = "Old-Password-2024"
NEW = "Sông-Hương-Núi-Ngự-9"


@pytest.fixture(autouse=True)
def _clean_limits(settings: Any) -> Any:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ha(db: Any) -> User:
    return make_citizen(
        citizen_id="045192003344",
        phone="0912345678",
        email="thuha@example.vn",
        full_name="Lê Thị Thu Hà",
        password=OLD,
    )


def english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def ask(client: Client, contact: str, citizen_id: str = "045192003344", **extra: Any) -> Any:
    return client.post(FORGOT, {"citizen_id": citizen_id, "contact": contact}, **extra)


def sms_code() -> str:
    outbox_drain()  # draws the code and queues the SMS
    outbox_drain()  # sends it (the sandbox keeps it)
    text = SandboxSms.objects.latest("pk").text
    found = re.search(r"\b(\d{6})\b", text)
    assert found, text
    return found.group(1)


def email_code() -> str:
    outbox_drain()
    outbox_drain()
    found = re.search(r"^(\d{6})$", str(mail.outbox[-1].body), re.MULTILINE)
    assert found, mail.outbox[-1].body
    return found.group(1)


def test_the_login_page_offers_recovery_and_a_code_by_sms_sets_a_new_password(ha: User) -> None:
    client = english()
    assert f'href="{FORGOT}"' in client.get(LOGIN).text

    response = ask(client, "0912 345 678")
    assert response.status_code == 302
    assert response["Location"] == RESET
    code = sms_code()
    assert SandboxSms.objects.get().to == "+84912345678"

    done = client.post(RESET, {"code": code, "password1": NEW, "password2": NEW})

    assert done.status_code == 302
    assert done["Location"] == LOGIN
    ha.refresh_from_db()
    assert ha.check_password(NEW)
    assert client.post(LOGIN, {"identifier": "045192003344", "password": NEW}).status_code == 302
    actions = list(
        AuditEntry.objects.filter(object_type="identity.user", object_id=str(ha.pk)).values_list("action", flat=True)
    )
    assert {"identity.password_reset_request", "identity.password_reset_code", "identity.password_reset"} <= set(
        actions
    )
    # the stored copy of the SMS no longer holds the code; the (simulated) phone does
    assert code not in Delivery.objects.get(kind="password_code").body


def test_a_code_by_email_and_the_other_sessions_end(ha: User) -> None:
    elsewhere = Client()
    elsewhere.force_login(ha)
    assert elsewhere.get("/ca-nhan/ho-so/").status_code == 200
    client = english()

    ask(client, "ThuHa@Example.VN")
    code = email_code()
    assert mail.outbox[-1].to == ["thuha@example.vn"]
    client.post(RESET, {"code": code, "password1": NEW, "password2": NEW})

    after = elsewhere.get("/ca-nhan/ho-so/")
    assert after.status_code == 302
    assert after["Location"].startswith(LOGIN)


def test_unknown_accounts_get_the_same_answer_and_the_same_writes_and_no_code(ha: User) -> None:
    outbox_before, audit_before = OutboxMessage.objects.count(), AuditEntry.objects.count()
    pages = []
    for contact, number in (
        ("0912345678", "045192003344"),
        ("0987654321", "045192003344"),
        ("0912345678", "001099000111"),
    ):
        client = english()
        response = ask(client, contact, citizen_id=number)
        assert (response.status_code, response["Location"]) == (302, RESET)
        pages.append(without_csrf_token(client.get(RESET).text))

    assert pages[0] == pages[1] == pages[2]
    assert PasswordReset.objects.count() == 3
    assert OutboxMessage.objects.count() == outbox_before + 3
    assert AuditEntry.objects.count() == audit_before + 3
    outbox_drain()
    outbox_drain()
    assert list(SandboxSms.objects.values_list("to", flat=True)) == ["+84912345678"]  # only the matching request


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_wrong_code_is_refused_and_too_many_wrong_codes_spend_the_request(ha: User, settings: Any) -> None:
    settings.IDENTITY_PASSWORD_RESET_MAX_ATTEMPTS = 3
    client = english()
    ask(client, "0912345678")
    code = sms_code()
    wrong = "000000" if code != "000000" else "111111"

    first = client.post(RESET, {"code": wrong, "password1": NEW, "password2": NEW})
    assert first.status_code == 400
    assert "The code is not correct." in first.text
    client.post(RESET, {"code": wrong, "password1": NEW, "password2": NEW})
    spent = client.post(RESET, {"code": wrong, "password1": NEW, "password2": NEW})
    assert spent.status_code == 302
    assert spent["Location"] == FORGOT
    late = client.post(RESET, {"code": code, "password1": NEW, "password2": NEW})
    assert late["Location"] == FORGOT
    ha.refresh_from_db()
    assert ha.check_password(OLD)
    assert AuditEntry.objects.filter(action="identity.password_reset_failed", object_id=str(ha.pk)).count() == 3


def test_the_code_expires(ha: User, settings: Any) -> None:
    import time_machine

    client = english()
    ask(client, "0912345678")
    code = sms_code()
    later = clock.now() + timedelta(minutes=settings.IDENTITY_PASSWORD_RESET_CODE_MINUTES, seconds=1)
    with time_machine.travel(later, tick=False):
        response = client.post(RESET, {"code": code, "password1": NEW, "password2": NEW})
    assert response["Location"] == FORGOT
    ha.refresh_from_db()
    assert ha.check_password(OLD)


def test_the_new_password_must_pass_the_validators(ha: User) -> None:
    client = english()
    ask(client, "0912345678")
    code = sms_code()

    weak = client.post(RESET, {"code": code, "password1": "1234567890", "password2": "1234567890"})

    assert weak.status_code == 400
    assert "This password is entirely numeric." in weak.text
    ok = client.post(RESET, {"code": code, "password1": NEW, "password2": NEW})
    assert ok.status_code == 302
    ha.refresh_from_db()
    assert ha.check_password(NEW)


def test_a_newer_code_replaces_the_older_and_a_used_code_cannot_be_used_again(ha: User) -> None:
    client = english()
    ask(client, "0912345678")
    first = sms_code()
    ask(client, "0912345678")
    second = sms_code()

    if first != second:
        assert client.post(RESET, {"code": first, "password1": NEW, "password2": NEW}).status_code == 400
    assert client.post(RESET, {"code": second, "password1": NEW, "password2": NEW})["Location"] == LOGIN
    assert client.get(RESET)["Location"] == FORGOT


def test_requests_are_limited_per_citizen_id_number_and_per_client_address(ha: User, settings: Any) -> None:
    settings.IDENTITY_PASSWORD_RESET_ACCOUNT_LIMIT = 2
    settings.IDENTITY_PASSWORD_RESET_IP_LIMIT = 3
    first, second = "198.51.100.1", "198.51.100.2"
    assert [ask(english(), "0912345678", REMOTE_ADDR=first).status_code for _ in range(3)] == [302, 302, 429]
    # an ID number with no account is limited alike: the limit tells nothing
    nobody = [ask(english(), "0912345678", citizen_id="001099000111", REMOTE_ADDR=second) for _ in range(3)]
    assert [response.status_code for response in nobody] == [302, 302, 429]
    assert int(nobody[-1]["Retry-After"]) > 0
    assert "Too many codes were asked for with this citizen ID number." in nobody[-1].text
    per_address = ask(english(), "0912345678", citizen_id="001099000222", REMOTE_ADDR=first)
    assert per_address.status_code == 429
    assert ask(english(), "0912345678", citizen_id="001099000222", REMOTE_ADDR="203.0.113.9").status_code == 302


def test_bad_input_gets_a_clear_message_not_a_500(ha: User) -> None:
    response = ask(english(), "not-an-address", citizen_id="12")
    assert response.status_code == 400
    assert "A citizen ID number has exactly 12 digits." in response.text
    assert "Enter an e-mail address (name@example.com) or a phone number (0912345678)." in response.text
    assert english().get(RESET)["Location"] == FORGOT
    assert english().post(RESET, {"code": "1"})["Location"] == FORGOT


def test_the_lockout_of_the_account_is_lifted_by_a_reset(ha: User, settings: Any) -> None:
    from egov.identity.models import LoginLockout

    LoginLockout.objects.create(
        login_key=login_key("citizen", f"#{ha.pk}"),
        failure_count=5,
        window_started_at=clock.now(),
        last_failure_at=clock.now(),
        locked_until=clock.now() + timedelta(minutes=15),
    )
    client = english()
    ask(client, "0912345678")
    client.post(RESET, {"code": sms_code(), "password1": NEW, "password2": NEW})
    assert not LoginLockout.objects.exists()
