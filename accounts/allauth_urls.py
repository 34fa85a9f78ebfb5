"""The parts of django-allauth that Tryggsam uses, and only those (no sign-up,
no e-mail management, no password reset by mail). allauth's pages reverse
`account_login` and `account_logout`: they are Tryggsam's own pages."""

from allauth.account import views as allauth_views
from allauth.mfa.base import views as mfa_views
from allauth.mfa.webauthn import views as webauthn_views
from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.urls import include, path

from . import sso_logout, views

# allauth.mfa.urls, but a key's id through <id:pk> (core.converters) instead
# of <int:pk>, and without renaming keys or passkey-only sign-in.
webauthn_patterns = [
    path("", webauthn_views.list_webauthn, name="mfa_list_webauthn"),
    path("add/", webauthn_views.add_webauthn, name="mfa_add_webauthn"),
    path("reauthenticate/", webauthn_views.reauthenticate_webauthn,
         name="mfa_reauthenticate_webauthn"),
    path("keys/<id:pk>/remove/", webauthn_views.remove_webauthn, name="mfa_remove_webauthn"),
]
mfa_patterns = [
    # allauth.mfa.base.urls, with our code confirmation: it offers the
    # security key only to users who have one (accounts.views).
    path("", mfa_views.index, name="mfa_index"),
    path("authenticate/", mfa_views.authenticate, name="mfa_authenticate"),
    path("reauthenticate/", views.ReauthenticateView.as_view(), name="mfa_reauthenticate"),
    path("totp/", include("allauth.mfa.totp.urls")),
    path("recovery-codes/", include("allauth.mfa.recovery_codes.urls")),
    path("webauthn/", include(webauthn_patterns)),
]

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("logout/", sso_logout.LogoutView.as_view(), name="account_logout"),
    path("reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include(mfa_patterns)),
    # Single sign-on (OpenID Connect): /accounts/oidc/kommun/login/ and
    # …/login/callback/ (the redirect URI registered at the provider; its
    # view keeps the ID token for the sign-out, accounts/sso_logout.py).
    path("oidc/<str:provider_id>/login/", oidc_views.login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", sso_logout.callback,
         name="openid_connect_callback"),
    path("sso/avbruten/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("sso/fel/", social_views.login_error, name="socialaccount_login_error"),
    path("sso/registrera/", social_views.signup, name="socialaccount_signup"),
]
