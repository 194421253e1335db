from django.urls import path

from egov.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list_page, name="list"),
    path("read/", views.notification_read, name="read"),
    path("<int:pk>/open/", views.notification_open, name="open"),
]
