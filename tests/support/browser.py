"""Playwright driving Debian's Chromium against pytest-django's live server."""

import os

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.live_server_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium, live_server):
    context = chromium.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm",
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    page.live_server_url = live_server.url
    yield page
    context.close()


def browser_login(page, username: str, password: str, *, second_factor: bool = True) -> None:
    """Sign in through the login page. With `second_factor` (the default) the
    user gets a TOTP device if they have none, and the code from it is typed
    into the second-factor page, as every user of the sensitive areas does."""
    from tests.support.second_factor import give_totp, totp_code

    user = _user_named(username) if second_factor else None
    secret = give_totp(user) if user is not None else None
    page.goto(f"{page.live_server_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    if secret is None:
        return
    page.wait_for_load_state()
    if "/accounts/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", totp_code(user, secret))
        page.click("form[action$='/2fa/authenticate/'] button[type=submit]")


def _user_named(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username=username).first()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (bundled in axe-playwright-python) and return the serious
    and critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in impacts]
