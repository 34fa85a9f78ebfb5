"""The second factor in a real browser: enrolling the authenticator app,
signing in with its code, and the day the phone is lost (a recovery code,
then a new phone). Codes are computed with pyotp from what the page shows."""

import pyotp
import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from accounts.roles import Role
from tests.support.browser import axe_violations, browser_login
from tests.support.second_factor import give_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
CONCERNS_H1 = "Oro för våldsbejakande extremism"


def test_a_coordinator_enrols_the_app_and_then_reaches_concerns(page, make_user):
    make_user("samordnare", roles=[Role.COORDINATOR])
    browser_login(page, "samordnare", PASSWORD, second_factor=False)
    page.wait_for_url("**/accounts/tvafaktor/**")
    assert "OSL 26 kap." in page.locator("main").inner_text()
    assert axe_violations(page) == []
    # /oro/ stays closed until the app is set up
    page.goto(f"{page.live_server_url}/oro/")
    assert "/accounts/tvafaktor/" in page.url

    page.click("text=Ställ in autentiseringsappen")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator("img[alt='QR-kod för autentiseringsappen']").is_visible()
    assert axe_violations(page) == []
    secret = page.locator("#totp-secret").inner_text()
    page.fill("#id_code", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    page.click("main button[type=submit]")
    # a wrong code is refused in Swedish and the app is not activated
    assert "Felaktig kod." in page.locator("[role=alert]").inner_text()

    page.fill("#id_code", pyotp.TOTP(secret).now())
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    codes = page.locator(".recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.goto(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1


def test_sign_in_asks_for_the_code_and_returns_to_the_page_asked_for(page, make_user):
    user = make_user("samordnare", roles=[Role.COORDINATOR])
    secret = give_totp(user)
    page.goto(f"{page.live_server_url}/oro/")
    page.wait_for_url("**/accounts/login/?next=/oro/")
    page.fill("#id_username", "samordnare")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    # one text input, named code
    assert page.locator("main input[type=text]").count() == 1
    assert page.locator("main input[name=code]").count() == 1
    assert axe_violations(page) == []
    page.fill("input[name=code]", totp_code(user, secret))
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    page.wait_for_url(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1


def test_a_lost_phone_a_recovery_code_then_a_new_phone(page, make_user):
    user = make_user("samordnare", roles=[Role.COORDINATOR])
    give_totp(user)
    recovery = RecoveryCodes.activate(user).get_unused_codes()

    browser_login(page, "samordnare", PASSWORD, second_factor=False)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert "reservkoder" in page.locator("main").inner_text()
    page.fill("input[name=code]", recovery[0])
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    page.wait_for_url(f"{page.live_server_url}/")
    page.goto(f"{page.live_server_url}/oro/")
    assert page.locator("h1").inner_text() == CONCERNS_H1

    # the old phone is switched off and a new one set up
    page.goto(f"{page.live_server_url}/accounts/2fa/")
    page.click("text=Stäng av autentiseringsappen")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/")
    assert "Du har ingen autentiseringsapp ännu." in page.locator("main").inner_text()
    page.click("main >> text=Ställ in autentiseringsappen")
    new_secret = page.locator("#totp-secret").inner_text()
    page.fill("#id_code", pyotp.TOTP(new_secret).now())
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")

    # the used recovery code is spent; the new phone's code signs in
    page.click("text=Logga ut")
    browser_login(page, "samordnare", PASSWORD, second_factor=False)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.fill("input[name=code]", recovery[0])
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    assert "Felaktig kod." in page.locator("[role=alert]").inner_text()
    page.fill("input[name=code]", totp_code(user, new_secret))
    page.click("form[action$='/2fa/authenticate/'] button[type=submit]")
    page.wait_for_url(f"{page.live_server_url}/")
