"""The yardstick of bench/public_pages.py: a hello-world Django view, nothing else (no middleware,
no database, no templates), served by the same gunicorn command as the project. A page's figure is
its share of this one's requests per second, measured in the same run on the same machine.

    DJANGO_SETTINGS_MODULE=hello .venv/bin/gunicorn hello:application   # from bench/
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpRequest, HttpResponse
from django.urls import path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, world\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", hello)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-hello-world"),
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_I18N=False,
    )
application = get_wsgi_application()
