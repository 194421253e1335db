"""The officer's notices (/staff/notifications/): the list, opening one, marking them read."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from egov.identity.access import staff_required
from egov.notifications.facade import notification_list, notification_mark_read, unread_count

PAGE_SIZE = 30


def _me(request: HttpRequest) -> int:
    return int(request.user.pk or 0)  # staff_required: always a logged-in user


@staff_required
@require_GET
def notification_list_page(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    items = notification_list(user_id=_me(request), unread_only=unread_only)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "unread_only": unread_only,
        "unread": unread_count(user_id=_me(request)),
    }
    return render(request, "notifications/list.html", context)


@staff_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notice read and follow its link (only a link inside this site)."""
    item = get_object_or_404(notification_list(user_id=_me(request)), pk=pk)
    notification_mark_read(user_id=_me(request), notification_ids=[item.pk])
    link = item.link
    if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect("notifications:list")


@staff_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    """Mark the chosen notices read, or all of them (``all=1``)."""
    if request.POST.get("all") == "1":
        notification_mark_read(user_id=_me(request))
    else:
        ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
        notification_mark_read(user_id=_me(request), notification_ids=ids)
    back = reverse("notifications:list")
    return redirect(f"{back}?unread=1" if request.POST.get("unread") == "1" else back)
