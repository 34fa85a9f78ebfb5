from django.urls import path

from . import views
from .api import views as api

app_name = "casework"

urlpatterns = [
    path("rapporter/ny/", views.report_create, name="report-create"),
    path("rapporter/mina/", views.report_list_mine, name="report-list"),
    path("rapporter/<str:reference>/", views.report_detail, name="report-detail"),
    path("rapporter/<str:reference>/bilagor/<int:attachment_id>/", views.report_attachment,
         name="report-attachment"),
    path("arenden/", views.case_list, name="case-list"),
    path("arenden/<str:reference>/", views.case_detail, name="case-detail"),
    path("arenden/<str:reference>/<str:action>/", views.case_action, name="case-action"),
    path("lagesbilder/", views.picture_list, name="picture-list"),
    path("lagesbilder/ny/", views.picture_create, name="picture-create"),
    path("lagesbilder/<int:pk>/", views.picture_detail, name="picture-detail"),
    path("lagesbilder/<int:pk>/analys/", views.picture_analysis, name="picture-analysis"),
    path("lagesbilder/<int:pk>/publicera/", views.picture_publish, name="picture-publish"),
    path("lagesbilder/<int:pk>/pdf/", views.picture_pdf, name="picture-pdf"),
    path("lagesbilder/<int:pk>/sammanfattning/", views.picture_summary, name="picture-summary"),
    path("atgarder/", views.measure_list, name="measure-list"),
    path("atgarder/ny/", views.measure_create, name="measure-create"),
    path("atgarder/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("atgarder/<int:pk>/andra/", views.measure_edit, name="measure-edit"),
    path("api/v1/reports/", api.ReportCreateView.as_view(), name="api-report-create"),
    path("api/v1/reports/<str:reference>/", api.ReportStatusView.as_view(),
         name="api-report-detail"),
]
