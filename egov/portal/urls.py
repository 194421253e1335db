from django.urls import path

from egov.portal import views, views_catalogue

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views_catalogue.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views_catalogue.procedure_detail, name="procedure_detail"),
]
