"""Fixtures of the notifications tests: a real SMTP server, the SMS sandbox, time."""

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from egov.notifications.tests.smtp import SmtpSink, smtp_sink, use_smtp


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpSink]:
    with smtp_sink() as sink:
        use_smtp(settings, sink)
        yield sink


@pytest.fixture(autouse=True)
def _sms_sandbox(settings: Any) -> None:
    settings.EGOV_SMS_GATEWAY = "sandbox"
    settings.EGOV_SMS_ASCII = True
    settings.EGOV_SMS_MAX_CHARS = 160
    settings.EGOV_PUBLIC_BASE_URL = "https://dichvucong.quangtri.gov.vn"


@pytest.fixture
def travel() -> Iterator[Any]:
    """Move the clock: ``travel(datetime)`` (standing still there) until the test ends."""
    travellers: list[Any] = []

    def _to(moment: Any) -> None:
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield _to
    if travellers:
        travellers.pop().stop()
