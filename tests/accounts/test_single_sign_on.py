"""Single sign-on end to end in Chromium, against a real OpenID Connect
provider started by the test (django-oauth-toolkit, tests/support/oidc.py):
first sign-in with group → role mapping, the provider's amr as the second
factor, sign-out at Tryggsam and the provider (RP-initiated logout), removal
from the provider's group, and identification by
issuer + subject only (never by user name or e-mail)."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model

from accounts.roles import Role
from audit.models import AccessLogEntry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONCERNS_H1 = "Oro för våldsbejakande extremism"


def sso_login(page, username=None, password=None):
    page.goto(f"{page.live_server_url}/accounts/login/")
    page.click("text=Logga in med kommunens konto")
    if username:
        page.wait_for_url("**/login/?next=**")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("#provider-login")
    page.wait_for_url(f"{page.live_server_url}/**")
    page.wait_for_load_state()


def roles_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_sign_in_maps_groups_and_follows_the_provider(page, oidc_provider):
    # a local account with the same user name and e-mail is someone else
    local = get_user_model().objects.create_user(
        "anna", email="anna@example.org", password="local-anna-pass-123")

    sso_login(page, "anna", "anna-provider-pass")
    page.wait_for_url(f"{page.live_server_url}/")
    link = SocialAccount.objects.get(provider="kommun")
    user = link.user
    assert user != local and user.username != "anna"
    assert roles_of(user) == {Role.COORDINATOR} and roles_of(local) == set()
    granted = AccessLogEntry.objects.get(action="role_granted", object_id=user.pk)
    assert granted.path == f"oidc:{oidc_provider.issuer}"
    # the provider's amr says mfa: concerns open without a local code
    page.goto(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1

    # sign-out ends the Tryggsam session and, through the provider's
    # end_session_endpoint, the provider's: back on Tryggsam's login page
    provider_pages = []
    page.on("request", lambda request: provider_pages.append(request.url)
            if request.url.startswith(oidc_provider.issuer) else None)
    page.click("text=Logga ut")
    page.wait_for_url(f"{page.live_server_url}/accounts/login/")
    assert any(url.startswith(f"{oidc_provider.issuer}/logout/?") and "id_token_hint=" in url
               for url in provider_pages)
    page.goto(f"{page.live_server_url}/oro/")
    assert "/accounts/login/" in page.url

    # out of the provider's group: the role goes at the next sign-in, for
    # which the provider asks for the password again (its session ended)
    oidc_provider.set_person("anna", groups=[])
    sso_login(page, "anna", "anna-provider-pass")
    page.wait_for_url(f"{page.live_server_url}/")
    assert roles_of(user) == set()
    assert AccessLogEntry.objects.filter(action="role_removed", object_id=user.pk,
                                         object_reference=Role.COORDINATOR).exists()
    assert SocialAccount.objects.count() == 1  # the same person, not a new one
    assert page.goto(f"{page.live_server_url}/oro/").status == 404


def test_without_mfa_at_the_provider_the_local_second_factor_is_required(page, oidc_provider):
    oidc_provider.set_person("olle", groups=["tryggsam-remisser"], amr=["pwd"])
    sso_login(page, "olle", "olle-provider-pass")
    # a social-services role needs a second factor; the provider's pwd is not one
    page.wait_for_url("**/accounts/tvafaktor/**")
    user = SocialAccount.objects.get(provider="kommun").user
    assert roles_of(user) == {Role.SOCIAL_SERVICES}
    page.goto(f"{page.live_server_url}/remisser/")
    assert "/accounts/tvafaktor/" in page.url


def test_a_first_time_user_outside_the_mapped_groups_gets_no_rights(page, oidc_provider):
    sso_login(page, "olle", "olle-provider-pass")
    page.wait_for_url(f"{page.live_server_url}/")
    user = SocialAccount.objects.get(provider="kommun").user
    assert roles_of(user) == set() and not user.is_staff
    assert "Välkommen" in page.locator("h1").inner_text()
