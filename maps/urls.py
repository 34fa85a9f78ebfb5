from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("karta/", views.map_page, name="map"),
    path("karta/data.geojson", views.map_data, name="data"),
    path("karta/lista/", views.map_list, name="list"),
]
