from django.urls import path

from egov.portal import urls_account, urls_apply, views, views_catalogue, views_tracking

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views_catalogue.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views_catalogue.procedure_detail, name="procedure_detail"),
    path("tra-cuu/", views_tracking.tracking, name="tracking"),
    path("tra-cuu/<str:code>/", views_tracking.tracking_result, name="tracking_result"),
]
urlpatterns += urls_apply.urlpatterns + urls_account.urlpatterns
