"""Sign-out of a session begun at the municipality's identity provider:
Tryggsam's session ends, and (OIDC_PROVIDER_LOGOUT, on by default) the
browser is sent to the provider's end_session_endpoint (OpenID Connect
RP-Initiated Logout 1.0) with the ID token as id_token_hint and Tryggsam's
login page as post_logout_redirect_uri, so that the provider's session ends
too (a shared computer stays no one's).

allauth keeps the ID token's claims, not the signed token itself; the
callback below keeps the token in the session, which is the only place it is
needed (never in the database)."""

import logging
from urllib.parse import urlencode

import requests
from allauth.account.internal.flows.login import get_authentication_records
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from . import oidc

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "tryggsam_oidc_id_token"  # noqa: S105 (a session key name)


class ProviderAdapter(OpenIDConnectOAuth2Adapter):
    """allauth's OpenID Connect adapter, keeping the ID token for sign-out."""

    def complete_login(self, request, app, token, **kwargs):
        sociallogin = super().complete_login(request, app, token, **kwargs)
        id_token = kwargs["response"].get("id_token")
        if id_token:
            request.session[ID_TOKEN_SESSION_KEY] = id_token
        return sociallogin


@login_not_required
def callback(request, provider_id):
    """allauth's openid_connect callback with ProviderAdapter."""
    try:
        view = OAuth2CallbackView.adapter_view(ProviderAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def signed_in_through_provider(request) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "socialaccount"
               and record.get("provider") == settings.OIDC_PROVIDER_ID for record in records)


def provider_logout_url(request) -> str:
    """The provider's end-session URL for this session, or "" for a local
    sign-out (not an SSO session, switched off, or no end_session_endpoint)."""
    if not (settings.OIDC_PROVIDER_LOGOUT and oidc.is_configured()
            and request.user.is_authenticated and signed_in_through_provider(request)):
        return ""
    adapter = ProviderAdapter(request, settings.OIDC_PROVIDER_ID)
    try:
        endpoint = adapter.openid_config.get("end_session_endpoint", "")
        client_id = adapter.get_provider().app.client_id
    except (requests.RequestException, ValueError, SocialApp.DoesNotExist):
        # The provider is unreachable: Tryggsam's own session still ends.
        logger.warning("sign-out: the provider's discovery document could not be read")
        return ""
    if not endpoint:
        return ""
    params = {"client_id": client_id,
              "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))}
    if request.session.get(ID_TOKEN_SESSION_KEY):
        params["id_token_hint"] = request.session[ID_TOKEN_SESSION_KEY]
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"


class LogoutView(auth_views.LogoutView):
    """Django's sign-out (POST only), then on to the provider when the
    session began there."""

    def post(self, request, *args, **kwargs):
        at_provider = provider_logout_url(request)  # read before the session ends
        response = super().post(request, *args, **kwargs)
        return redirect(at_provider) if at_provider else response
