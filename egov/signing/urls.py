"""Pages of the signing module (namespace ``signing``): the public verifier and the staff certificate list.

Mounted at the site root (``config/urls.py``) because one page is public and one is under ``/staff/``.
"""

from django.urls import path

from egov.signing import views

app_name = "signing"

urlpatterns = [
    path("kiem-tra-chu-ky-so/", views.verify, name="verify"),
    path("staff/signing/certificates/", views.certificates, name="certificates"),
]
