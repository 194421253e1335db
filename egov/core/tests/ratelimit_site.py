"""A one-view site for test_shared_cache: the project's rate limiter on the embedded default's cache
(egov.core.cache.SharedMemoryCache in RATELIMIT_SITE_CACHE), served by several gunicorn workers."""

import os
import time

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="ratelimit-site-test",
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
        CACHES={
            "default": {
                "BACKEND": "egov.core.cache.SharedMemoryCache",
                "LOCATION": os.environ["RATELIMIT_SITE_CACHE"],
                "SHARDS": 4,
                "DATABASE_TIMEOUT": 1.0,
            }
        },
    )

from egov.core.ratelimit import rate_limit


@rate_limit("site", limit=int(os.environ.get("RATELIMIT_SITE_LIMIT", "50")), window=3600, methods=("GET",))
def counted(request: HttpRequest) -> HttpResponse:
    time.sleep(0.02)  # busy workers: the next connections go to the others
    return HttpResponse(f"{os.getpid()}\n", content_type="text/plain")


urlpatterns = [path("", counted)]
application = get_wsgi_application()
