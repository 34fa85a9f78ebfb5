from django.urls import path

from . import views
from .api import views as api

app_name = "casework"

urlpatterns = [
    path("rapporter/ny/", views.report_create, name="report-create"),
    path("rapporter/mina/", views.report_list_mine, name="report-list"),
    path("rapporter/<str:reference>/", views.report_detail, name="report-detail"),
    path("rapporter/<str:reference>/bilagor/<id:attachment_id>/", views.report_attachment,
         name="report-attachment"),
    path("arenden/", views.case_list, name="case-list"),
    path("arenden/<str:reference>/", views.case_detail, name="case-detail"),
    path("arenden/<str:reference>/<str:action>/", views.case_action, name="case-action"),
    path("lagesbilder/", views.picture_list, name="picture-list"),
    path("lagesbilder/ny/", views.picture_create, name="picture-create"),
    path("lagesbilder/<id:pk>/", views.picture_detail, name="picture-detail"),
    path("lagesbilder/<id:pk>/analys/", views.picture_analysis, name="picture-analysis"),
    path("lagesbilder/<id:pk>/publicera/", views.picture_publish, name="picture-publish"),
    path("lagesbilder/<id:pk>/pdf/", views.picture_pdf, name="picture-pdf"),
    path("lagesbilder/<id:pk>/sammanfattning/", views.picture_summary, name="picture-summary"),
    path("atgarder/", views.measure_list, name="measure-list"),
    path("atgarder/ny/", views.measure_create, name="measure-create"),
    path("atgarder/<id:pk>/", views.measure_detail, name="measure-detail"),
    path("atgarder/<id:pk>/andra/", views.measure_edit, name="measure-edit"),
    path("api/v1/reports/", api.ReportCreateView.as_view(), name="api-report-create"),
    path("api/v1/reports/<str:reference>/", api.ReportStatusView.as_view(),
         name="api-report-detail"),
]
