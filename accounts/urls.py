from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import sso_logout, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", sso_logout.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/", auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("tvafaktor/", views.second_factor_setup, name="second-factor-setup"),
    path("behorigheter/", views.role_grant_requests, name="role-grant-requests"),
    path("behorigheter/<id:pk>/", views.role_grant_decide, name="role-grant-decide"),
    path("", include("accounts.allauth_urls")),
]
