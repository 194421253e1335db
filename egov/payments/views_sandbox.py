"""The sandbox gateway's payment page, ``/thanh-toan/thu-nghiem/`` (only with EGOV_PAYMENT_SANDBOX).

GET shows the order the merchant signed (refused with 400 if the signature or format is wrong);
the form posts the same signed parameters back with the payer's choice, and they are checked
again, so changing a hidden field (the amount) is refused just the same.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from egov.core.errors import ApplicationError, bilingual_error
from egov.payments.sandbox import (
    SIMULATIONS,
    TEST_BANKS,
    SandboxOrder,
    sandbox_cancel,
    sandbox_order_read,
    sandbox_pay,
)
from egov.payments.words import vnd


def _page(request: HttpRequest, order: SandboxOrder) -> HttpResponse:
    context = {
        "order": order,
        "amount": vnd(order.amount),
        "merchant_name": settings.EGOV_SITE_NAME,
        "merchant_code": settings.EGOV_PAYMENT_MERCHANT_CODE,
        "banks": TEST_BANKS,
        "simulations": list(SIMULATIONS),
        "hidden": sorted(order.params.items()),
    }
    return render(request, "payments/sandbox.html", context)


def _refused(request: HttpRequest, error: ApplicationError) -> HttpResponse:
    context = {"error": bilingual_error(error.code, error.message)}
    return render(request, "payments/sandbox_error.html", context, status=error.status)


@require_http_methods(["GET", "POST"])
def sandbox_gateway(request: HttpRequest) -> HttpResponse:
    if not settings.EGOV_PAYMENT_SANDBOX:
        raise Http404
    source = request.GET if request.method == "GET" else request.POST
    params = {key: value for key, value in source.dict().items() if key.startswith("vnp_")}
    try:
        order = sandbox_order_read(params)
        if request.method == "GET":
            return _page(request, order)
        if request.POST.get("action") == "cancel":
            return redirect(sandbox_cancel(order))
        return redirect(
            sandbox_pay(order, bank_code=request.POST.get("bank", ""), simulation=request.POST.get("simulation", ""))
        )
    except ApplicationError as error:
        return _refused(request, error)
