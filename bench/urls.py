from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("minimal/", views.minimal, name="minimal"),
    path("db/", views.db_ping, name="db"),
    path("list/", views.raw_list, name="list"),
    path("insert/", views.raw_insert, name="insert"),
    path("read-audit/<int:pk>/", views.read_audit, name="read-audit"),
    path("aggregate/<int:year>/", views.raw_aggregate, name="aggregate"),
    path("sleep/", views.sleep, name="sleep"),
]
