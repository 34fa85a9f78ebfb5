from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("logg/", views.log_list, name="log"),
    path("logg/export.csv", views.log_export, name="log-export"),
]
