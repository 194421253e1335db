"""The public site's pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.core.pagecache import public_page
from egov.portal import selectors
from egov.portal.links import CITIZEN_LOGIN, CITIZEN_REGISTER, STAFF_LOGIN, url_if_routed


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    # The popular procedures are counted every PORTAL_POPULAR_CACHE_SECONDS: the page lives as long.
    public_page(request, tags=("catalogue", "organisation"), seconds=settings.PORTAL_POPULAR_CACHE_SECONDS)
    context = {
        "citizen_login_url": url_if_routed(CITIZEN_LOGIN),
        "citizen_register_url": url_if_routed(CITIZEN_REGISTER),
        "staff_login_url": url_if_routed(STAFF_LOGIN),
        "service_centre": selectors.service_centre_get_contact(),
        "today": selectors.today_get_summary(),
        "life_events": selectors.life_event_list(),
        "popular": selectors.popular_procedure_list(),
    }
    return render(request, "portal/home.html", context)
