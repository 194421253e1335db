"""Mounted at ``/thanh-toan/`` by config/urls.py."""

from django.urls import URLPattern, path

from egov.payments import views, views_sandbox

app_name = "payments"

urlpatterns: list[URLPattern] = [
    path("ket-qua/<slug:gateway>/", views.gateway_return, name="return"),
    path("ipn/<slug:gateway>/", views.gateway_ipn, name="ipn"),
    path("bien-lai/<str:reference>/", views.receipt, name="receipt"),
    path("bien-lai/<str:reference>/pdf/", views.receipt_download, name="receipt_pdf"),
    path("thu-nghiem/", views_sandbox.sandbox_gateway, name="sandbox"),
]
