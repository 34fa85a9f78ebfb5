from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.mailbox, name="mailbox"),
    path("<str:name>/", views.mailbox_message, name="mailbox-message"),
]
