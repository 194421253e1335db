"""The gateway's callbacks and the payer's receipt.

- ``/thanh-toan/ket-qua/<gateway>/``: the payer's browser comes back from the gateway; the signed
  result is recorded, then the browser goes on to the page that started the payment, with
  ``?payment=<reference>``. A result that cannot be verified gets a page saying so (400).
- ``/thanh-toan/ipn/<gateway>/``: the gateway's server-to-server notification (GET or POST, no
  CSRF token: it is authenticated by its signature), answered in the gateway's JSON.
- ``/thanh-toan/bien-lai/<reference>/`` (+ ``pdf/``): the receipt, for the payer only (404 to
  anyone else, so references cannot be probed).
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from egov.core.errors import bilingual_error
from egov.core.ratelimit import client_ip
from egov.payments.documents import receipt_context, receipt_filename, receipt_pdf
from egov.payments.gateways import GATEWAY_NAMES, gateway_get
from egov.payments.gateways.base import CallbackOutcome
from egov.payments.models import CallbackKind, Payment
from egov.payments.selectors import payment_get_paid_for_payer
from egov.payments.services.callbacks import ipn_source_allowed, payment_callback_handle, payment_callback_refuse

CITIZEN_LOGIN = reverse_lazy("identity:citizen_login")
RETURN_ERRORS: dict[CallbackOutcome, tuple[int, Promise]] = {
    CallbackOutcome.INVALID_SIGNATURE: (
        400,
        _(
            "The payment result could not be verified: its signature is not valid, so nothing was recorded. "
            "If money was taken from your account, it will be recorded as soon as the bank confirms it."
        ),
    ),
    CallbackOutcome.NOT_FOUND: (404, _("No payment has this reference.")),
    CallbackOutcome.ERROR: (400, _("The payment result is incomplete, so nothing was recorded.")),
}


def _gateway_name(gateway: str) -> str:
    if gateway not in GATEWAY_NAMES:
        raise Http404
    return gateway


def _error_page(request: HttpRequest, *, code: str, message: Promise, status: int) -> HttpResponse:
    error = bilingual_error(code, message)
    return render(request, "payments/error.html", {"error": error}, status=status)


def back_to(payment: Payment) -> str:
    """The page that started the payment, with ``payment=<reference>`` added to its query."""
    target = payment.return_to
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/"
    parts = urlsplit(target)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "payment"]
    query.append(("payment", payment.reference))
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


@require_GET
def gateway_return(request: HttpRequest, gateway: str) -> HttpResponse:
    result = payment_callback_handle(
        gateway_name=_gateway_name(gateway),
        kind=CallbackKind.RETURN,
        params=request.GET.dict(),
        remote_addr=client_ip(request),
    )
    if result.payment is None:
        status, message = RETURN_ERRORS.get(result.outcome, RETURN_ERRORS[CallbackOutcome.ERROR])
        return _error_page(request, code=f"payment_{result.outcome}", message=message, status=status)
    return redirect(back_to(result.payment))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def gateway_ipn(request: HttpRequest, gateway: str) -> HttpResponse:
    name = _gateway_name(gateway)
    params = request.GET.dict() if request.method == "GET" else (request.POST.dict() or request.GET.dict())
    remote_addr = client_ip(request)
    if not ipn_source_allowed(remote_addr):
        result = payment_callback_refuse(
            gateway_name=name,
            kind=CallbackKind.IPN,
            params=params,
            remote_addr=remote_addr,
            reason="address not allowed",
        )
        answer = gateway_get(name).ipn_answer(result.outcome)
        return JsonResponse(answer.body, status=403)
    result = payment_callback_handle(gateway_name=name, kind=CallbackKind.IPN, params=params, remote_addr=remote_addr)
    answer = gateway_get(name).ipn_answer(result.outcome)
    return JsonResponse(answer.body, status=answer.status)


def _payer_receipt(request: HttpRequest, reference: str) -> Payment:
    payment = payment_get_paid_for_payer(reference=reference, user=request.user)
    if payment is None:
        raise Http404
    return payment


@require_GET
@login_required(login_url=CITIZEN_LOGIN)
def receipt(request: HttpRequest, reference: str) -> HttpResponse:
    payment = _payer_receipt(request, reference)
    context = receipt_context(payment)
    context["breadcrumbs"] = [(_("Home"), "/"), (_("Receipt"), "")]
    response = render(request, "payments/receipt.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required(login_url=CITIZEN_LOGIN)
def receipt_download(request: HttpRequest, reference: str) -> HttpResponse:
    payment = _payer_receipt(request, reference)
    response = HttpResponse(receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt_filename(payment)}"'
    response["Cache-Control"] = "private, no-store"
    return response
