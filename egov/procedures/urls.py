"""Pages of the procedure catalogue app, mounted at ``procedures/`` by config/urls.py."""

from django.urls import path

from egov.procedures import views_eforms

app_name = "procedures"

urlpatterns = [
    path("eforms/<str:code>/preview/", views_eforms.eform_preview, name="eform_preview"),
]
