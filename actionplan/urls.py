from django.urls import path

from . import views

app_name = "actionplan"

urlpatterns = [
    path("handlingsplan/", views.plan_index, name="plan-list"),
    path("handlingsplan/ny/", views.plan_create, name="plan-create"),
    path("handlingsplan/<id:pk>/", views.plan_detail, name="plan-detail"),
    path("handlingsplan/<id:pk>/andra/", views.plan_edit, name="plan-edit"),
    path("handlingsplan/<id:pk>/anta/", views.plan_adopt, name="plan-adopt"),
    path("handlingsplan/<id:pk>/mal/", views.goal_create, name="goal-create"),
    path("handlingsplan/<id:pk>/mal/<id:goal_pk>/andra/", views.goal_edit, name="goal-edit"),
    path("handlingsplan/<id:pk>/mal/<id:goal_pk>/ta-bort/", views.goal_remove,
         name="goal-remove"),
    path("handlingsplan/<id:pk>/mal/<id:goal_pk>/atgard/", views.goal_measure_create,
         name="goal-measure-create"),
    path("handlingsplan/<id:pk>/uppfoljning/<year:year>/", views.follow_up, name="follow-up"),
    path("handlingsplan/<id:pk>/handlingsplan.pdf", views.plan_pdf_download, name="plan-pdf"),
]
