from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from config.api import api
from egov.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    # The language switch is in every page's header: without a CSRF token in it, public pages are the
    # same for every anonymous reader and can be cached (egov.core.pagecache). A forged switch only
    # changes a display preference; `next` is still checked against our own host.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/", include("egov.identity.urls")),
    path("staff/dossiers/", include("egov.dossiers.urls")),
    path("", include("egov.signing.urls")),  # /kiem-tra-chu-ky-so/ (public), /staff/signing/certificates/
    path("staff/notifications/", include("egov.notifications.urls")),
    path("staff/", include("egov.console.urls")),
    path("procedures/", include("egov.procedures.urls")),
    path("thanh-toan/", include("egov.payments.urls")),  # gateway return + IPN, receipts, sandbox gateway
    path("", include("egov.portal.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
