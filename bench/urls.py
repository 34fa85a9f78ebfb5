from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("minimal/", views.minimal, name="minimal"),
    path("db/", views.db_ping, name="db"),
    path("list/", views.raw_list, name="list"),
    path("list/joined/", views.raw_list_joined, name="list-joined"),
    path("list/logged-in/", views.raw_list_logged_in, name="list-logged-in"),
    path("logged-in/", views.logged_in, name="logged-in"),
    path("insert/", views.raw_insert, name="insert"),
    path("read-audit/<id:pk>/", views.read_audit, name="read-audit"),
    path("rollup/<year:year>/", views.rollup_read, name="rollup"),
    path("sleep/", views.sleep, name="sleep"),
]
