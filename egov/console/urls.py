from django.urls import path

from egov.console import views

app_name = "console"

urlpatterns = [
    path("", views.home, name="home"),
]
