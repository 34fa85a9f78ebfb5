from django.urls import path

from . import views

app_name = "workflows"

urlpatterns = [
    path("inkorg/", views.inbox, name="inbox"),
    path("inkorg/<id:task_id>/", views.task_detail, name="task"),
    path("inkorg/<id:task_id>/ta/", views.task_claim, name="task-claim"),
    path("inkorg/<id:task_id>/slapp/", views.task_release, name="task-release"),
    path("inkorg/<id:task_id>/tilldela/", views.task_reassign, name="task-reassign"),
]
