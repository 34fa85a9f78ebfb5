from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("lagesbild/", views.dashboard, name="dashboard"),
    path("lagesbild/export.csv", views.dashboard_csv, name="dashboard-csv"),
    path("lagesbild/export.xlsx", views.dashboard_xlsx, name="dashboard-xlsx"),
    path("lagesbild/export.pdf", views.dashboard_pdf, name="dashboard-pdf"),
    path("lagesbild/arsrapport/", views.yearly_index, name="yearly-index"),
    path("lagesbild/arsrapport/<int:year>/", views.yearly, name="yearly"),
    path("lagesbild/arsrapport/<int:year>/rapport.pdf", views.yearly_pdf, name="yearly-pdf"),
    path("lagesbild/arsrapport/<int:year>/rapport.xlsx", views.yearly_xlsx, name="yearly-xlsx"),
    path("trygghetsvandringar/", views.walk_list, name="walk-list"),
    path("trygghetsvandringar/ny/", views.walk_create, name="walk-create"),
    path("trygghetsvandringar/tackning/", views.walk_coverage, name="walk-coverage"),
    path("trygghetsvandringar/<int:pk>/", views.walk_detail, name="walk-detail"),
    path("trygghetsvandringar/<int:pk>/platser/ny/", views.walk_place_add,
         name="walk-place-add"),
    path("trygghetsvandringar/<int:pk>/aterkoppling/", views.walk_feedback,
         name="walk-feedback"),
    path("trygghetsvandringar/platser/<int:pk>/atgard/", views.walk_place_measure,
         name="walk-place-measure"),
    path("trygghetsenkat/", views.survey_list, name="survey-list"),
    path("trygghetsenkat/import/", views.survey_import, name="survey-import"),
    path("trygghetsenkat/import/<int:pk>/", views.survey_preview, name="survey-preview"),
    path("trygghetsenkat/<int:year>/", views.survey_detail, name="survey-detail"),
    path("trygghetsenkat/resultat/<int:pk>/atgard/", views.survey_result_measure,
         name="survey-result-measure"),
    path("medborgarloften/", views.promise_list, name="promise-list"),
    path("medborgarloften/nytt/", views.promise_create, name="promise-create"),
    path("medborgarloften/<int:pk>/", views.promise_detail, name="promise-detail"),
    path("medborgarloften/<int:pk>/undertecknare/", views.promise_sign, name="promise-sign"),
    path("medborgarloften/<int:pk>/ataganden/ny/", views.promise_commitment,
         name="promise-commitment"),
    path("medborgarloften/<int:pk>/uppfoljning.csv", views.promise_csv, name="promise-csv"),
    path("medborgarloften/<int:pk>/uppfoljning.xlsx", views.promise_xlsx,
         name="promise-xlsx"),
]
