from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.mailbox, name="mailbox"),
    path("<int:pk>/", views.mailbox_message, name="mailbox-message"),
]
