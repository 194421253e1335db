"""Messages to applicants, from templates: one folder per kind, one file per part.

``templates/notifications/messages/<kind>/``

- ``subject.txt``  the e-mail subject and the in-app title (one line);
- ``email.txt``    the plain-text e-mail (the HTML alternative wraps it: ``messages/email.html``);
- ``sms.txt``      the SMS and the in-app text: short, written with diacritics; the SMS loses them
                   when ``EGOV_SMS_ASCII`` is on (``sms/text.py``).

Messages to citizens are written in Vietnamese, the language of administrative procedures, in the
templates themselves (no gettext): the wording is edited as a whole letter. Plain-text parts are
rendered without HTML escaping; the HTML part escapes everything.
Every template gets the caller's context plus ``link`` (absolute), ``site_name`` and ``you`` (the form
of address, ``_you.txt``: "Ông/Bà", or "Quý tổ chức" when the context says ``organisation``).
"""

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.template import Context, Engine
from django.template.loader import render_to_string

APPLICANT_KINDS = frozenset(
    {
        "submitted",  # submitted online: the code and the provisional appointment
        "received",  # received at the desk or by post: the code and the appointment
        "accepted",  # an online submission accepted by the desk: the clock runs
        "rejected",  # not accepted, with the reasons (Mẫu 03)
        "supplement",  # supplementation requested: what is missing (Mẫu 02)
        "obligation",  # financial obligations to fulfil
        "extended",  # apology and new appointment (Mẫu 04)
        "refused",  # refused after examination, with the reasons
        "resolved",  # the result is ready
        "returned",  # the result was handed over
        "withdrawn",  # withdrawn at the applicant's request (Mẫu 05)
        "paid",  # a payment of fees was received
        "password_code",  # a one-time code to reset a citizen's password (egov.identity)
    }
)
# Messages that carry a secret: once sent, the stored copy of the text is replaced (services/delivery.py).
SECRET_KINDS = frozenset({"password_code"})
REDACTED_TEXT = "[nội dung có mã bí mật, đã xóa sau khi gửi]"
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str  # the plain-text e-mail
    short: str  # the SMS / in-app text, with diacritics


def _project_template_dirs() -> list[str]:
    dirs = settings.TEMPLATES[0].get("DIRS", [])
    return [str(d) for d in dirs] if isinstance(dirs, list | tuple) else []


@cache
def _text_engine() -> Engine:
    """The project's template loaders, without autoescaping: these parts are plain text."""
    return Engine(
        dirs=_project_template_dirs(),
        app_dirs=True,
        autoescape=False,
        libraries={"i18n": "django.templatetags.i18n", "tz": "django.templatetags.tz"},
    )


def _render_text(name: str, context: dict[str, Any]) -> str:
    return str(_text_engine().get_template(name).render(Context(context, autoescape=False)))


def render_message(kind: str, context: dict[str, Any]) -> RenderedMessage:
    folder = f"notifications/messages/{kind}"
    context = {**context}
    context["you"] = _render_text("notifications/messages/_you.txt", context).strip()  # how letters address them
    subject = " ".join(_render_text(f"{folder}/subject.txt", context).split())
    text = _BLANK_LINES.sub("\n\n", _render_text(f"{folder}/email.txt", context).strip()) + "\n"
    short = " ".join(_render_text(f"{folder}/sms.txt", context).split())
    return RenderedMessage(subject=subject, text=text, short=short)


def render_email_html(*, subject: str, text: str, link: str) -> str:
    """The HTML alternative: the plain text in paragraphs, with the link as a button."""
    return render_to_string(
        "notifications/messages/email.html",
        {"subject": subject, "text": text, "link": link, "site_name": settings.EGOV_SITE_NAME},
    )
