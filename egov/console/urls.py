from django.urls import path

from egov.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("audit/<int:seq>/", views.audit_detail, name="audit_detail"),
]
