"""The citizen's inbox (“Thông báo”): every message the portal sent them by e-mail or SMS, kept here too.

Only the owner sees a message: any other id is a 404 (``notification_get`` filters by recipient).
Opening a message marks it read and shows the whole letter, with a link to the dossier it is about.
The list is paged, newest first; "Mark all as read" is a POST form (a GET of its address shows the
inbox). Works without JavaScript.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from egov.notifications.facade import notification_get, notification_list, notification_mark_read, unread_count
from egov.portal.views_account import citizen_required

PAGE_SIZE = 20


def _me(request: HttpRequest) -> int:
    return int(request.user.pk or 0)  # citizen_required: always a logged-in citizen


def _breadcrumbs(title: str = "") -> list[tuple[str, str]]:
    crumbs = [(_("Home"), reverse("portal:home")), (_("Notifications"), reverse("portal:inbox") if title else "")]
    if title:
        crumbs.append((title, ""))
    return crumbs


def _inner_link(request: HttpRequest, link: str) -> str:
    """The message's link when it is a page of this site (dossier messages point at the dossier)."""
    if link.startswith("/") and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return link
    return ""


@citizen_required
@never_cache
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = Paginator(notification_list(user_id=_me(request), unread_only=unread_only), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "unread_only": unread_only,
        "unread": unread_count(user_id=_me(request)),
        "breadcrumbs": _breadcrumbs(),
    }
    return render(request, "portal/account/inbox.html", context)


@citizen_required
@never_cache
@require_GET
def inbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    item = notification_get(user_id=_me(request), notification_id=pk)
    if item is None:
        raise Http404(_("No message has this number."))
    if item.read_at is None:
        notification_mark_read(user_id=_me(request), notification_ids=[item.pk])
    context = {
        "item": item,
        "text": item.letter or item.body,
        "link": _inner_link(request, item.link),
        "is_dossier": item.kind.startswith("dossier."),
        "breadcrumbs": _breadcrumbs(item.title),
    }
    return render(request, "portal/account/inbox_message.html", context)


@citizen_required
@never_cache
@require_http_methods(["GET", "POST"])
def inbox_mark_all_read(request: HttpRequest) -> HttpResponse:
    """POST marks every message read; a GET (a reload, a bookmarked address) shows the inbox."""
    if request.method == "POST":
        count = notification_mark_read(user_id=_me(request))
        if count:
            messages.success(request, _("All your messages are marked as read."))
    return redirect("portal:inbox")
