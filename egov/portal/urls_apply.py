"""Applying online: addresses in Vietnamese without diacritics (nộp hồ sơ, hồ sơ nháp, bước, giấy tờ,
kiểm tra, thanh toán, đã nộp). Included in the "portal" namespace by ``urls.py``."""

from django.urls import URLPattern, path

from egov.portal import views_apply as views

urlpatterns: list[URLPattern] = [
    path("nop-ho-so/<str:code>/", views.apply_start, name="apply_start"),
    path("ho-so-nhap/", views.application_list, name="application_list"),
    path("ho-so-nhap/<uuid:public_id>/", views.application_resume, name="application_resume"),
    path("ho-so-nhap/<uuid:public_id>/noi-nop/", views.application_agency, name="application_agency"),
    path("ho-so-nhap/<uuid:public_id>/buoc/<int:step>/", views.application_step, name="application_step"),
    path("ho-so-nhap/<uuid:public_id>/giay-to/", views.application_papers, name="application_papers"),
    path("ho-so-nhap/<uuid:public_id>/giay-to/<int:file_id>/", views.application_file, name="application_file"),
    path(
        "ho-so-nhap/<uuid:public_id>/giay-to/<int:file_id>/xoa/",
        views.application_file_delete,
        name="application_file_delete",
    ),
    path("ho-so-nhap/<uuid:public_id>/kiem-tra/", views.application_review, name="application_review"),
    path("ho-so-nhap/<uuid:public_id>/thanh-toan/", views.application_pay, name="application_pay"),
    path("ho-so-nhap/<uuid:public_id>/nop/", views.application_send, name="application_submit"),
    path("ho-so-nhap/<uuid:public_id>/da-nop/", views.application_submitted, name="application_submitted"),
    path("ho-so-nhap/<uuid:public_id>/xoa/", views.application_delete, name="application_delete"),
]
