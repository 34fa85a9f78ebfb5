"""The parts of django-allauth that Tryggsam uses, and only those (no sign-up,
no e-mail management, no password reset by mail). allauth's pages reverse
`account_login` and `account_logout`: they are Tryggsam's own pages."""

from allauth.account import views as allauth_views
from allauth.socialaccount import views as social_views
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include("allauth.mfa.urls")),
    # Single sign-on (OpenID Connect): /accounts/oidc/kommun/login/ and
    # …/login/callback/ (the redirect URI registered at the provider).
    path("", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("sso/avbruten/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("sso/fel/", social_views.login_error, name="socialaccount_login_error"),
    path("sso/registrera/", social_views.signup, name="socialaccount_signup"),
]
