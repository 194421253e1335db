"""The citizen's own pages (“Hồ sơ của tôi”) and the public statistics, in the ``portal`` namespace."""

from django.urls import URLPattern, path

from egov.portal import views_account, views_documents, views_inbox, views_profile, views_statistics

urlpatterns: list[URLPattern] = [
    path("ca-nhan/ho-so/", views_account.my_dossiers, name="my_dossiers"),
    path("ca-nhan/ho-so/<str:code>/", views_account.my_dossier, name="my_dossier"),
    path("ca-nhan/ho-so/<str:code>/tep/<int:file_id>/", views_account.my_dossier_file, name="my_dossier_file"),
    path("ca-nhan/ho-so/<str:code>/bo-sung/", views_account.my_dossier_supplement, name="my_dossier_supplement"),
    path("ca-nhan/ho-so/<str:code>/rut/", views_account.my_dossier_withdraw, name="my_dossier_withdraw"),
    path("ca-nhan/ho-so/<str:code>/danh-gia/", views_account.my_dossier_rate, name="my_dossier_rate"),
    path(
        "ca-nhan/ho-so/<str:code>/giay-xac-nhan-nop.pdf",
        views_documents.my_dossier_submission_receipt,
        name="my_dossier_submission_receipt",
    ),
    path("ca-nhan/thong-bao/", views_inbox.inbox, name="inbox"),
    path("ca-nhan/thong-bao/da-doc/", views_inbox.inbox_mark_all_read, name="inbox_read_all"),
    path("ca-nhan/thong-bao/<int:pk>/", views_inbox.inbox_message, name="inbox_message"),
    path("ca-nhan/thong-tin/", views_profile.profile, name="profile"),
    path("ca-nhan/thong-tin/thanh-vien/them/", views_profile.member_add, name="member_add"),
    path("ca-nhan/thong-tin/thanh-vien/<int:member_id>/", views_profile.member_change, name="member_change"),
    path("ca-nhan/thong-tin/thanh-vien/<int:member_id>/xoa/", views_profile.member_remove, name="member_remove"),
    path(
        "ho-so-nhap/<uuid:public_id>/buoc/<int:step>/dien-tu-ho-so/",
        views_profile.application_step_prefill,
        name="application_step_prefill",
    ),
    path("thong-ke/", views_statistics.statistics, name="statistics"),
]
