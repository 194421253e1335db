"""A real SMTP server for tests (aiosmtpd on 127.0.0.1): what it accepted, refusals, and a stall.

A message counts as accepted only when the server answers 250 to the end of DATA (RFC 5321 §6.1).
``stall_next()`` makes the next DATA wait before answering until ``release()``; a client that goes
away meanwhile cancels the wait (aiosmtpd cancels the handler when the connection is lost), and the
message is recorded as abandoned, not accepted, as a real server would.
"""

import asyncio
import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any, cast

from aiosmtpd.controller import Controller


class SmtpSink:
    def __init__(self) -> None:
        self.port = 0
        self.accepted: list[EmailMessage] = []
        self.data_message_ids: list[str] = []  # every DATA the server got, accepted or not
        self.abandoned: list[str] = []  # DATA whose client left before the answer
        self.refusals: dict[str, str] = {}  # recipient → SMTP reply to RCPT TO
        self.stalled = threading.Event()
        self._release = threading.Event()
        self._stall_next = False

    def stall_next(self) -> None:
        self._stall_next = True

    def release(self) -> None:
        self._release.set()

    def accepted_to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.accepted if address in str(m["To"])]

    # aiosmtpd's hook names
    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:  # noqa: N802
        refusal = self.refusals.get(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message: EmailMessage = email.message_from_bytes(envelope.content, policy=default_policy)
        message_id = str(message["Message-ID"])
        self.data_message_ids.append(message_id)
        if self._stall_next:
            self._stall_next = False
            self.stalled.set()
            try:
                while not self._release.is_set():
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:
                self.abandoned.append(message_id)
                raise
        self.accepted.append(message)
        return "250 2.0.0 Message accepted"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_sink() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        sink.release()
        controller.stop()


def use_smtp(settings: Any, sink: SmtpSink) -> None:
    """Point Django's mail at the sink through the real SMTP backend (pytest-django sets locmem)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10


def body_text(message: EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None, f"no text/{subtype} part"
    return str(cast(EmailMessage, part).get_content()).replace("\r\n", "\n")
