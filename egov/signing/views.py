"""Pages of the signing module: the public verifier and the staff list of certificates.

``/kiem-tra-chu-ky-so/`` (public): upload a PDF, read in plain words whether its signatures hold —
who signed, when (Vietnam time), whether the content is unchanged, which root the certificate
chains to, its validity then and now, revocation. Same limits as the API; the file is not kept.
``/staff/signing/certificates/``: the certificates the officer may see, expiry highlighted.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.core import clock
from egov.core.errors import ApplicationError
from egov.core.ratelimit import ip_key, rate_limit_hit
from egov.identity.access import staff_required
from egov.signing import facade
from egov.signing.contracts import SignatureReport, VerificationReport
from egov.signing.forms import RATE_LIMIT_SCOPE, RATE_LIMIT_WINDOW_SECONDS, VerifyForm, verify_rate_limit
from egov.signing.selectors import STATUS_TONES, certificates_visible_to, expiry_state

View = Callable[..., HttpResponse]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PAGE_SIZE = 50

# verdict → (tone, banner title); the colour only repeats the words (WCAG 1.4.1).
BANNERS: dict[str, tuple[str, Promise]] = {
    "valid": ("success", _("The digital signatures are valid")),
    "valid_expired": ("warning", _("The signatures are valid, but a certificate has since expired or been revoked")),
    "untrusted": ("danger", _("A signature cannot be trusted")),
    "revoked": ("danger", _("A signer's certificate has been revoked")),
    "modified": ("danger", _("The document was changed after it was signed")),
    "broken": ("danger", _("A signature is broken: do not rely on this document")),
    "unsigned": ("warning", _("This PDF has no digital signature")),
}
SIGNATURE_VERDICTS: dict[str, Promise] = {
    "valid": _("Valid"),
    "valid_expired": _("Valid when signed; certificate expired or revoked since"),
    "untrusted": _("Not trusted"),
    "revoked": _("Certificate revoked"),
    "modified": _("Changed after signing"),
    "broken": _("Broken"),
}
MODIFICATIONS: dict[str, Promise] = {
    "none": _("No change after signing."),
    "signatures": _("Only further signatures were added after this one."),
    "form_filling": _("Form fields were filled in after this signature."),
    "annotations": _("Comments or annotations were added after this signature."),
    "other": _("The content was changed after this signature."),
}


def vietnam_time(value: str | None, fmt: str = "%d/%m/%Y %H:%M:%S") -> str:
    """An ISO 8601 time as Vietnam local time (UTC+7), e.g. 02/11/2026 14:05:09."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(VIETNAM).strftime(fmt)


def vietnam_date(value: str | None) -> str:
    return vietnam_time(value, "%d/%m/%Y")


@dataclass(frozen=True)
class Fact:
    label: Promise
    text: str | Promise
    tone: str = ""  # "success" | "warning" | "danger" | "": shown as a word too


@dataclass(frozen=True)
class SignatureView:
    number: int
    report: SignatureReport
    verdict: str | Promise
    tone: str
    signing_time: str
    timestamp_time: str
    facts: list[Fact]


def _validity(sig: SignatureReport) -> list[Fact]:
    until = vietnam_date(sig.not_after)
    at_signing = (
        Fact(_("At signing"), _("The certificate was valid when the document was signed."), "success")
        if sig.valid_at_signing
        else Fact(_("At signing"), _("The certificate was not valid when the document was signed."), "danger")
    )
    if sig.valid_now:
        now = Fact(_("Today"), format_lazy(_("Still valid (until {date})."), date=until), "success")
    else:
        now = Fact(_("Today"), format_lazy(_("No longer valid (valid until {date})."), date=until), "warning")
    return [at_signing, now]


def _revocation(sig: SignatureReport) -> Fact:
    label = _("Revocation")
    if sig.revocation == "good":
        return Fact(label, _("Not revoked (checked against the issuer's revocation list)."), "success")
    if sig.revocation == "revoked":
        when = vietnam_time(sig.revoked_at)
        text = format_lazy(_("Revoked on {time}."), time=when) if when else _("Revoked.")
        return Fact(label, text, "danger")
    return Fact(label, _("Could not be checked (no revocation data available)."), "warning")


def signature_view(number: int, sig: SignatureReport) -> SignatureView:
    tone = BANNERS.get(sig.verdict, ("warning", ""))[0]
    intact = sig.intact and sig.signature_valid
    root = sig.trust_anchor or (sig.chain[-1] if sig.chain else "")
    trust = (
        Fact(_("Trust"), format_lazy(_("Chains to the trusted root “{root}”."), root=root), "success")
        if sig.trusted
        else Fact(_("Trust"), _("Does not chain to a trusted root certification authority."), "danger")
    )
    facts = [
        Fact(
            _("Integrity"),
            _("The signed content is unchanged and the signature matches it.")
            if intact
            else _("The signed content was altered or the signature does not match it."),
            "success" if intact else "danger",
        ),
        Fact(
            _("Later changes"),
            MODIFICATIONS["none"]
            if sig.covers_whole_document
            else MODIFICATIONS.get(sig.modification, MODIFICATIONS["other"]),
            "" if sig.covers_whole_document or sig.modification == "signatures" else "warning",
        ),
        trust,
        *_validity(sig),
        _revocation(sig),
    ]
    return SignatureView(
        number=number,
        report=sig,
        verdict=SIGNATURE_VERDICTS.get(sig.verdict, sig.verdict),
        tone=tone,
        signing_time=vietnam_time(sig.signing_time),
        timestamp_time=vietnam_time(sig.timestamp_time),
        facts=facts,
    )


def report_context(report: VerificationReport) -> dict[str, Any]:
    tone, title = BANNERS.get(report.verdict, ("warning", _("The result could not be determined")))
    detail: str | Promise = ""
    if report.verdict == "valid_expired":  # valid when made (ND 130/2018 Điều 9): say what changed since
        later = [s for s in report.signatures if s.verdict == "valid_expired"]
        revoked = sorted(s.revoked_at for s in later if s.revocation == "revoked" and s.revoked_at)
        expired = sorted(s.not_after for s in later if s.revocation != "revoked" and s.not_after)
        if revoked:
            detail = format_lazy(
                _("The signatures were valid when they were made; the certificate was revoked on {date}."),
                date=vietnam_date(revoked[0]),
            )
        elif expired:
            detail = format_lazy(
                _("The signatures were valid when they were made; the certificate expired on {date}."),
                date=vietnam_date(expired[0]),
            )
    return {
        "report": report,
        "tone": tone,
        "title": title,
        "detail": detail,
        "signatures": [signature_view(n, sig) for n, sig in enumerate(report.signatures, start=1)],
        "has_test_certificate": any(sig.test_certificate for sig in report.signatures),
    }


def _breadcrumbs() -> list[tuple[Promise | str, str]]:
    return [(_("Home"), reverse("portal:home")), (_("Verify a digital signature"), "")]


def _rate_limited(view: View) -> View:
    """Uploads share the API's budget per client (SIGNATURE_VERIFY_RATE_LIMIT a minute)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            result = rate_limit_hit(
                RATE_LIMIT_SCOPE, ip_key(request), limit=verify_rate_limit(), window=RATE_LIMIT_WINDOW_SECONDS
            )
            if not result.allowed:
                context = {"retry_after": result.retry_after, "breadcrumbs": _breadcrumbs()}
                response = render(request, "signing/verify_limited.html", context, status=429)
                response["Retry-After"] = str(result.retry_after)
                return response
        return view(request, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
@_rate_limited
def verify(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"breadcrumbs": _breadcrumbs()}
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                context["result"] = report_context(facade.verify_pdf(form.pdf, file_name=form.file_name))
            except ApplicationError as error:  # unreadable PDF: the form again, with the reason
                form.add_error("file", str(error.message))
                status = error.status
        else:
            status = form.status
    else:
        form = VerifyForm()
    context["form"] = form
    return render(request, "signing/verify.html", context, status=status)


@dataclass(frozen=True)
class CertificateRow:
    certificate: Any
    status_tone: str
    expiry_tone: str
    days_left: int
    expired: bool
    owner: str


@staff_required
@require_GET
def certificates(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    page = Paginator(certificates_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for cert in page.object_list:
        state = expiry_state(cert, now)
        owner = (cert.user.full_name or cert.user.username) if cert.user is not None else ""
        rows.append(
            CertificateRow(cert, STATUS_TONES.get(cert.status, ""), state.tone, state.days, state.expired, owner)
        )
    context = {"rows": rows, "page_obj": page, "breadcrumbs": [(_("Signing certificates"), "")]}
    return render(request, "signing/certificates.html", context)
