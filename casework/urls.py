from django.urls import path

from .api import views as api
from .views import cases, measures, pictures, reports

app_name = "casework"

urlpatterns = [
    path("rapporter/ny/", reports.report_create, name="report-create"),
    path("rapporter/mina/", reports.report_list_mine, name="report-list"),
    path("rapporter/<str:reference>/", reports.report_detail, name="report-detail"),
    path("rapporter/<str:reference>/bilagor/<id:attachment_id>/", reports.report_attachment,
         name="report-attachment"),
    path("arenden/", cases.case_list, name="case-list"),
    path("arenden/<str:reference>/", cases.case_detail, name="case-detail"),
    path("arenden/<str:reference>/<str:action>/", cases.case_action, name="case-action"),
    path("lagesbilder/", pictures.picture_list, name="picture-list"),
    path("lagesbilder/ny/", pictures.picture_create, name="picture-create"),
    path("lagesbilder/<id:pk>/", pictures.picture_detail, name="picture-detail"),
    path("lagesbilder/<id:pk>/analys/", pictures.picture_analysis, name="picture-analysis"),
    path("lagesbilder/<id:pk>/publicera/", pictures.picture_publish, name="picture-publish"),
    path("lagesbilder/<id:pk>/pdf/", pictures.picture_pdf, name="picture-pdf"),
    path("lagesbilder/<id:pk>/sammanfattning/", pictures.picture_summary, name="picture-summary"),
    path("atgarder/", measures.measure_list, name="measure-list"),
    path("atgarder/ny/", measures.measure_create, name="measure-create"),
    path("atgarder/<id:pk>/", measures.measure_detail, name="measure-detail"),
    path("atgarder/<id:pk>/andra/", measures.measure_edit, name="measure-edit"),
    path("api/v1/reports/", api.ReportCreateView.as_view(), name="api-report-create"),
    path("api/v1/reports/<str:reference>/", api.ReportStatusView.as_view(),
         name="api-report-detail"),
]
