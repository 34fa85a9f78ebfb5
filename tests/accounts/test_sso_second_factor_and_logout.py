"""Single sign-on with Django's test client against the real provider of
tests/support/oidc.py: the provider's amr "mfa" stands for the local second
factor even when the user also has an authenticator app, and signing out
sends the browser on to the provider's end_session_endpoint (RP-initiated
logout) only for a session begun there, and only when switched on."""

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from tests.support.oidc import CLIENT_ID, client_sso_login
from tests.support.second_factor import give_totp

pytestmark = pytest.mark.django_db(transaction=True)


def sso_user_with_an_app(client, provider, username: str, password: str):
    """A first sign-in creates the user; the user then adds a local app."""
    client_sso_login(client, provider, username, password)
    user = SocialAccount.objects.get(provider="kommun").user  # the test's only one
    give_totp(user)
    client.post(reverse("logout"))
    return user


def test_the_providers_mfa_counts_even_with_a_local_app(client, oidc_provider, settings):
    settings.OIDC_PROVIDER_LOGOUT = False
    sso_user_with_an_app(client, oidc_provider, "anna", "anna-provider-pass")

    response = client_sso_login(client, oidc_provider, "anna", "anna-provider-pass")
    # amr says mfa: no code page, straight in, and /oro/ opens
    assert response.status_code == 302
    assert reverse("mfa_authenticate") not in response["Location"]
    assert client.get("/oro/").status_code == 200


def test_without_mfa_at_the_provider_the_local_app_is_asked_for(client, oidc_provider,
                                                                settings):
    settings.OIDC_PROVIDER_LOGOUT = False
    oidc_provider.set_person("olle", groups=["tryggsam-remisser"], amr=["pwd"])
    sso_user_with_an_app(client, oidc_provider, "olle", "olle-provider-pass")

    response = client_sso_login(client, oidc_provider, "olle", "olle-provider-pass")
    # amr says pwd only: the local code is asked for, /remisser/ stays shut
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/remisser/").status_code == 302


def test_signing_out_of_an_sso_session_goes_to_the_provider(client, oidc_provider):
    client_sso_login(client, oidc_provider, "anna", "anna-provider-pass")
    response = client.post(reverse("logout"))
    # on to the provider's end-session endpoint, back to the login page after
    target = urlsplit(response["Location"])
    query = parse_qs(target.query)
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{oidc_provider.issuer}/logout/"
    assert query["post_logout_redirect_uri"] == [f"{oidc_provider.tryggsam_url}/accounts/login/"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["id_token_hint"][0].count(".") == 2  # the signed ID token
    # and Tryggsam's own session is over
    assert client.get("/").status_code == 302


def test_sign_out_stays_local_when_switched_off_or_not_an_sso_session(
        client, oidc_provider, settings, make_user):
    settings.OIDC_PROVIDER_LOGOUT = False
    client_sso_login(client, oidc_provider, "anna", "anna-provider-pass")
    assert client.post(reverse("logout"))["Location"] == reverse("login")

    # a password sign-in never sends anyone to the provider
    settings.OIDC_PROVIDER_LOGOUT = True
    make_user("nils")
    signed_in = client.post(reverse("login"), {"username": "nils",
                                               "password": "correct horse battery"})
    assert signed_in["Location"] == reverse("core:home")
    assert client.post(reverse("logout"))["Location"] == reverse("login")
