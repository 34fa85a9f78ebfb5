"""Single sign-on settings without a browser: the SSO button only when a
provider is configured, the password refused to SSO users when switched
off, the role map read from the environment's format, and a token from
another issuer refused."""

import pytest
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.test import RequestFactory
from django.urls import reverse

from accounts.oidc import SocialAccountAdapter, counts_as_second_factor, roles_from_claims
from accounts.roles import Role
from config.settings.parts.signin import openid_connect_providers

PASSWORD = "correct horse battery"
ISSUER = "https://idp.example.org/realms/kommun"


@pytest.fixture
def sso_configured(settings):
    settings.OIDC_ISSUER = ISSUER
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(ISSUER, "client", "secret")


@pytest.mark.django_db
def test_the_sso_button_shows_only_when_configured(client, settings):
    assert "Logga in med kommunens konto" not in client.get(reverse("login")).content.decode()
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(ISSUER, "client", "secret")
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med kommunens konto" in page
    assert 'action="/accounts/oidc/kommun/login/"' in page


@pytest.mark.django_db
def test_the_local_password_can_be_switched_off_for_sso_users(
        client, make_user, settings, sso_configured):
    staff = make_user("sara", roles=[Role.REPORTER])
    make_user("polis", roles=[Role.POLICE])
    SocialAccount.objects.create(user=staff, provider="kommun", uid="sub-1")
    settings.LOCAL_PASSWORD_LOGIN_FOR_SSO_USERS = False
    refused = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert refused.status_code == 403
    assert "bara in med kommunens konto" in refused.content.decode()
    assert client.get(reverse("core:home")).status_code == 302  # not signed in
    # a partner's local account is unaffected
    assert client.post(reverse("login"),
                       {"username": "polis", "password": PASSWORD}).status_code == 302


def test_the_role_map_and_the_mfa_claims(settings):
    settings.OIDC_ROLE_MAP = {"g-samordnare": [Role.COORDINATOR],
                              "g-ifo": [Role.SOCIAL_SERVICES, Role.GROUP_MEMBER]}
    settings.OIDC_GROUPS_CLAIM = "groups"
    assert roles_from_claims({"groups": ["g-ifo", "other"]}) == {
        Role.SOCIAL_SERVICES, Role.GROUP_MEMBER}
    assert roles_from_claims({"groups": "g-samordnare"}) == {Role.COORDINATOR}
    assert roles_from_claims({}) == set()
    settings.OIDC_MFA_AMR, settings.OIDC_MFA_ACR = ["mfa"], ["urn:kommun:loa3"]
    assert counts_as_second_factor({"amr": ["pwd", "mfa"]})
    assert counts_as_second_factor({"amr": ["pwd"], "acr": "urn:kommun:loa3"})
    assert not counts_as_second_factor({"amr": ["pwd"], "acr": "urn:kommun:loa1"})
    assert not counts_as_second_factor({})


@pytest.mark.django_db
def test_a_token_from_another_issuer_is_refused(sso_configured):
    account = SocialAccount(provider="kommun", uid="sub-1",
                            extra_data={"id_token": {"iss": "https://evil.example.org",
                                                     "sub": "sub-1"}})
    request = RequestFactory().get("/")
    with pytest.raises(ImmediateHttpResponse) as refused:
        SocialAccountAdapter(request).pre_social_login(request, SocialLogin(account=account))
    assert refused.value.response.status_code == 403
