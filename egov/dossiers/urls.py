"""Staff pages of the one-stop engine, mounted at /staff/dossiers/ (namespace ``dossiers``)."""

from django.urls import path

from egov.dossiers import views, views_pdf, views_statistics
from egov.dossiers.views import results as views_results

app_name = "dossiers"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("receive/", views.receive, name="receive"),
    # Before "<code>/": a dossier code never reads "statistics".
    *views_statistics.urlpatterns,
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/answers/print/", views.answers_print, name="answers_print"),
    path("<str:code>/answers/<slug:section>/", views.answers_correct, name="answers_correct"),
    path("<str:code>/actions/<slug:action>/", views.act, name="act"),
    *views_results.urlpatterns,
    path("<str:code>/rate/", views.rate, name="rate"),
    path("<str:code>/files/<int:file_id>/", views.file_download, name="file"),
    *views_pdf.urlpatterns,
]
