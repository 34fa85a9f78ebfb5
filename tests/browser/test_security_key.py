"""A security key (WebAuthn) as the second factor in Chromium, with a
virtual authenticator through the DevTools protocol (a CTAP2 USB key with a
PIN that is always given): enrolment, sign-in with the password and the key,
and removing the key."""

import pytest
from allauth.mfa.models import Authenticator

from accounts.roles import Role
from tests.support.browser import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
CONCERNS_H1 = "Oro för våldsbejakande extremism"


def plug_in_a_key(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "usb", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }})


def test_a_coordinator_enrols_a_key_signs_in_with_it_and_removes_it(page, make_user):
    user = make_user("samordnare", roles=[Role.COORDINATOR])
    plug_in_a_key(page)
    browser_login(page, "samordnare", PASSWORD, second_factor=False)
    page.wait_for_url("**/accounts/tvafaktor/**")

    # enrol: the guidance offers a key besides the app
    page.click("main >> text=Lägg till en säkerhetsnyckel")
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    assert axe_violations(page) == []
    page.fill("#id_name", "Blå nyckel")
    page.click("#mfa_webauthn_add")
    # the first device brings the recovery codes, shown once enrolled
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert len(page.locator(".recovery-codes li").all_inner_texts()) == 10
    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Blå nyckel"
    # the new key was just proven: /oro/ opens in this session
    page.goto(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1

    # sign out; the password alone is not enough, the key is
    page.click("text=Logga ut")
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{page.live_server_url}/oro/")
    page.fill("#id_username", "samordnare")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # the code page keeps its one text input named code, and offers the key
    assert page.locator("main input[type=text]").count() == 1
    assert page.locator("main input[name=code]").count() == 1
    assert "Har du tappat bort telefonen eller nyckeln?" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1

    # remove the key on the list of keys
    page.goto(f"{page.live_server_url}/accounts/2fa/")
    assert "Blå nyckel" in page.locator("main").inner_text()
    page.click("text=Hantera dina säkerhetsnycklar")
    page.wait_for_url("**/accounts/2fa/webauthn/")
    assert axe_violations(page) == []
    page.click("text=Ta bort Blå nyckel")
    assert "Ta bort en säkerhetsnyckel" in page.locator("h1").inner_text()
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/webauthn/")
    assert "Du har ingen säkerhetsnyckel ännu." in page.locator("main").inner_text()
    assert not Authenticator.objects.filter(user=user).exists()
