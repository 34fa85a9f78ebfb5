from django.urls import path

from . import api, support_views, views

app_name = "concerns"

urlpatterns = [
    path("oro/", views.concern_index, name="concern-list"),
    path("oro/ny/", views.concern_create, name="concern-create"),
    path("oro/anmal/", views.concern_report, name="concern-report"),
    path("oro/anmal/tack/", views.concern_report_thanks, name="concern-report-thanks"),
    path("oro/statistik/", views.concern_statistics_view, name="concern-statistics"),
    path("oro/export.csv", views.concern_export, name="concern-export"),
    path("oro/stodnummer/", support_views.support_contact_list, name="support-contact-list"),
    path("oro/stodnummer/ny/", support_views.support_contact_create,
         name="support-contact-create"),
    path("oro/stodnummer/<id:pk>/", support_views.support_contact_edit,
         name="support-contact-edit"),
    path("oro/stodnummer/<id:pk>/ta-bort/", support_views.support_contact_delete,
         name="support-contact-delete"),
    path("oro/<id:pk>/", views.concern_detail, name="concern-detail"),
    path("oro/<id:pk>/andra/", views.concern_edit, name="concern-edit"),
    path("oro/<id:pk>/bilagor/<id:attachment_id>/", views.concern_attachment,
         name="concern-attachment"),
    path("oro/<id:pk>/bedomning/", views.concern_triage, name="concern-triage"),
    path("oro/<id:pk>/remiss/", views.referral_create, name="referral-create"),
    path("oro/<id:pk>/polis/", views.concern_police, name="concern-police"),
    path("oro/<id:pk>/ingen-atgard/", views.concern_no_action, name="concern-no-action"),
    path("oro/<id:pk>/avsluta/", views.concern_close, name="concern-close"),
    path("oro/<id:pk>/ateroppna/", views.concern_reopen, name="concern-reopen"),
    path("remisser/", views.referral_inbox, name="referral-inbox"),
    path("remisser/<id:pk>/", views.referral_detail, name="referral-detail"),
    path("api/oro/", api.concern_list_api, name="api-concern-list"),
    path("api/oro/<id:pk>/", api.concern_detail_api, name="api-concern-detail"),
]
