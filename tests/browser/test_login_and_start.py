import pytest

from accounts.roles import Role
from tests.support.browser import axe_violations, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_and_sees_the_start_page(page, make_user):
    make_user("samordnare", roles=[Role.COORDINATOR], first_name="Sara")
    page.goto(f"{page.live_server_url}/accounts/login/")
    assert page.locator("h1").inner_text() == "Logga in i Tryggsam"
    # the login page has no serious or critical accessibility problem
    assert axe_violations(page) == []

    browser_login(page, "samordnare", "correct horse battery")
    page.wait_for_url(f"{page.live_server_url}/")
    assert "Välkommen, Sara" in page.locator("h1").inner_text()
    # the start page neither
    assert axe_violations(page) == []


def test_wrong_password_shows_a_swedish_message(page, make_user):
    make_user("samordnare")
    browser_login(page, "samordnare", "fel lösenord")
    assert "stämde inte" in page.locator("[role=alert]").inner_text()
    # the user name is kept in the form
    assert page.input_value("#id_username") == "samordnare"


def test_skip_link_moves_focus_to_the_main_content(page, make_user):
    make_user("samordnare", roles=[Role.COORDINATOR])
    browser_login(page, "samordnare", "correct horse battery")
    page.wait_for_url(f"{page.live_server_url}/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
