"""The project's URLs plus the procedures app's, for tests that run before config/urls.py mounts it."""

from typing import cast

from django.urls import URLPattern, URLResolver, include, path

from config import urls as project_urls

urlpatterns = cast(list[URLPattern | URLResolver], list(project_urls.urlpatterns))
if not any(getattr(pattern, "namespace", None) == "procedures" for pattern in urlpatterns):
    urlpatterns.insert(0, path("procedures/", include("egov.procedures.urls")))
